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
        let taps = 24, back = 11
        // Any three 24-tap phases do: a windowed sinc at 1/4, 2/4, 3/4 as prepare uses.
        let h: [Float] = (1...3).flatMap { k in
            (0..<taps).map { j -> Float in
                let d = Double(k) / 4 + Double(back) - Double(j)
                return Float(sin(Double.pi * d) / (Double.pi * d) * (0.5 + 0.5 * cos(Double.pi * d / 12.5)))
            }
        }
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

    @Test func kWeightingAgreesWithThePortableVariant() throws {
        let x = try Self.speech()
        // 48 kHz K-weighting coefficients (libebur128's).
        let b = [1.53512485958697, -5.76194590858032, 8.11691004925258, -5.08848181430996, 1.19839281085285]
        let a = [-3.68070674801246, 5.08301880335013, -3.12186358554232, 0.71955157068632]
        var sums: [Double] = []
        var energies: [[Float]] = []
        for portable in [false, true] {
            var state = [Double](repeating: 0, count: 4)
            var energy = [Float](repeating: 0, count: x.count)
            let sum = x.withUnsafeBufferPointer { xb in
                SignalKernels.kWeighting(xb.baseAddress!, count: x.count, stride: 1, b: b, a: a, state: &state, energy: &energy, portable: portable)
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
}
