import CSignalKernels

/// prepare's per-sample inner loops, in C (`CSignalKernels`) so they use AVX2 and fused multiply-adds where
/// the CPU has them: the true-peak interpolation (72 multiply-adds a sample) and the K-weighting filter
/// (whose speed is the latency of one multiply-add on the previous sample). Swift itself compiles for
/// baseline x86-64. The portable variants give the same results up to rounding.
public enum SignalKernels {
    /// Whether the AVX2+FMA variants run on this CPU.
    public static var usesAVX2: Bool { pf_kernels_use_avx2() != 0 }

    /// For each of `positions` positions, the highest of |x[i + back]| and the three 4x-interpolated points
    /// (`coefficients`: three phases of `taps`), maxed into `out[i]`. `x` points at the first position's
    /// window start and holds `positions + taps - 1` samples.
    public static func truePeakLevels(_ x: UnsafePointer<Float>, positions: Int, coefficients: UnsafeBufferPointer<Float>,
                                      taps: Int, back: Int, into out: UnsafeMutablePointer<Float>, portable: Bool = false) {
        precondition(coefficients.count == 3 * taps && back < taps)
        let f = portable ? pf_true_peak_levels_portable : pf_true_peak_levels
        f(x, positions, coefficients.baseAddress, Int32(taps), Int32(back), out)
    }

    /// `truePeakLevels` where a level can reach `threshold`: a run of 24 positions whose samples cannot (by
    /// the largest sample times the largest sum of |h| of a phase) is skipped, `out` keeping its values there.
    public static func truePeakLevels(_ x: UnsafePointer<Float>, positions: Int, coefficients: UnsafeBufferPointer<Float>,
                                      taps: Int, back: Int, reaching threshold: Float, into out: UnsafeMutablePointer<Float>) {
        precondition(coefficients.count == 3 * taps && back < taps)
        pf_true_peak_levels_reaching(x, positions, coefficients.baseAddress, Int32(taps), Int32(back), threshold, out)
    }

    /// A 4th-order direct-form filter (`b`: 5 coefficients, `a`: a1...a4) over `count` samples taken every
    /// `stride` floats from `x`, with its 4-value `state` updated. Returns the sum of the squared outputs and,
    /// with `energy`, adds each squared output to `energy[n]`.
    public static func kWeighting(_ x: UnsafePointer<Float>, count: Int, stride: Int, b: UnsafePointer<Double>, a: UnsafePointer<Double>,
                                  state: UnsafeMutablePointer<Double>, energy: UnsafeMutablePointer<Float>? = nil,
                                  portable: Bool = false) -> Double {
        let f = portable ? pf_k_weighting_portable : pf_k_weighting
        return f(x, count, stride, b, a, state, energy)
    }

    /// The true-peak limiter's needed gain over `levels` (`total` of them): in blocks of `width`, running maxima
    /// forwards into `prefix` and backwards into `suffix`, then `need[k] = min(1, threshold / max(levels[k ..< k + width]))`
    /// for the `total - width + 1` whole windows. `prefix` and `suffix` hold `total` floats, `need` the windows.
    public static func limiterNeed(_ levels: UnsafePointer<Float>, total: Int, width: Int, threshold: Float,
                                   prefix: UnsafeMutablePointer<Float>, suffix: UnsafeMutablePointer<Float>,
                                   need: UnsafeMutablePointer<Float>, portable: Bool = false) {
        precondition(width >= 1 && total >= width - 1)
        let f = portable ? pf_limiter_need_portable : pf_limiter_need
        f(levels, total, Int32(width), threshold, prefix, suffix, need)
    }

    /// The limiter's release and averaging over `need.count` needed gains: `depth = max(1 - need, alpha * depth)`,
    /// `r = 1 - depth`, gain = min(1, mean of the last `width` r). `depth`, `sum` (of the last `width` r) and
    /// `history` (those r, oldest first, `width` doubles) are the state; `scratch` holds `width + need.count`
    /// doubles. Gains from position `first` on go to `gains`; returns how many.
    public static func limiterRelease(_ need: UnsafeBufferPointer<Float>, alpha: Double, width: Int, depth: inout Double, sum: inout Double,
                                      history: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>, first: Int,
                                      gains: UnsafeMutablePointer<Float>, portable: Bool = false) -> Int {
        guard let base = need.baseAddress, !need.isEmpty else { return 0 }
        let f = portable ? pf_limiter_release_portable : pf_limiter_release
        return f(base, need.count, alpha, Int32(width), &depth, &sum, history, scratch, first, gains)
    }
}
