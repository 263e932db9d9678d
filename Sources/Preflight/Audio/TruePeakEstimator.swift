/// Streaming true-peak (inter-sample peak) meter with the limiter's 24-tap 4x interpolation.
///
/// Interpolating every sample is what makes libebur128's true-peak mode cost as much as decoding. An
/// inter-sample peak lies next to a local maximum of |x| and, for real audio, within a few dB of it,
/// so only those positions are interpolated, with SIMD dot products.
public struct TruePeakEstimator {
    public let channels: Int
    /// Highest absolute sample value (linear).
    public private(set) var samplePeak: Double = 0
    /// Highest interpolated value (linear), at least `samplePeak`.
    public private(set) var truePeak: Double = 0

    /// Per channel, the last `taps` samples of the previous chunk (left context for the next one).
    private var tails: [[Float]]
    /// Interpolate only next to samples within 9 dB of the highest peak so far: full-band noise puts
    /// inter-sample peaks up to ~6 dB above every sample, real audio far less.
    private static let relevance: Float = 0.35
    /// Each phase's 24 coefficients as three SIMD8 vectors.
    private static let coefficients: [SIMD8<Float>] = TruePeakEnvelope.phases.flatMap { h in
        (0..<3).map { block in SIMD8<Float>((0..<8).map { Float(h[block * 8 + $0]) }) }
    }

    public init(channels: Int) {
        self.channels = channels
        tails = Array(repeating: [Float](repeating: 0, count: TruePeakEnvelope.taps), count: channels)
    }

    public mutating func add(_ chunk: UnsafeBufferPointer<Float>) {
        let taps = TruePeakEnvelope.taps, back = TruePeakEnvelope.back
        let frames = chunk.count / channels
        guard frames > 0, let src = chunk.baseAddress else { return }
        var peak: Float = 0
        for i in 0..<frames * channels { peak = max(peak, abs(src[i])) }
        samplePeak = max(samplePeak, Double(peak))
        let threshold = Float(max(samplePeak, truePeak)) * Self.relevance
        var best = Float(truePeak)
        for c in 0..<channels {
            // This channel, contiguous: the previous tail, then the chunk.
            var buffer = tails[c]
            buffer.append(contentsOf: repeatElement(0, count: frames))
            buffer.withUnsafeMutableBufferPointer { b in
                let dst = b.baseAddress! + taps
                for f in 0..<frames { dst[f] = src[f * channels + c] }
            }
            let end = buffer.count - (taps - back)          // positions whose right context is here
            if end > back {
                buffer.withUnsafeBufferPointer { b in
                    let x = b.baseAddress!
                    let raw = UnsafeRawPointer(x)
                    Self.coefficients.withUnsafeBufferPointer { h in
                        for q in back..<end {
                            let a = abs(x[q]), b = abs(x[q + 1])
                            guard max(a, b) >= threshold else { continue }
                            // A peak between two samples makes one of them a local maximum of |x|.
                            guard (a >= abs(x[q - 1]) && a >= b) || (b >= a && b >= abs(x[q + 2])) else { continue }
                            let p = raw + (q - back) * MemoryLayout<Float>.stride
                            let x0 = p.loadUnaligned(as: SIMD8<Float>.self)
                            let x1 = (p + 32).loadUnaligned(as: SIMD8<Float>.self)
                            let x2 = (p + 64).loadUnaligned(as: SIMD8<Float>.self)
                            let v0 = (h[0] * x0 + h[1] * x1 + h[2] * x2).sum()
                            let v1 = (h[3] * x0 + h[4] * x1 + h[5] * x2).sum()
                            let v2 = (h[6] * x0 + h[7] * x1 + h[8] * x2).sum()
                            best = max(best, abs(v0), abs(v1), abs(v2))
                        }
                    }
                }
            }
            tails[c] = Array(buffer[(buffer.count - taps)...])
        }
        truePeak = max(Double(best), samplePeak)
    }

}
