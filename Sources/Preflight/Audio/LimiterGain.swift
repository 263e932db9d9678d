import Foundation

/// The true-peak limiter's gain for each frame, computed from the signal's `TruePeakEnvelope` alone.
///
/// For position q the gain that brings the peak under the ceiling is `g = min(1, threshold / level)`;
/// the gain applied is the minimum of g over the next `lookAhead` positions, released exponentially
/// towards 1 and then averaged over `lookAhead` positions. The average of values that are each at most
/// the needed gain is itself at most the needed gain, so every peak ends under the ceiling without a
/// hard edge. The gain of frame p is known once the envelope of p + lookAhead - 1 arrived.
///
/// `threshold` is the ceiling divided by the make-up gain: the envelope is that of the input before the
/// gain, so one envelope serves any gain.
struct LimiterGain {
    /// How the gain moves: `lookAhead` positions of look-ahead (and of averaging), and the release's
    /// per-position coefficient.
    struct Timing {
        var lookAhead: Int
        var releaseCoefficient: Double

        /// At a sample rate: 5 ms look-ahead, 80 ms release.
        init(sampleRate: Int, lookAheadSeconds: Double = 0.005, releaseSeconds: Double = 0.08) {
            lookAhead = max(2, Int((lookAheadSeconds * Double(sampleRate)).rounded()))
            releaseCoefficient = exp(-1 / (releaseSeconds * Double(sampleRate)))
        }

        /// The same timing on positions that each stand for `frames` frames.
        func decimated(by frames: Int) -> Timing {
            var t = self
            t.lookAhead = max(2, Int((Double(lookAhead) / Double(frames)).rounded()))
            t.releaseCoefficient = pow(releaseCoefficient, Double(frames))
            return t
        }
    }

    let lookAhead: Int
    let threshold: Float
    private let releaseCoefficient: Double
    /// The last `lookAhead - 1` levels (the earlier part of the next windows), then scratch space.
    private var window: [Float]
    private var prefix: [Float] = []
    private var suffix: [Float] = []
    private var needed: [Float] = []
    /// The last `lookAhead` released gains (a ring) and their sum.
    private var released: [Double]
    private var releasedSum: Double
    private var slot = 0
    private var releaseDepth: Double = 0
    /// Next envelope position.
    private(set) var position: Int64 = 0

    init(timing: Timing, threshold: Float) {
        lookAhead = timing.lookAhead
        self.threshold = threshold
        releaseCoefficient = timing.releaseCoefficient
        // Levels before the first position are silence (no level is below 0).
        window = [Float](repeating: 0, count: lookAhead - 1)
        released = [Double](repeating: 1, count: lookAhead)
        releasedSum = Double(lookAhead)
    }

    /// The limiter's own timing at a sample rate.
    init(sampleRate: Int, threshold: Float) {
        self.init(timing: Timing(sampleRate: sampleRate), threshold: threshold)
    }

    /// Feeds envelope levels; writes the gain of every frame that became known to `gains` (frame
    /// `position - lookAhead + 1` onwards, so nothing for the first `lookAhead - 1` levels) and returns how many.
    mutating func add(_ levels: UnsafeBufferPointer<Float>, gains: UnsafeMutablePointer<Float>) -> Int {
        let n = levels.count
        guard n > 0 else { return 0 }
        let width = lookAhead
        let keep = width - 1
        let total = keep + n
        window.append(contentsOf: levels)
        if prefix.count < total { prefix = [Float](repeating: 0, count: total); suffix = prefix }
        if needed.count < n { needed = [Float](repeating: 0, count: n) }
        let t = threshold
        // Sliding maximum over the window ending at each new position (van Herk / Gil-Werman): blocks of
        // `width` levels, a running maximum forwards and backwards in each; a window spans at most two blocks.
        // (Ternaries, not `max`: the standard library's NaN-aware `max` compiles to a compare-and-blend whose
        // latency each running maximum waits on.)
        window.withUnsafeBufferPointer { xb in
        prefix.withUnsafeMutableBufferPointer { gb in
        suffix.withUnsafeMutableBufferPointer { hb in
        needed.withUnsafeMutableBufferPointer { nb in
            let x = xb.baseAddress!, g = gb.baseAddress!, h = hb.baseAddress!, need = nb.baseAddress!
            var start = 0
            while start < total {
                let end = min(start + width, total)
                var m: Float = 0
                for i in start..<end { m = x[i] > m ? x[i] : m; g[i] = m }
                m = 0
                var i = end - 1
                while i >= start { m = x[i] > m ? x[i] : m; h[i] = m; i -= 1 }
                start = end
            }
            // The gain each position needs: under 1 only where the level is over the threshold.
            // Eight at a time: a division per position would stall the loop.
            var k = 0
            let one = SIMD8<Float>(repeating: 1), tv = SIMD8<Float>(repeating: t)
            while k + 8 <= n {
                let a = UnsafeRawPointer(h + k).loadUnaligned(as: SIMD8<Float>.self)
                let b = UnsafeRawPointer(g + keep + k).loadUnaligned(as: SIMD8<Float>.self)
                let w = a.replacing(with: b, where: b .> a)
                let q = tv / w
                UnsafeMutableRawPointer(need + k).storeBytes(of: q.replacing(with: one, where: q .> one), as: SIMD8<Float>.self)
                k += 8
            }
            while k < n {
                let w = max(h[k], g[keep + k])
                need[k] = min(1, t / w)
                k += 1
            }
        }
        }
        }
        }
        // Release towards 1, never above the windowed minimum; then the average over `width` positions.
        // Kept as the depth under 1, d = max(1 - need, alpha * previous d): each position waits for one
        // multiply and one max on the previous one (as r = min(need, 1 - (1 - r) * alpha) it waited for four).
        var written = 0
        var sum = releasedSum, depth = releaseDepth, s = slot
        let alpha = releaseCoefficient
        let average = 1 / Double(width)
        let first = max(0, Int(Int64(keep) - position))   // positions before lookAhead - 1 emit nothing
        needed.withUnsafeBufferPointer { nb in
        released.withUnsafeMutableBufferPointer { rb in
            let need = nb.baseAddress!, rel = rb.baseAddress!
            for k in 0..<n {
                let floor = 1 - Double(need[k]), decayed = depth * alpha
                depth = floor > decayed ? floor : decayed
                let r = 1 - depth
                sum += r - rel[s]
                rel[s] = r
                s = s + 1 == width ? 0 : s + 1
                if k >= first {
                    gains[written] = Float(min(1, sum * average))
                    written += 1
                }
            }
        }
        }
        releasedSum = sum
        releaseDepth = depth
        slot = s
        position += Int64(n)
        window.removeFirst(n)
        return written
    }
}
