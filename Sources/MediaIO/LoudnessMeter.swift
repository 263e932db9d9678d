import CEBUR128

/// An ITU-R BS.1770-4 / EBU R128 meter (libebur128): integrated loudness, loudness range, sample and
/// true peak of interleaved float audio fed in chunks. Owns its `ebur128_state`.
public final class LoudnessMeter {
    public let channels: Int
    public let sampleRate: Int
    private var state: UnsafeMutablePointer<ebur128_state>?

    /// `samplePeak`/`truePeak` off: libebur128 skips those per-sample passes (for callers that find peaks themselves).
    public init(channels: Int, sampleRate: Int, samplePeak: Bool = true, truePeak: Bool = true, range: Bool = true) throws {
        self.channels = channels
        self.sampleRate = sampleRate
        var mode = Int32(EBUR128_MODE_I.rawValue)
        if samplePeak { mode |= Int32(EBUR128_MODE_SAMPLE_PEAK.rawValue) }
        if truePeak { mode |= Int32(EBUR128_MODE_TRUE_PEAK.rawValue) }
        if range { mode |= Int32(EBUR128_MODE_LRA.rawValue) }
        guard let s = ebur128_init(UInt32(channels), UInt(sampleRate), mode) else {
            throw MediaIOError.libav(path: "", operation: "setting up the loudness meter (\(channels) ch, \(sampleRate) Hz)",
                                     code: .invalidArgument, detail: "libebur128 refused the format")
        }
        state = s
        if channels == 6 {
            // 5.1 in libav order (FL FR FC LFE SL SR): the LFE does not count toward loudness.
            let map: [channel] = [EBUR128_LEFT, EBUR128_RIGHT, EBUR128_CENTER, EBUR128_UNUSED, EBUR128_LEFT_SURROUND, EBUR128_RIGHT_SURROUND]
            for (i, c) in map.enumerated() { ebur128_set_channel(s, UInt32(i), Int32(c.rawValue)) }
        }
    }

    /// Also runs when `ebur128_init` failed (every stored property was set), and `ebur128_destroy` does not accept nil.
    deinit { if state != nil { ebur128_destroy(&state) } }

    /// Adds interleaved samples (frames × channels).
    public func add(_ samples: UnsafeBufferPointer<Float>) {
        guard let state, let base = samples.baseAddress, samples.count >= channels else { return }
        ebur128_add_frames_float(state, base, samples.count / channels)
    }

    public func add(_ samples: [Float]) {
        samples.withUnsafeBufferPointer { add($0) }
    }

    /// Integrated loudness in LUFS; nil when no 400 ms block passed the gates (silence or under 0.4 s).
    public var integratedLoudness: Double? {
        var out: Double = 0
        guard let state, ebur128_loudness_global(state, &out) == Int32(EBUR128_SUCCESS.rawValue), out.isFinite else { return nil }
        return out
    }

    /// Loudness range in LU; nil when it cannot be computed.
    public var loudnessRange: Double? {
        var out: Double = 0
        guard let state, ebur128_loudness_range(state, &out) == Int32(EBUR128_SUCCESS.rawValue), out.isFinite else { return nil }
        return out
    }

    /// Integrated loudness of several meters' audio taken together (libebur128 pools their gating blocks):
    /// one signal measured in consecutive parts on several threads. Nil as for `integratedLoudness`.
    public static func integratedLoudness(of meters: [LoudnessMeter]) -> Double? {
        pooled(meters, ebur128_loudness_global_multiple)
    }

    /// Loudness range of several meters' audio taken together, as `integratedLoudness(of:)`.
    public static func loudnessRange(of meters: [LoudnessMeter]) -> Double? {
        pooled(meters, ebur128_loudness_range_multiple)
    }

    private static func pooled(_ meters: [LoudnessMeter],
                               _ f: (UnsafeMutablePointer<UnsafeMutablePointer<ebur128_state>?>?, Int, UnsafeMutablePointer<Double>?) -> Int32) -> Double? {
        var states: [UnsafeMutablePointer<ebur128_state>?] = meters.map(\.state)
        guard !states.contains(where: { $0 == nil }) else { return nil }
        var out: Double = 0
        let rc = states.withUnsafeMutableBufferPointer { f($0.baseAddress, $0.count, &out) }
        return withExtendedLifetime(meters) { rc == Int32(EBUR128_SUCCESS.rawValue) && out.isFinite ? out : nil }
    }

    /// Highest absolute sample value over all channels (linear, 1.0 = full scale).
    public var samplePeak: Double { maxOverChannels(ebur128_sample_peak) }

    /// Highest inter-sample peak (4x oversampled) over all channels (linear).
    public var truePeak: Double { maxOverChannels(ebur128_true_peak) }

    private func maxOverChannels(_ f: (UnsafeMutablePointer<ebur128_state>?, UInt32, UnsafeMutablePointer<Double>?) -> Int32) -> Double {
        guard let state else { return 0 }
        var best = 0.0
        for c in 0..<channels {
            var v: Double = 0
            if f(state, UInt32(c), &v) == Int32(EBUR128_SUCCESS.rawValue) { best = max(best, v) }
        }
        return best
    }
}
