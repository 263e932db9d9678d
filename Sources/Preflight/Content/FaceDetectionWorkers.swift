import Foundation
import MediaIO

/// Face detection on two threads, each with its own dlib detector (`operator()` is not thread-safe). One
/// detector is built (~10 ms) on the first thread, and copied for the second. The queue is bounded, so
/// memory stays flat however many pictures are sampled.
final class FaceDetectionWorkers: @unchecked Sendable {
    /// What one picture gave: boxes in that picture's pixels, and a yaw per box when landmarks were read.
    struct Result {
        /// The index the picture was submitted with.
        var index: Int
        var sample: SampledPicture
        var boxes: [FaceBox]?
        var yaw: [Double?]
    }

    private let condition = NSCondition()
    private var queue: [(index: Int, sample: SampledPicture, upsample: Int?)] = []
    private var closed = false
    private var running = 0
    private var results: [Int: Result] = [:]
    /// Smallest first-picture face, in first-picture pixels; set once the first picture is done (nil inside: none).
    private var firstDone = false
    private var firstSubmitted = false
    private var firstSmallest: (height: Int, width: Int)?
    private var detectorFailed = false
    private let predictor: LandmarkPredictor?
    private let maxQueued: Int
    private let onFace: (@Sendable () -> Void)?

    /// Faces smaller than this (in the picture given to dlib) are missed at upsample 0: dlib's HOG window is 80 px.
    static let detectableHeight = 80

    /// `maxQueued` bounds the pictures waiting for a detector; `submit` blocks beyond it. A caller with a
    /// small fixed number of pictures can queue them all, so its decode never waits for the detector build.
    /// `onFace` is called (on a worker thread) after each picture in which a face was found. `background` runs
    /// the threads at the lowest priority (`ThreadPriority`), on the cores a decode running meanwhile leaves idle.
    init(threads: Int = 2, predictor: LandmarkPredictor?, maxQueued: Int = 4, background: Bool = false,
         onFace: (@Sendable () -> Void)? = nil) {
        self.predictor = predictor
        self.maxQueued = max(1, maxQueued)
        self.onFace = onFace
        running = threads
        let first = Thread { [self] in
            if background { ThreadPriority.lowerCurrentThread() }
            let detector = try? FaceDetector()
            for _ in 1..<max(1, threads) {
                let copy = try? detector?.copy()
                let t = Thread { [self] in
                    if background { ThreadPriority.lowerCurrentThread() }
                    work(copy)
                }
                t.stackSize = 1 << 23
                t.start()
            }
            work(detector)
        }
        first.stackSize = 1 << 23   // dlib's pyramid code recurses with sizeable frames
        first.start()
    }

    /// Queues `sample`; `upsample` overrides the choice made from the first picture (a caller that already
    /// scaled the picture to the face knows better).
    func submit(_ sample: SampledPicture, index: Int, upsample: Int? = nil) {
        condition.lock()
        while queue.count >= maxQueued && running > 0 { condition.wait() }
        if sample.isFirst { firstSubmitted = true }
        queue.append((index, sample, upsample))
        condition.broadcast()
        condition.unlock()
    }

    /// The result for the picture submitted as `index`: nil while it is not done, unless `wait`, which waits
    /// for it (it must have been submitted).
    func result(_ index: Int, wait: Bool) -> Result? {
        condition.lock()
        defer { condition.unlock() }
        while wait && results[index] == nil && running > 0 { condition.wait() }
        return results[index]
    }

    /// Waits for every submitted picture; results in submission order. `failed` when no detector could be built.
    func finish() -> (results: [Result], failed: Bool) {
        condition.lock()
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        let out = results.keys.sorted().compactMap { results[$0] }
        let failed = detectorFailed
        condition.unlock()
        return (out, failed)
    }

    /// Pictures where the first picture's face would fall under the detector's window get upsampled once (4x the cost).
    private func upsample(for s: SampledPicture) -> Int {
        if s.isFirst { return s.picture.width <= 1000 ? 1 : 0 }
        guard let f = firstSmallest else { return s.picture.width <= 1000 ? 1 : 0 }
        let scaled = Double(f.height) * Double(s.picture.width) / Double(max(1, f.width))
        return scaled < Double(Self.detectableHeight) * 1.25 ? 1 : 0
    }

    private func work(_ detector: FaceDetector?) {
        condition.lock()
        if detector == nil { detectorFailed = true }
        condition.unlock()
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                running -= 1
                condition.broadcast()
                condition.unlock()
                return
            }
            let job = queue.removeFirst()
            condition.broadcast()
            if !job.sample.isFirst && job.upsample == nil { while firstSubmitted && !firstDone { condition.wait() } }
            let up = job.upsample ?? upsample(for: job.sample)
            condition.unlock()

            let pic = job.sample.picture
            let tooSmall = pic.width < 24 || pic.height < 24
            let boxes = tooSmall ? [] : detector?.detect(pic, upsample: up)
            let yaw: [Double?] = (boxes ?? []).map { box in
                predictor?.landmarks(in: pic, face: box).flatMap(FacePose.yawDegrees)
            }

            condition.lock()
            results[job.index] = Result(index: job.index, sample: job.sample, boxes: boxes, yaw: yaw)
            if job.sample.isFirst {
                firstDone = true
                firstSmallest = boxes?.min { $0.height < $1.height }.map { ($0.height, pic.width) }
            }
            condition.broadcast()
            condition.unlock()
            if boxes?.isEmpty == false { onFace?() }
        }
    }
}
