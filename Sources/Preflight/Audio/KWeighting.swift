import Foundation
import MediaIO

/// BS.1770's K-weighting (high shelf, then high-pass) as one 4th-order filter on one channel, with
/// libebur128's coefficients for any sample rate: `BlockLoudness` and the limiter's plan weigh the energy
/// libebur128 weighs.
///
/// The recursion runs in Double, as libebur128's does (4th-order direct form in Float drifts at 48 kHz:
/// the high-pass's poles sit at ~0.996), in `SignalKernels` (C: each sample waits for one multiply-add on
/// the previous sample's state, fused where the CPU can).
struct KWeighting {
    /// b0...b4 of the combined filter.
    private let b: [Double]
    /// a1...a4 of the combined filter (a0 = 1).
    private let a: [Double]
    /// v[n-1]...v[n-4].
    private var state = [Double](repeating: 0, count: 4)

    init(sampleRate: Int) {
        let rate = Double(sampleRate)
        var f0 = 1681.974450955533, g = 3.999843853973347, q = 0.7071752369554196
        var k = tan(Double.pi * f0 / rate)
        let vh = pow(10, g / 20), vb = pow(vh, 0.4996667741545416)
        var a0 = 1 + k / q + k * k
        let pb = [(vh + vb * k / q + k * k) / a0, 2 * (k * k - vh) / a0, (vh - vb * k / q + k * k) / a0]
        let pa = [1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
        f0 = 38.13547087602444; q = 0.5003270373238773; g = 0
        k = tan(Double.pi * f0 / rate)
        a0 = 1 + k / q + k * k
        let rb = [1.0, -2, 1]
        let ra = [1, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0]
        func convolve(_ x: [Double], _ y: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: x.count + y.count - 1)
            for i in x.indices { for j in y.indices { out[i + j] += x[i] * y[j] } }
            return out
        }
        b = convolve(pb, rb)
        a = Array(convolve(pa, ra).dropFirst())
    }

    /// The sum of the squared K-weighted samples of one channel over `count` interleaved frames at `x`; with
    /// `energy`, each squared sample is also added to `energy[n]`.
    mutating func sumOfSquares(_ x: UnsafePointer<Float>, count: Int, channel: Int, channels: Int, energy: UnsafeMutablePointer<Float>? = nil) -> Double {
        guard count > 0 else { return 0 }
        return b.withUnsafeBufferPointer { b in
            a.withUnsafeBufferPointer { a in
                state.withUnsafeMutableBufferPointer { v in
                    SignalKernels.kWeighting(x + channel, count: count, stride: channels, b: b.baseAddress!, a: a.baseAddress!,
                                             state: v.baseAddress!, energy: energy)
                }
            }
        }
    }
}
