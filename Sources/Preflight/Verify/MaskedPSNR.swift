import Foundation
import MediaIO

/// Peak signal-to-noise ratio of one RGB picture against another of the same size over R, G and B (so a
/// colour shift counts as much as a change of brightness), leaving out the rectangles given (the face, which
/// the lip-sync is meant to change).
enum MaskedPSNR {
    /// What identical pictures measure: PSNR is infinite there, and JSON has no infinity.
    static let identicalDB = 99.0

    struct Result {
        var decibels: Double
        /// Share of the picture left out.
        var excludedShare: Double
    }

    /// nil when the sizes differ or the rectangles leave nothing to compare. `excluding` is in the pictures' pixels.
    static func of(_ a: RGBPicture, against b: RGBPicture, excluding: [PixelRect]) -> Result? {
        guard a.width == b.width, a.height == b.height, a.width > 0, a.height > 0 else { return nil }
        let w = a.width, h = a.height
        var excluded = [Bool](repeating: false, count: w * h)
        for r in excluding {
            guard let c = r.clamped(width: w, height: h) else { continue }
            for y in c.y..<(c.y + c.height) { for x in c.x..<(c.x + c.width) { excluded[y * w + x] = true } }
        }
        var sum = 0.0
        var counted = 0
        a.pixels.withUnsafeBufferPointer { pa in
            b.pixels.withUnsafeBufferPointer { pb in
                for i in 0..<(w * h) where !excluded[i] {
                    var row = 0
                    for c in 0..<3 {
                        let d = Int(pa[i * 3 + c]) - Int(pb[i * 3 + c])
                        row += d * d
                    }
                    sum += Double(row)
                    counted += 1
                }
            }
        }
        guard counted > 0 else { return nil }
        let mse = sum / Double(counted * 3)
        let db = mse == 0 ? identicalDB : min(identicalDB, 10 * log10(255 * 255 / mse))
        return Result(decibels: db, excludedShare: 1 - Double(counted) / Double(w * h))
    }
}
