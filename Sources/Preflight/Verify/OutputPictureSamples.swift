import Foundation
import MediaIO

/// The output's pictures at chosen times, copied during the scan's one full decode (`OutputPictureReader`):
/// for each time, the first picture at or after it less `tolerance` (half a frame), in RGB for the comparison
/// with the input and, where asked, a grey copy (cropped and scaled to the face) for the face detector.
/// Which grey copy a time needs may not be known yet when its picture decodes (the input's faces are still
/// being found): the picture is then held (`HeldPicture`, no pixel copied) and copied once it is known, so
/// the decode never waits for the detector unless `maxHeld` pictures are held already. `onPicture` sees each
/// grey copy as it is made.
final class OutputPictureSamples: OutputPictureReader {
    struct Picture {
        var time: Double
        var gray: GrayPicture?
        var rgb: RGBPicture?
    }

    /// The grey copy wanted of a sample's picture, as far as known.
    enum GrayCopy {
        case none
        case wanted(PictureCopyRequest)
        case notYetKnown
    }

    /// Pictures held at most (each is a whole decoded frame: ~1.4 MB at 720p).
    static let maxHeld = 4

    /// Ascending output times, seconds from the video stream's start.
    let times: [Double]
    let tolerance: Double
    /// Per sample: its grey copy; with `wait`, never `.notYetKnown`.
    private let grayCopy: (_ sample: Int, _ wait: Bool) -> GrayCopy
    private let rgbRequest: PictureCopyRequest
    private let onPicture: (_ sample: Int, _ gray: GrayPicture) -> Void
    private var next = 0
    private var pending: [(time: Double, samples: Range<Int>)] = []
    private var held: [(sample: Int, picture: HeldPicture)] = []
    /// By sample index.
    private(set) var pictures: [Int: Picture] = [:]

    init(times: [Double], tolerance: Double, rgbWidth: Int, grayCopy: @escaping (_ sample: Int, _ wait: Bool) -> GrayCopy,
         onPicture: @escaping (_ sample: Int, _ gray: GrayPicture) -> Void) {
        self.times = times
        self.tolerance = tolerance
        self.grayCopy = grayCopy
        rgbRequest = PictureCopyRequest(kind: .rgb, maxWidth: rgbWidth, tag: 1)
        self.onPicture = onPicture
    }

    func want(time: Double?, width: Int, height: Int) -> [PictureCopyRequest] {
        guard let time, next < times.count, time >= times[next] - tolerance else { return [] }
        let first = next
        while next < times.count, times[next] - tolerance <= time { next += 1 }
        pending.append((time, first..<next))
        if held.count >= Self.maxHeld { copyHeld(wait: true) }
        switch grayCopy(first, false) {
        case .none: return [rgbRequest]
        case .wanted(let r): return [rgbRequest, r]
        case .notYetKnown: return [rgbRequest, PictureCopyRequest(kind: .held, maxWidth: 0)]
        }
    }

    func take(time: Double?, copies: [PictureCopy]) {
        guard let time, let head = pending.first, head.time == time else { return }
        pending.removeFirst()
        let gray = copies.first { $0.kind == .gray }?.gray, rgb = copies.first { $0.kind == .rgb }?.rgb
        for i in head.samples { pictures[i] = Picture(time: time, gray: gray, rgb: rgb) }
        if let gray {
            onPicture(head.samples.lowerBound, gray)
        } else if let kept = copies.first(where: { $0.kind == .held })?.held {
            held.append((head.samples.lowerBound, kept))
        }
        copyHeld(wait: false)
    }

    /// Makes the grey copies of the held pictures whose copy is known now (of all of them when `wait`), and
    /// lets those pictures go. Call with `wait` once the scan is over.
    func copyHeld(wait: Bool) {
        held.removeAll { sample, picture in
            switch grayCopy(sample, wait) {
            case .notYetKnown: return false
            case .none: return true
            case .wanted(let r):
                if let g = picture.copy(r)?.gray {
                    pictures[sample]?.gray = g
                    onPicture(sample, g)
                }
                return true
            }
        }
    }
}
