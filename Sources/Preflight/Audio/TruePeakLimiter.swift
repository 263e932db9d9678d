import Foundation

/// A look-ahead limiter that keeps the *true* (inter-sample) peak under a ceiling, streaming.
///
/// The level of each frame comes from `TruePeakEnvelope` and the gain from `LimiterGain` (5 ms
/// look-ahead, 80 ms release). Memory is O(lookAhead), not the input length. Output is delayed by
/// `latency` frames; `finish()` returns the tail. `prepare` uses the two parts separately (one envelope
/// for every gain it tries); this type puts them together for a signal that already has its gain.
public struct TruePeakLimiter {
    /// Interleaved channels per frame.
    public let channels: Int
    /// The highest true peak let through, linear (1 = full scale).
    public let ceiling: Double
    /// Look-ahead, frames: how early the gain starts falling before a peak.
    public let lookAhead: Int
    /// How many frames the output lags the input: the interpolation's right context plus the look-ahead.
    public var latency: Int { TruePeakEnvelope.firPad + lookAhead - 1 }
    /// The lowest gain applied so far (1 = untouched).
    public private(set) var minimumGain: Double = 1
    /// Frames whose gain was below 1.
    public private(set) var limitedFrames: Int64 = 0

    private var envelope: TruePeakEnvelope
    private var gain: LimiterGain
    /// Interleaved input frames waiting for their gain.
    private var delayed: [Float] = []
    private var levels: [Float] = []
    private var gains: [Float] = []
    private var framesIn: Int64 = 0
    private var framesOut: Int64 = 0

    /// A limiter for `channels` interleaved channels at `sampleRate` Hz holding true peaks under `ceiling` (linear),
    /// with `lookAheadSeconds` of look-ahead and a `releaseSeconds` release.
    public init(channels: Int, sampleRate: Int, ceiling: Double, lookAheadSeconds: Double = 0.005, releaseSeconds: Double = 0.08) {
        self.channels = channels
        self.ceiling = ceiling
        gain = LimiterGain(timing: .init(sampleRate: sampleRate, lookAheadSeconds: lookAheadSeconds, releaseSeconds: releaseSeconds),
                           threshold: Float(ceiling))
        lookAhead = gain.lookAhead
        envelope = TruePeakEnvelope(channels: channels)
    }

    /// Feeds interleaved frames; returns the limited frames that are ready (delayed by `latency`).
    public mutating func process(_ input: UnsafeBufferPointer<Float>) -> [Float] {
        delayed.append(contentsOf: input)
        framesIn += Int64(input.count / channels)
        envelope.add(input, to: &levels)
        return drain(limit: framesIn)
    }

    /// `process(_:)` over an array of interleaved frames.
    public mutating func process(_ input: [Float]) -> [Float] { input.withUnsafeBufferPointer { process($0) } }

    /// Flushes the frames still held back (the last `latency`): silence after the end gives the last
    /// positions their right context.
    public mutating func finish() -> [Float] {
        envelope.add([Float](repeating: 0, count: latency * channels), to: &levels)
        return drain(limit: framesIn)
    }

    /// Turns the envelope levels received into gains and applies them to the frames they belong to.
    private mutating func drain(limit: Int64) -> [Float] {
        if gains.count < levels.count { gains = [Float](repeating: 0, count: levels.count) }
        let known = levels.withUnsafeBufferPointer { l in gains.withUnsafeMutableBufferPointer { gain.add(l, gains: $0.baseAddress!) } }
        levels.removeAll(keepingCapacity: true)
        let frames = min(known, Int(limit - framesOut))
        var out = [Float](repeating: 0, count: frames * channels)
        for f in 0..<frames {
            let s = gains[f]
            if s < 0.99999 { limitedFrames += 1; minimumGain = min(minimumGain, Double(s)) }
            for c in 0..<channels { out[f * channels + c] = delayed[f * channels + c] * s }
        }
        delayed.removeFirst(frames * channels)
        framesOut += Int64(frames)
        return out
    }
}
