/// Streaming true-peak (inter-sample peak) meter with the limiter's 24-tap 4x interpolation.
///
/// Interpolating every sample is what makes libebur128's true-peak mode cost as much as decoding. An
/// inter-sample peak lies next to a local maximum of |x| and, for real audio, within a few dB of it,
/// so only those positions are interpolated, with SIMD dot products.
public struct TruePeakEstimator {
    /// Interleaved channels per frame of the input.
    public let channels: Int
    /// Highest absolute sample value (linear).
    public private(set) var samplePeak: Double = 0
    /// Highest interpolated value (linear), at least `samplePeak`.
    public private(set) var truePeak: Double = 0

    /// Per channel, the last `taps` samples of the previous chunk (left context for the next one) at the
    /// start of a buffer reused for the next chunk.
    private var tails: [[Float]]
    /// Interpolate only next to samples within 9 dB of the highest peak so far: full-band noise puts
    /// inter-sample peaks up to ~6 dB above every sample, real audio far less.
    private static let relevance: Float = 0.35
    /// Each phase's 24 coefficients as three SIMD8 vectors.
    private static let coefficients: [SIMD8<Float>] = TruePeakEnvelope.phases.flatMap { h in
        (0..<3).map { block in SIMD8<Float>((0..<8).map { Float(h[block * 8 + $0]) }) }
    }

    /// A meter for `channels` interleaved channels that has seen nothing yet (peaks 0).
    public init(channels: Int) {
        self.channels = channels
        tails = Array(repeating: [Float](repeating: 0, count: TruePeakEnvelope.taps), count: channels)
    }

    /// A chunk whose true peak is measured elsewhere (the limiter plan's envelope interpolates every position;
    /// `include(truePeak:)` takes its result): only the sample peak, and the chunk's last samples as the next
    /// chunk's left context, so `add` can take over at any chunk.
    public mutating func addSamplePeak(_ chunk: UnsafeBufferPointer<Float>) {
        let taps = TruePeakEnvelope.taps
        let frames = chunk.count / channels
        guard frames > 0, let src = chunk.baseAddress else { return }
        samplePeak = max(samplePeak, Double(Self.highestMagnitude(src, count: frames * channels)))
        truePeak = max(truePeak, samplePeak)
        let fromChunk = min(frames, taps), keepOld = taps - fromChunk
        for c in 0..<channels {
            // The context is the first `taps` values of the buffer: the last `taps` samples of (context, chunk).
            tails[c].withUnsafeMutableBufferPointer { t in
                if keepOld > 0 { t.baseAddress!.update(from: t.baseAddress! + fromChunk, count: keepOld) }
                for k in 0..<fromChunk { t[keepOld + k] = src[(frames - fromChunk + k) * channels + c] }
            }
        }
    }

    /// A true peak (linear) measured elsewhere over some of the signal.
    public mutating func include(truePeak other: Double) { truePeak = max(truePeak, other) }

    /// The highest |x| of `count` floats.
    static func highestMagnitude(_ src: UnsafePointer<Float>, count: Int) -> Float {
        // Eight running maxima: one would wait on the previous sample's comparison.
        var peaks = SIMD8<Float>(repeating: 0)
        var i = 0
        while i + 8 <= count {
            let v = magnitude(UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self))
            peaks = peaks.replacing(with: v, where: v .> peaks)
            i += 8
        }
        var peak = peaks.max()
        while i < count { peak = max(peak, abs(src[i])); i += 1 }
        return peak
    }

    /// Measures a chunk of interleaved frames: raises `samplePeak` and `truePeak` to the chunk's own.
    public mutating func add(_ chunk: UnsafeBufferPointer<Float>) {
        let taps = TruePeakEnvelope.taps, back = TruePeakEnvelope.back
        let frames = chunk.count / channels
        guard frames > 0, let src = chunk.baseAddress else { return }
        samplePeak = max(samplePeak, Double(Self.highestMagnitude(src, count: frames * channels)))
        let threshold = Float(max(samplePeak, truePeak)) * Self.relevance
        var best = Float(truePeak)
        for c in 0..<channels {
            // This channel, contiguous: the previous chunk's last `taps` samples, then the chunk (in a buffer
            // kept between chunks: a fresh 128 KB array each time is an mmap, page faults and an munmap).
            var buffer = tails[c]
            tails[c] = []
            if buffer.count < taps + frames { buffer.append(contentsOf: repeatElement(0, count: taps + frames - buffer.count)) }
            let used = taps + frames
            buffer.withUnsafeMutableBufferPointer { b in
                let dst = b.baseAddress! + taps
                if channels == 1 {
                    dst.update(from: src, count: frames)
                } else {
                    for f in 0..<frames { dst[f] = src[f * channels + c] }
                }
            }
            let end = used - (taps - back)          // positions whose right context is here
            if end > back {
                buffer.withUnsafeBufferPointer { b in
                    let x = b.baseAddress!
                    let raw = UnsafeRawPointer(x)
                    Self.coefficients.withUnsafeBufferPointer { h in
                        func interpolate(_ q: Int) {
                            let p = raw + (q - back) * MemoryLayout<Float>.stride
                            let x0 = p.loadUnaligned(as: SIMD8<Float>.self)
                            let x1 = (p + 32).loadUnaligned(as: SIMD8<Float>.self)
                            let x2 = (p + 64).loadUnaligned(as: SIMD8<Float>.self)
                            let v0 = (h[0] * x0 + h[1] * x1 + h[2] * x2).sum()
                            let v1 = (h[3] * x0 + h[4] * x1 + h[5] * x2).sum()
                            let v2 = (h[6] * x0 + h[7] * x1 + h[8] * x2).sum()
                            best = max(best, max(abs(v0), max(abs(v1), abs(v2))))
                        }
                        /// Between q and q + 1, over the threshold, and one of the two a local maximum of |x|:
                        /// a peak between two samples makes one of them a local maximum.
                        func isCandidate(_ q: Int) -> Bool {
                            let a = abs(x[q]), b = abs(x[q + 1])
                            return max(a, b) >= threshold && ((a >= abs(x[q - 1]) && a >= b) || (b >= a && b >= abs(x[q + 2])))
                        }
                        // The same test eight positions at a time; most positions fail it.
                        let limit = SIMD8<Float>(repeating: threshold)
                        func load(_ i: Int) -> SIMD8<Float> {
                            magnitude(UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self))
                        }
                        var q = back
                        while q + 8 <= end {
                            let before = load(q - 1), a = load(q), b = load(q + 1), after = load(q + 2)
                            let peakA = a .>= before .& a .>= b, peakB = b .>= a .& b .>= after
                            let candidates = (a .>= limit .| b .>= limit) .& (peakA .| peakB)
                            if any(candidates) {
                                for k in 0..<8 where candidates[k] { interpolate(q + k) }
                            }
                            q += 8
                        }
                        while q < end {
                            if isCandidate(q) { interpolate(q) }
                            q += 1
                        }
                    }
                }
            }
            buffer.withUnsafeMutableBufferPointer { b in b.baseAddress!.update(from: b.baseAddress! + frames, count: taps) }
            tails[c] = buffer
        }
        truePeak = max(Double(best), samplePeak)
    }

}

/// |v| lane by lane (the standard library's generic `pointwiseMax`/`abs` are not specialised into vector code here).
@inline(__always)
private func magnitude(_ v: SIMD8<Float>) -> SIMD8<Float> { v.replacing(with: -v, where: v .< 0) }
