import Foundation
import MediaIO

/// Follows the face through dense windows of a video during a decode and measures how open the mouth is on
/// every frame: dlib finds the face on a window's first frame and every `redetectFrames` after, the 68
/// landmarks follow it in between, and the opening is the outer lips' height (landmarks 51–57) over the
/// nose-to-chin length (27–8), so it does not depend on the face's size.
///
/// Landmarks cost ~4 ms a frame, so only frames inside `windows` are looked at, and they are read on a worker
/// thread (8 MB of stack: dlib's detector recurses deeply) at the lowest priority (`ThreadPriority`), so the
/// decoder keeps going meanwhile and keeps its cores. The decode hands over the decoded frames themselves
/// (`HeldPicture`, no pixel copied) and the worker makes the grey copy (at most 640 px wide) only of the frames
/// it reads: without a face it looks again only every `redetectFrames`, so most frames are never copied, and
/// the copies it does make cost the decode's thread nothing. At most `queueLimit` frames, and `queueBytes`
/// of them, wait, so memory stays flat. `finish` or `close` ends the thread.
final class MouthTrack: OutputPictureReader, @unchecked Sendable {
    /// One frame of a window: its time (seconds from the video stream's start) and the opening, nil when no
    /// face or landmarks were found.
    struct Sample {
        var time: Double
        var opening: Double?
    }

    static let copyWidth = 640
    static let redetectFrames = 25
    static let queueLimit = 16
    /// Bytes of decoded frames waiting at most: 6 frames at 720p, 2 at 1080p and 4K (`queueLimit` bounds the
    /// count). Each holds the decoder's buffer (the grey copies they replace were ~0.2 MB): the decode runs
    /// that much ahead of the worker.
    static let queueBytes = 8 << 20
    /// Fewer measured frames than this (1.2 s at 25 fps) say nothing about the lips.
    static let minFrames = 30

    let windows: [TimeRun]
    private let models: FaceModels
    private let condition = NSCondition()
    private var pending: [(time: Double, picture: HeldPicture?)] = []
    /// Frames that may wait, from the frames' size (`queueLimit`, `queueBytes`); the decode's thread only.
    private var limit = MouthTrack.queueLimit
    private var closed = false
    private var done = false
    // Worker-only state (touched on the worker thread alone, and read after it is done).
    private var face: FaceBox?
    /// Where the landmarks' centre sat in the box dlib found: the box follows the centre, keeping dlib's shape.
    private var anchor: (x: Double, y: Double)?
    private var lastTime: Double?
    private var framesSinceDetect = 0
    private var collected: [Sample] = []
    private var failure: String?
    private var detector: FaceDetector?
    private var predictor: LandmarkPredictor?

    /// `models` gives dlib's detector (at the first picture) and landmark model (at the first face).
    init(windows: [TimeRun], models: FaceModels) {
        self.windows = windows
        self.models = models
        ThreadPriority.startBackgroundThread { [self] in work() }
    }

    private func work() {
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            guard !pending.isEmpty else {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let next = pending.removeFirst()
            condition.broadcast()
            condition.unlock()
            read(next.time, next.picture)
        }
    }

    /// Dense windows for a video of `duration` seconds: all of it up to `wholeSeconds`; beyond that the first
    /// `firstSeconds` and `laterCount` windows of `laterSeconds` spread over the rest, so the cost is bounded.
    static func windows(duration: Double, wholeSeconds: Double = 12, firstSeconds: Double = 4, laterCount: Int = 2,
                        laterSeconds: Double = 2) -> [TimeRun] {
        guard duration > 0 else { return [] }
        guard duration > wholeSeconds else { return [TimeRun(start: 0, end: duration)] }
        var w = [TimeRun(start: 0, end: firstSeconds)]
        for i in 1...laterCount {
            let centre = firstSeconds + (duration - firstSeconds) * Double(i) / Double(laterCount + 1)
            w.append(TimeRun(start: centre - laterSeconds / 2, end: centre + laterSeconds / 2))
        }
        return w
    }

    private func inWindow(_ t: Double) -> Bool { windows.contains { t >= $0.start - 1e-6 && t < $0.end } }

    func want(time: Double?, width: Int, height: Int) -> [PictureCopyRequest] {
        guard let t = time, inWindow(t) else { return [] }
        // A decoded 8-bit 4:2:0 frame is ~1.5 bytes a pixel (more for other formats: the bound is loose there).
        limit = max(2, min(Self.queueLimit, Self.queueBytes / max(1, width * height * 3 / 2)))
        return [PictureCopyRequest(kind: .held, maxWidth: Self.copyWidth)]
    }

