import Foundation
import MediaIO

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
    /// The last `lookAhead - 1` levels (the earlier part of the next windows), then the new ones.
    private var window: [Float]
    private var prefix: [Float] = []
    private var suffix: [Float] = []
    private var needed: [Float] = []
    /// The last `lookAhead` released gains, oldest first, their sum, and room for a call's new ones.
    private var released: [Double]
    private var releasedSum: Double
    private var scratch: [Double] = []
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
    ///
    /// The work is two C kernels (`SignalKernels.limiterNeed`, `.limiterRelease`) that run eight and four
    /// positions at a time with AVX2; per position it is: the sliding maximum of the levels over the window
    /// ending there (van Herk / Gil-Werman), the gain it needs, the release towards 1 (never above the
    /// needed gain), and the average over `lookAhead` positions.
    mutating func add(_ levels: UnsafeBufferPointer<Float>, gains: UnsafeMutablePointer<Float>) -> Int {
        let n = levels.count
        guard n > 0 else { return 0 }
        let width = lookAhead
        let total = width - 1 + n
        window.append(contentsOf: levels)
        if prefix.count < total { prefix = [Float](repeating: 0, count: total); suffix = prefix }
        if needed.count < n { needed = [Float](repeating: 0, count: n) }
        if scratch.count < width + n { scratch = [Double](repeating: 0, count: width + n) }
        let t = threshold
        window.withUnsafeBufferPointer { x in
            prefix.withUnsafeMutableBufferPointer { p in
                suffix.withUnsafeMutableBufferPointer { s in
                    needed.withUnsafeMutableBufferPointer { need in
                        SignalKernels.limiterNeed(x.baseAddress!, total: total, width: width, threshold: t, prefix: p.baseAddress!,
                                                  suffix: s.baseAddress!, need: need.baseAddress!)
                    }
                }
            }
        }
        let first = max(0, Int(Int64(width - 1) - position))   // positions before lookAhead - 1 emit nothing
        let written = needed.withUnsafeBufferPointer { need in
            released.withUnsafeMutableBufferPointer { history in
                scratch.withUnsafeMutableBufferPointer { r in
                    SignalKernels.limiterRelease(UnsafeBufferPointer(rebasing: need[0..<n]), alpha: releaseCoefficient, width: width,
                                                 depth: &releaseDepth, sum: &releasedSum, history: history.baseAddress!,
                                                 scratch: r.baseAddress!, first: first, gains: gains)
                }
            }
        }
        position += Int64(n)
        window.removeFirst(n)
        return written
    }
}
