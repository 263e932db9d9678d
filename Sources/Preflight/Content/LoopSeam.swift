import Foundation
import MediaIO

/// Whether a clip's last picture matches its first where a jump would show: the whole picture, and, when
/// the first picture has a face, the face and its mouth at full resolution (up to 1920 px wide). A talking
/// head whose mouth is closed at the start and open at the end matches on a coarse grid but not here.
struct LoopSeam: Sendable {
    /// Mean absolute grey difference (0–255) over the whole picture.
    var frameDifference: Double
    /// The same over the largest face's box, and over its mouth (lower third, middle half); nil without a face.
    var faceDifference: Double?
    var mouthDifference: Double?
    var faceBox: FaceBox?
    var pictureWidth: Int

    /// `faces`: the content pass's faces, whose first frame is this clip's first picture; its largest face is
    /// compared, so no detector is built here again. Without them the face is detected on the first picture.
    static func measure(path: String, timeoutSeconds: Double, faces: FaceFigures?) -> LoopSeam? {
        guard let file = try? InputFile(path: path, options: .reopeningToDecode(timeoutSeconds: timeoutSeconds)),
              let video = file.streams.first(where: { $0.mediaType == .video && !$0.isAttachedPicture }),
              let pair = try? file.firstAndLastGray(streamIndex: video.index, maxWidth: 1920),
              pair.first.width == pair.last.width, pair.first.height == pair.last.height else { return nil }
        let a = pair.first, b = pair.last
        var seam = LoopSeam(frameDifference: difference(a, b, 0, 0, a.width, a.height), pictureWidth: a.width)
        if a.width >= 24, a.height >= 24, let face = largestFirstFace(faces, in: a) {
            let l = max(0, face.left), t = max(0, face.top), r = min(a.width, face.right), btm = min(a.height, face.bottom)
            if r - l >= 8, btm - t >= 8 {
                seam.faceBox = face
                seam.faceDifference = difference(a, b, l, t, r, btm)
                let w = r - l, h = btm - t
                seam.mouthDifference = difference(a, b, l + w / 4, t + 2 * h / 3, r - w / 4, btm)
            }
        }
        return seam
    }

    /// The largest face of the first picture, in `picture`'s pixels: from the content pass when it ran (its boxes
    /// are in source pixels), else detected here.
    private static func largestFirstFace(_ faces: FaceFigures?, in picture: GrayPicture) -> FaceBox? {
        if let faces {
            guard let first = faces.frames.first, let face = first.faces.max(by: { $0.height < $1.height }) else { return nil }
            let s = picture.scale
            return FaceBox(left: Int(Double(face.box[0]) / s), top: Int(Double(face.box[1]) / s),
                           right: Int(Double(face.box[2]) / s), bottom: Int(Double(face.box[3]) / s), score: face.score)
        }
        guard let detector = try? FaceDetector() else { return nil }
        return detector.detect(picture, upsample: picture.width <= 1000 ? 1 : 0)?.max { $0.height < $1.height }
    }

    /// Seamless when the whole picture and, where there is one, the face and the mouth all stay within `limit`.
    func isSeamless(limit: Double) -> Bool {
        frameDifference <= limit && (faceDifference ?? 0) <= limit && (mouthDifference ?? 0) <= limit
    }

    /// What was compared, for the advice.
    var summary: String {
        var parts = [String(format: "whole picture %.1f", frameDifference)]
        if let f = faceDifference, let m = mouthDifference, let box = faceBox {
            parts.append(String(format: "face %dx%d px %.1f", box.width, box.height, f))
            parts.append(String(format: "mouth %.1f", m))
        } else {
            parts.append("no face on the first frame")
        }
        return "first vs last frame at \(pictureWidth) px wide, mean grey difference: " + parts.joined(separator: ", ")
    }

    private static func difference(_ a: GrayPicture, _ b: GrayPicture, _ l: Int, _ t: Int, _ r: Int, _ btm: Int) -> Double {
        var sum = 0, n = 0
        for y in t..<btm {
            let row = y * a.width
            for x in l..<r {
                sum += abs(Int(a.pixels[row + x]) - Int(b.pixels[row + x]))
                n += 1
            }
        }
        return n > 0 ? Double(sum) / Double(n) : 0
    }
}
