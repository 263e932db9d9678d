import Foundation
import MediaIO

/// The input video's pictures that verify compares the output with (`InputComparison`), decoded on a thread of
/// their own while the output scans, so neither waits for the other. Which picture serves each sampled time is
/// planned first from the input's packets (`InputFile.pictureTimes`, nothing decoded: ~60 ms for the 5-minute
/// bench MP4, where decoding its 24 keyframes and copying them kept the output's decode waiting ~150 ms). A
/// picture that decodes at another time than planned (a frame that fails to decode) is left out, and its times
/// are not compared. Without a plan (packets without timestamps) the pictures are decoded before the scan.
final class InputPictures: @unchecked Sendable {
    struct Picture {
        var time: Double
        var gray: GrayPicture?
        var rgb: RGBPicture?
    }

    /// Where one planned picture stands.
    enum State {
        case pending
        case missing
        case decoded(Picture)
    }

    /// The planned pictures' times (seconds from the stream's start, ascending).
    let times: [Double]
    /// Target index → planned picture index; targets without a picture are absent.
    let pictureOf: [Int: Int]
    private let condition = NSCondition()
    private var decoded: [Int: Picture] = [:]
    private var done = false
    private var failure: String?

    /// Plans, and starts decoding, the first picture at or after each of `targets` (ascending) less `tolerance`,
    /// with a grey copy at most `grayWidth` wide (handed to `workers` under its planned index) and an RGB copy
    /// at most `rgbWidth` wide. The plan reads the input's packets once; the decode reads them again (from the
    /// page cache), as far as the last target.
    init(path: String, stream: VideoStreamInfo, targets: [Double], tolerance: Double, keyframesOnly: Bool,
         grayWidth: Int, rgbWidth: Int, timeout: Double, workers: FaceDetectionWorkers) {
        let requests = [PictureCopyRequest(kind: .gray, maxWidth: grayWidth, tag: 0),
                        PictureCopyRequest(kind: .rgb, maxWidth: rgbWidth, tag: 1)]
        let plan = (try? InputFile(path: path, options: .reopeningToDecode(timeoutSeconds: timeout)))
            .flatMap { $0.pictureTimes(streamIndex: stream.index, keyframesOnly: keyframesOnly) }
        guard let plan else {
            // No plan: decode now, and the pictures decoded are the plan.
            var times: [Double] = [], pictureOf: [Int: Int] = [:]
            var decoded: [Int: Picture] = [:]
            failure = Self.decode(path: path, stream: stream, targets: targets, tolerance: tolerance, keyframesOnly: keyframesOnly,
                                  requests: requests, timeout: timeout, workers: workers) { served, picture in
                let i = times.count
                times.append(picture.time)
                for t in served { pictureOf[t] = i }
                decoded[i] = picture
                return i
            }
            self.times = times
            self.pictureOf = pictureOf
            self.decoded = decoded
            done = true
            return
        }
        // The first planned time at or after each target less the tolerance, as the decode will pick it.
        var times: [Double] = [], pictureOf: [Int: Int] = [:]
        var k = 0
        for (i, target) in targets.enumerated() {
            while k < plan.count, plan[k] < target - tolerance { k += 1 }
            guard k < plan.count else { break }
            if times.last != plan[k] { times.append(plan[k]) }
            pictureOf[i] = times.count - 1
        }
        self.times = times
        self.pictureOf = pictureOf
        // At the caller's priority: the output's pictures at these times wait for these faces.
        let thread = Thread(block: StopRequest.carried { [self] in
            let failure = Self.decode(path: path, stream: stream, targets: targets, tolerance: tolerance, keyframesOnly: keyframesOnly,
                                      requests: requests, timeout: timeout, workers: workers) { served, picture in
                // Kept only as the planned picture of its time (planned times are distinct: one at most).
                guard let i = served.lazy.compactMap({ self.pictureOf[$0] }).first(where: { abs(self.times[$0] - picture.time) < 1e-6 }) else {
                    return nil
                }
                condition.lock()
                decoded[i] = picture
                condition.broadcast()
                condition.unlock()
                return i
            }
            condition.lock()
            self.failure = failure
            done = true
            condition.broadcast()
            condition.unlock()
        })
        thread.stackSize = 1 << 23
        thread.start()
    }

    /// Decodes the pictures for `targets`; `keep` files one (the targets it serves, the picture) and returns its
    /// index, under which its grey copy goes to `workers` (nil: not kept). Returns why reading stopped early, if it did.
    private static func decode(path: String, stream: VideoStreamInfo, targets: [Double], tolerance: Double, keyframesOnly: Bool,
                               requests: [PictureCopyRequest], timeout: Double, workers: FaceDetectionWorkers,
                               keep: (Range<Int>, Picture) -> Int?) -> String? {
        var first = true
        do {
            let file = try InputFile(path: path, options: .reopeningToDecode(timeoutSeconds: timeout))
            _ = try file.samplePictureCopies(streamIndex: stream.index, targets: targets, tolerance: tolerance, keyframesOnly: keyframesOnly,
                                             requests: requests) { served, time, copies in
                let p = Picture(time: time, gray: copies.first { $0.kind == .gray }?.gray, rgb: copies.first { $0.kind == .rgb }?.rgb)
                guard let index = keep(served, p) else { return }
                if let g = p.gray {
                    workers.submit(SampledPicture(picture: g, isFirst: first, sourceWidth: stream.width, sourceHeight: stream.height),
                                   index: index)
                    first = false
                }
            }
            return nil
        } catch {
            return (error as? MediaIOError)?.reason ?? "\(error)"
        }
    }

    /// The planned picture `index`: `.pending` while it may still decode, unless `wait`, which waits until it
    /// has or the decode is over.
    func state(_ index: Int, wait: Bool) -> State {
        condition.lock()
        defer { condition.unlock() }
        while wait && decoded[index] == nil && !done { condition.wait() }
        if let p = decoded[index] { return .decoded(p) }
        return done ? .missing : .pending
    }

    /// Waits for the decode: the pictures by planned index, and why reading stopped early if it did.
    func finish() -> (pictures: [Int: Picture], failure: String?) {
        condition.lock()
        defer { condition.unlock() }
        while !done { condition.wait() }
        return (decoded, failure)
    }
}
