import Foundation
import MediaIO

/// The output's pictures at chosen times, copied during the scan's one full decode (`OutputPictureReader`):
/// for each time, the first picture at or after it less `tolerance` (half a frame), in RGB for the comparison
/// with the input and, where asked, a grey copy (cropped and scaled to the face) for the face detector.
/// `onPicture` sees each grey copy as it arrives.
final class OutputPictureSamples: OutputPictureReader {
    struct Picture {
        var time: Double
        var gray: GrayPicture?
        var rgb: RGBPicture?
    }

    /// Ascending output times, seconds from the video stream's start.
    let times: [Double]
    let tolerance: Double
    /// Per time: the grey copy wanted (nil: none), then the RGB copy.
    private let grayRequests: [PictureCopyRequest?]
    private let rgbRequest: PictureCopyRequest
    private let onPicture: (_ sample: Int, _ gray: GrayPicture) -> Void
    private var next = 0
    private var pending: [(time: Double, samples: Range<Int>)] = []
    /// By sample index.
    private(set) var pictures: [Int: Picture] = [:]

    init(times: [Double], tolerance: Double, grayRequests: [PictureCopyRequest?], rgbWidth: Int,
         onPicture: @escaping (_ sample: Int, _ gray: GrayPicture) -> Void) {
        self.times = times
        self.tolerance = tolerance
        self.grayRequests = grayRequests
        rgbRequest = PictureCopyRequest(kind: .rgb, maxWidth: rgbWidth, tag: 1)
        self.onPicture = onPicture
    }

    func want(time: Double?, width: Int, height: Int) -> [PictureCopyRequest] {
        guard let time, next < times.count, time >= times[next] - tolerance else { return [] }
        let first = next
        while next < times.count, times[next] - tolerance <= time { next += 1 }
        pending.append((time, first..<next))
        return [rgbRequest] + (grayRequests[first].map { [$0] } ?? [])
    }

    func take(time: Double?, copies: [PictureCopy]) {
        guard let time, let head = pending.first, head.time == time else { return }
        pending.removeFirst()
        let gray = copies.first { $0.kind == .gray }?.gray, rgb = copies.first { $0.kind == .rgb }?.rgb
        for i in head.samples {
            pictures[i] = Picture(time: time, gray: gray, rgb: rgb)
            if let gray, i == head.samples.lowerBound { onPicture(i, gray) }
        }
    }
}
