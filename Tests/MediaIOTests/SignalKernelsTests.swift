import Foundation
@testable import MediaIO
import Testing
import TestMediaSupport

/// The C kernels' run-time choice (AVX2+FMA on this CPU, when it has them) against their portable variants
/// and a plain Double computation here, on real speech: the same numbers up to rounding.
@Suite struct SignalKernelsTests {
    static func speech() throws -> [Float] {
        // Louder than the file, so interpolated points go over full scale as in prepare.
        try FFmpegTool.decode(TestMedia.path("speech_48k.wav")).map { $0 * 8 }
    }

    @Test func truePeakLevelsAgreeWithThePortableVariantAndDouble() throws {
        let x = try Self.speech()
        let taps = TruePeakEnvelopeTaps.taps, back = TruePeakEnvelopeTaps.back
        let h = TruePeakEnvelopeTaps.coefficients
        let positions = x.count - taps
        var fast = [Float](repeating: 0, count: positions), portable = fast
        x.withUnsafeBufferPointer { xb in
            h.withUnsafeBufferPointer { hb in
                SignalKernels.truePeakLevels(xb.baseAddress!, positions: positions, coefficients: hb, taps: taps, back: back, into: &fast)
                SignalKernels.truePeakLevels(xb.baseAddress!, positions: positions, coefficients: hb, taps: taps, back: back, into: &portable,
                                             portable: true)
            }
        }
        var worst = 0.0
        for i in stride(from: 0, to: positions, by: 7) {
            var level = abs(Double(x[i + back]))
            for k in 0..<3 {
                var acc = 0.0
                for j in 0..<taps { acc += Double(h[k * taps + j]) * Double(x[i + j]) }
                level = max(level, abs(acc))
            }
            worst = max(worst, abs(Double(fast[i]) - level), abs(Double(portable[i]) - level))
        }
        #expect(worst <= 1e-5, "largest difference from Double: \(worst) (AVX2 used: \(SignalKernels.usesAVX2))")
        #expect(fast.max()! > 1, "the speech was made to go over full scale")
    }

    /// Interpolating only where a level may reach a threshold: every position whose level reaches it has exactly
    /// the level the whole interpolation gives, and every position left out is under it (at the file's level and
    /// 30 dB down, thresholds from a quiet to a loud one).
    @Test(arguments: [(Float(8), Float(0.05)), (8, 0.5), (8, 2), (0.25, 0.05)])
    func truePeakLevelsReachingSkipOnlyWhatCannotReach(scale: Float, threshold: Float) throws {
        let x = try FFmpegTool.decode(TestMedia.path("speech_48k.wav")).map { $0 * scale }
        let taps = TruePeakEnvelopeTaps.taps, back = TruePeakEnvelopeTaps.back
        let h = TruePeakEnvelopeTaps.coefficients
        let positions = x.count - taps + 1
        var whole = [Float](repeating: 0, count: positions), some = whole
        x.withUnsafeBufferPointer { xb in
            h.withUnsafeBufferPointer { hb in
                SignalKernels.truePeakLevels(xb.baseAddress!, positions: positions, coefficients: hb, taps: taps, back: back, into: &whole)
                SignalKernels.truePeakLevels(xb.baseAddress!, positions: positions, coefficients: hb, taps: taps, back: back,
                                             reaching: threshold, into: &some)
            }
        }
        let reaching = whole.indices.filter { whole[$0] >= threshold }
        #expect(reaching.allSatisfy { some[$0] == whole[$0] }, "a level that reaches the threshold changed")
        #expect(whole.indices.allSatisfy { some[$0] == whole[$0] || (some[$0] == 0 && whole[$0] < threshold) })
        let skipped = whole.indices.filter { some[$0] != whole[$0] }.count
        // (16 000 to 40 000 of the 96 000 positions here: speech has quiet passages at any of these levels.)
        #expect(skipped > positions / 10, "\(skipped) of \(positions) positions left out")
    }

    /// 48 kHz K-weighting coefficients (libebur128's).
    static let kB = [1.53512485958697, -5.76194590858032, 8.11691004925258, -5.08848181430996, 1.19839281085285]
    static let kA = [-3.68070674801246, 5.08301880335013, -3.12186358554232, 0.71955157068632]

