// The limiter as it was before issue 13 (git cc3766e, Sources/Preflight/Audio/TruePeakLimiter.swift), kept
// verbatim but renamed as the reference the fast limiter is pinned against: scalar Double arithmetic,
// the same 24-tap phases, one sample at a time.
import Foundation

/// Reference: a look-ahead limiter that keeps the *true* (inter-sample) peak under a ceiling.
///
/// Peaks are estimated on a 4x oversampled signal (polyphase windowed-sinc interpolation as in
/// BS.1770-4 Annex 2, but 24 taps per phase: the 12-tap filter under-reads content near Nyquist by
/// 1 dB or more, which would let such peaks through). The gain for each frame is the minimum of the gains needed over
/// the next `lookAhead` frames, released exponentially and then averaged over `lookAhead` frames: the
/// average of values that are each at most the needed gain is itself at most the needed gain, so every
/// peak is brought under the ceiling without a hard edge. Streaming: memory is O(lookAhead), not the
/// input length. Output is delayed by `latency` frames; `finish()` returns the tail.
struct ReferenceTruePeakLimiter {
    public let channels: Int
    public let ceiling: Double
    public let lookAhead: Int
    public var latency: Int { Self.firPad + lookAhead - 1 }
    /// The lowest gain applied so far (1 = untouched).
    public private(set) var minimumGain: Double = 1
    /// Frames whose gain was below 1.
    public private(set) var limitedFrames: Int64 = 0

    static let taps = 24
    static let firPad = taps / 2
    /// The first sample of the interpolation window is `q - back`.
    static let back = firPad - 1
    /// phases[k][j]: weight of sample (q - back + j) for the point q + (k+1)/4.
    static let phases: [[Double]] = (1...3).map { k in
        let frac = Double(k) / 4
        var h = (0..<taps).map { j -> Double in
            let d = frac + Double(back) - Double(j)
            let sinc = d == 0 ? 1 : sin(Double.pi * d) / (Double.pi * d)
            let w = 0.5 * (1 + cos(Double.pi * d / (Double(firPad) + 0.5)))
            return sinc * w
        }
        let sum = h.reduce(0, +)
        h = h.map { $0 / sum }
        return h
    }
    static let maxAbsGain: Double = phases.map { $0.reduce(0) { $0 + abs($1) } }.max()!

    private var history: [Float] = []          // interleaved input frames still needed
    private var historyStart: Int64 = 0        // frame index of history[0]
    private var framesIn: Int64 = 0            // real input frames seen
    private var nextPeak: Int64 = 0            // next position whose peak is estimated
    private var framesOut: Int64 = 0
    private var minDeque: [(index: Int64, value: Double)] = []   // sliding-window minimum, from dequeHead
    private var dequeHead = 0
    private var released: [Double]             // ring of the last lookAhead released gains
    private var releasedSum: Double = 0
    private var lastReleased: Double = 1
    private let releaseCoefficient: Double

    public init(channels: Int, sampleRate: Int, ceiling: Double, lookAheadSeconds: Double = 0.005, releaseSeconds: Double = 0.08) {
        self.channels = channels
        self.ceiling = ceiling
        self.lookAhead = max(2, Int((lookAheadSeconds * Double(sampleRate)).rounded()))
        releaseCoefficient = exp(-1 / (releaseSeconds * Double(sampleRate)))
        released = [Double](repeating: 1, count: lookAhead)
        releasedSum = Double(lookAhead)
        // Silence before the start gives the interpolation its left context.
        history = [Float](repeating: 0, count: Self.firPad * channels)
        historyStart = -Int64(Self.firPad)
    }

    /// Feeds interleaved frames; returns the limited frames that are ready (delayed by `latency`).
    public mutating func process(_ input: UnsafeBufferPointer<Float>) -> [Float] {
        history.append(contentsOf: input)
        framesIn += Int64(input.count / channels)
        var out: [Float] = []
        out.reserveCapacity(input.count)
        run(available: framesIn, limit: .max, into: &out)
        return out
    }

    public mutating func process(_ input: [Float]) -> [Float] { input.withUnsafeBufferPointer { process($0) } }

    /// Flushes the frames still held back (the last `latency`).
    public mutating func finish() -> [Float] {
        history.append(contentsOf: [Float](repeating: 0, count: (Self.firPad + lookAhead) * channels))
        var out: [Float] = []
        run(available: framesIn + Int64(Self.firPad + lookAhead), limit: framesIn, into: &out)
        return out
    }

    @inline(__always)
    private func sample(_ frame: Int64, _ c: Int) -> Float {
        history[Int(frame - historyStart) * channels + c]
    }

    /// Estimates peaks while their right context is `available`, emitting frames below `limit`.
    private mutating func run(available: Int64, limit: Int64, into out: inout [Float]) {
        while nextPeak + Int64(Self.firPad) < available {
            let q = nextPeak
            var neighbourhood: Float = 0
            for c in 0..<channels {
                for j in 0..<Self.taps { neighbourhood = max(neighbourhood, abs(sample(q - Int64(Self.back) + Int64(j), c))) }
            }
            var peak: Double = 0
            if Double(neighbourhood) * Self.maxAbsGain > ceiling {
                for c in 0..<channels {
                    peak = max(peak, Double(abs(sample(q, c))))
                    for h in Self.phases {
                        var acc = 0.0
                        for j in 0..<Self.taps { acc += h[j] * Double(sample(q - Int64(Self.back) + Int64(j), c)) }
                        peak = max(peak, abs(acc))
                    }
                }
            }
            let g = peak > ceiling ? ceiling / peak : 1
            // Sliding minimum of g over [q - lookAhead + 1, q].
            while minDeque.count > dequeHead, minDeque[minDeque.count - 1].value >= g { minDeque.removeLast() }
            minDeque.append((q, g))
            while minDeque[dequeHead].index <= q - Int64(lookAhead) { dequeHead += 1 }
            if dequeHead > 1024 { minDeque.removeFirst(dequeHead); dequeHead = 0 }
            let m = minDeque[dequeHead].value
            // Release towards 1, never above the windowed minimum.
            let r = min(m, 1 - (1 - lastReleased) * releaseCoefficient)
            lastReleased = r
            let slot = Int(q % Int64(lookAhead))
            releasedSum += r - released[slot]
            released[slot] = r
            nextPeak += 1
            // Position q - lookAhead + 1 has its whole averaging window now.
            let p = q - Int64(lookAhead) + 1
            if p >= 0 && p < limit {
                let s = min(1, releasedSum / Double(lookAhead))
                if s < 0.99999 { limitedFrames += 1; minimumGain = min(minimumGain, s) }
                for c in 0..<channels { out.append(Float(Double(sample(p, c)) * s)) }
                framesOut += 1
            }
        }
        // Keep what the interpolation (q - back) and the delayed output still need.
        let keepFrom = min(framesOut, nextPeak - Int64(Self.firPad))
        let drop = Int(keepFrom - historyStart)
        if drop > 8192 {
            history.removeFirst(drop * channels)
            historyStart += Int64(drop)
        }
    }
}