    func take(time: Double?, copies: [PictureCopy]) {
        guard let t = time, inWindow(t) else { return }
        condition.lock()
        while pending.count >= limit && !closed { condition.wait() }
        if !closed { pending.append((t, copies.first?.held)) }
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the worker once the pictures queued are read, and waits for it. Safe to call more than once.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    /// Waits for the worker, then hands out the samples in time order, and why nothing was measured if so.
    func finish() -> (samples: [Sample], failure: String?) {
        close()
        return (collected.sorted { $0.time < $1.time }, failure)
    }

    private func read(_ t: Double, _ picture: HeldPicture?) {
        guard failure == nil else { return }
        if detector == nil {
            // A missing landmark model is said at once (as when it was loaded up front), before any picture is read.
            switch models.faceDetector() {
            case .failure(let e): return fail(e)
            case .success(let d):
                if let e = models.missingLandmarkModel { return fail(e) }
                detector = d
            }
        }
        // A jump in time is a new window (windows are seconds apart; frames, at most a few tenths): look again.
        if let last = lastTime, t - last > 0.5 { face = nil; framesSinceDetect = Self.redetectFrames }
        lastTime = t
        guard let held = picture else {
            collected.append(Sample(time: t, opening: nil))
            return
        }
        if face == nil, framesSinceDetect < Self.redetectFrames, !collected.isEmpty {
            // No face: look again every `redetectFrames` only (a whole-picture detection costs ~20–85 ms); the
            // frames between are not even copied.
            framesSinceDetect += 1
            collected.append(Sample(time: t, opening: nil))
            return
        }
        guard let g = held.copy(PictureCopyRequest(kind: .gray, maxWidth: Self.copyWidth))?.gray else {
            collected.append(Sample(time: t, opening: nil))
            return
        }
        if face == nil || framesSinceDetect >= Self.redetectFrames {
            // Small faces need dlib's upsampling (its window is 80 px).
            let found = detector!.detect(g, upsample: face == nil && g.width <= 400 ? 1 : 0)
            // Not found again: the face is gone (or blurred, or turned away); landmarks on what is left
            // there would measure nothing real, so the track stops until dlib finds a face again.
            face = found?.max(by: { $0.width * $0.height < $1.width * $1.height })
            anchor = nil
            framesSinceDetect = 0
        }
        framesSinceDetect += 1
        if face != nil, predictor == nil {
            switch models.landmarkModel() {
            case .success(let p): predictor = p
            case .failure(let e): return fail(e)
            }
        }
        guard let box = face, let l = predictor?.landmarks(in: g, face: box), l.points.count == 68 else {
            face = nil
            collected.append(Sample(time: t, opening: nil))
            return
        }
        func d(_ a: Int, _ b: Int) -> Double {
            let dx = Double(l.points[a].x - l.points[b].x), dy = Double(l.points[a].y - l.points[b].y)
            return (dx * dx + dy * dy).squareRoot()
        }
        // The next frame's box: dlib's box moved with the landmarks' centre (the predictor was trained on
        // dlib's boxes, so their shape is kept rather than replaced by the landmarks' extent).
        let cx = l.points.reduce(0.0) { $0 + Double($1.x) } / 68, cy = l.points.reduce(0.0) { $0 + Double($1.y) } / 68
        if let a = anchor {
            let dx = Int((cx - a.x).rounded()), dy = Int((cy - a.y).rounded())
            face = FaceBox(left: box.left + dx, top: box.top + dy, right: box.right + dx, bottom: box.bottom + dy, score: box.score)
        }
        anchor = (cx, cy)
        let reference = d(27, 8)
        collected.append(Sample(time: t, opening: reference > 4 ? d(51, 57) / reference : nil))
    }

    private func fail(_ e: ContentLibraryError) { failure = "mouth: \(e.description); the lips were not checked" }

    /// Runs of consecutive measured frames (a missing face or a gap of more than 1.5 frames ends a run).
    static func runs(_ samples: [Sample], frameSeconds: Double) -> [[Sample]] {
        var out: [[Sample]] = [], cur: [Sample] = []
        for s in samples {
            if s.opening == nil || (cur.last.map { s.time - $0.time > 1.5 * frameSeconds } ?? false) {
                if !cur.isEmpty { out.append(cur) }
                cur = []
            }
            if s.opening != nil { cur.append(s) }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }
}