    /// The fast variant (eight samples a step where the CPU has AVX2) against the portable sample-by-sample
    /// recursion: over the whole signal in one call, and, `chunked`, in uneven calls carrying the state,
    /// reading one channel of an interleaved pair (every second sample).
    @Test(arguments: [false, true])
    func kWeightingAgreesWithThePortableVariant(chunked: Bool) throws {
        let mono = try Self.speech()
        let channels = chunked ? 2 : 1
        let x = chunked ? zip(mono, mono.reversed()).flatMap { [$1, $0] } : mono     // channel 1 is the speech
        let sizes = chunked ? [1, 7, 8, 9, 1000, 33, 4096, 15] : [mono.count]
        var sums: [Double] = []
        var energies: [[Float]] = []
        for portable in [false, true] {
            var state = [Double](repeating: 0, count: 4)
            var energy = [Float](repeating: 0, count: mono.count)
            var sum = 0.0, i = 0, k = 0
            while i < mono.count {
                let n = min(sizes[k % sizes.count], mono.count - i)
                sum += x.withUnsafeBufferPointer { xb in
                    energy.withUnsafeMutableBufferPointer { e in
                        SignalKernels.kWeighting(xb.baseAddress! + channels * i + channels - 1, count: n, stride: channels, b: Self.kB,
                                                 a: Self.kA, state: &state, energy: e.baseAddress! + i, portable: portable)
                    }
                }
                i += n; k += 1
            }
            sums.append(sum)
            energies.append(energy)
        }
        #expect(sums[0] > 0)
        #expect(abs(sums[0] - sums[1]) <= 1e-9 * sums[1], "fast \(sums[0]), portable \(sums[1])")
        let total = energies[1].reduce(0.0) { $0 + Double($1) }
        #expect(abs(total - sums[1]) <= 1e-4 * sums[1])
        let worst = zip(energies[0], energies[1]).map { abs($0 - $1) }.max()!
        #expect(worst <= 1e-5 * energies[1].max()!, "largest per-sample difference \(worst)")
    }

    /// The limiter's kernels, fed as the limiter feeds them (a window carried between calls of uneven sizes), at
    /// the look-ahead widths of real rates and of the plan's decimated curves: the needed gains equal exactly
    /// (maxima and one division), the released gains within a float's rounding (the vector sums in another order),
    /// and both equal a plain Double computation of the same definition.
    @Test(arguments: [240, 221, 30, 9, 8, 5, 4, 3, 2])
    func limiterKernelsAgreeWithThePortableVariantAndDouble(width: Int) throws {
        let levels = try Self.speech().map { abs($0) }
        let threshold: Float = 2.5, alpha = exp(-1 / (0.08 * 48000.0))
        let sizes = [8192, 1000, 37, 4096, 1, 333]
        var results: [[Float]] = []
        for portable in [false, true] {
            var window = [Float](repeating: 0, count: width - 1)
            var history = [Double](repeating: 1, count: width)
            var depth = 0.0, sum = Double(width), position = 0
            var out: [Float] = []
            var i = 0, k = 0
            while i < levels.count {
                let n = min(sizes[k % sizes.count], levels.count - i)
                window.append(contentsOf: levels[i..<i + n])
                let total = window.count
                var prefix = [Float](repeating: 0, count: total), suffix = prefix, need = [Float](repeating: 0, count: n)
                SignalKernels.limiterNeed(window, total: total, width: width, threshold: threshold, prefix: &prefix, suffix: &suffix,
                                          need: &need, portable: portable)
                var scratch = [Double](repeating: 0, count: width + n), gains = [Float](repeating: 0, count: n)
                let first = max(0, width - 1 - position)
                let written = need.withUnsafeBufferPointer { nb in
                    SignalKernels.limiterRelease(nb, alpha: alpha, width: width, depth: &depth, sum: &sum, history: &history, scratch: &scratch,
                                                 first: first, gains: &gains, portable: portable)
                }
                #expect(written == n - min(n, first))
                out.append(contentsOf: gains[0..<written])
                window.removeFirst(n)
                position += n; i += n; k += 1
            }
            results.append(out)
        }
        #expect(results[0].count == results[1].count)
        let worst = zip(results[0], results[1]).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 2e-7, "width \(width): largest difference \(worst) (AVX2 used: \(SignalKernels.usesAVX2))")
        #expect(results[1].min()! < 0.5, "the speech was made to need limiting")

        // The definition in Double, position by position.
        let padded = [Float](repeating: 0, count: width - 1) + levels
        var depth = 0.0
        var recent = [Double](repeating: 1, count: width), slot = 0, total = Double(width)
        var largest = 0.0
        for q in 0..<levels.count {
            let highest = padded[q..<q + width].max()!
            let need = min(1, Double(threshold / highest))
            depth = max(1 - need, depth * alpha)
            total += (1 - depth) - recent[slot]
            recent[slot] = 1 - depth
            slot = (slot + 1) % width
            if q >= width - 1 { largest = max(largest, abs(Double(results[0][q - (width - 1)]) - min(1, total / Double(width)))) }
        }
        #expect(largest <= 1e-6, "width \(width): largest difference from Double \(largest)")
    }
}

/// prepare's interpolation filter (`TruePeakEnvelope`'s, which MediaIO's tests cannot import): three 24-tap
/// windowed-sinc phases at 1/4, 2/4, 3/4, each normalised to a sum of 1.
enum TruePeakEnvelopeTaps {
    static let taps = 24, back = 11
    static let coefficients: [Float] = (1...3).flatMap { k -> [Float] in
        let h = (0..<taps).map { j -> Double in
            let d = Double(k) / 4 + Double(back) - Double(j)
            return sin(Double.pi * d) / (Double.pi * d) * 0.5 * (1 + cos(Double.pi * d / 12.5))
        }
        let sum = h.reduce(0, +)
        return h.map { Float($0 / sum) }
    }
}
