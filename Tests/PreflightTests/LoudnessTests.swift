import Foundation
import Testing
import Preflight

/// The loudness meter (libebur128 behind `LoudnessMeasurement`) on signals built here, EBU Tech 3341 style,
/// and the true-peak limiter on its own.
@Suite struct LoudnessTests {
    static let rate = 48000

    /// Interleaved stereo 1 kHz sine; `segments` are (seconds, dBFS) played one after another.
    static func stereoSine(_ segments: [(seconds: Double, dBFS: Double)], frequency: Double = 1000) -> [Float] {
        var out: [Float] = []
        var n = 0
        for segment in segments {
            let amplitude = pow(10, segment.dBFS / 20)
            let frames = Int(segment.seconds * Double(rate))
            out.reserveCapacity(out.count + frames * 2)
            for _ in 0..<frames {
                let v = Float(amplitude * sin(2 * Double.pi * frequency * Double(n) / Double(rate)))
                out.append(v)
                out.append(v)
                n += 1
            }
        }
        return out
    }

    // MARK: - Meter (EBU Tech 3341)

    @Test func stereoSineAtMinus23IsMinus23LUFS() throws {
        let m = try LoudnessMeasurement.measure(Self.stereoSine([(20, -23)]), channels: 2, sampleRate: Self.rate)
        let i = try #require(m.integratedLUFS)
        #expect(abs(i - -23) <= 0.1, "I = \(i)")
        #expect(abs(m.samplePeakDBFS - -23) <= 0.05, "sample peak = \(m.samplePeakDBFS)")
    }

    @Test func stereoSineAtMinus33IsMinus33LUFS() throws {
        let m = try LoudnessMeasurement.measure(Self.stereoSine([(20, -33)]), channels: 2, sampleRate: Self.rate)
        let i = try #require(m.integratedLUFS)
        #expect(abs(i - -33) <= 0.1, "I = \(i)")
    }

    /// Tech 3341 case 3: the quiet parts fall under the relative gate and do not pull the result down.
    @Test func relativeGateIgnoresQuietParts() throws {
        let m = try LoudnessMeasurement.measure(Self.stereoSine([(10, -36), (20, -23), (10, -36)]), channels: 2, sampleRate: Self.rate)
        let i = try #require(m.integratedLUFS)
        #expect(abs(i - -23) <= 0.1, "I = \(i)")
    }

    /// A sine at fs/4 with a 45° phase: every sample is ±0.354 (−9.03 dBFS), the waveform peaks at 0.5 (−6.02 dBTP)
    /// between samples.
    @Test func truePeakSeesTheInterSamplePeak() throws {
        let frames = 5 * Self.rate
        let samples = (0..<frames).map { n in Float(0.5 * sin(Double.pi / 2 * Double(n) + Double.pi / 4)) }
        #expect(abs(samples.map(abs).max()! - Float(0.5 / 2.0.squareRoot())) < 1e-6)
        let m = try LoudnessMeasurement.measure(samples, channels: 1, sampleRate: Self.rate)
        #expect(abs(m.samplePeakDBFS - -9.03) <= 0.05, "sample peak = \(m.samplePeakDBFS)")
        #expect(abs(m.truePeakDBTP - -6.02) <= 0.3, "true peak = \(m.truePeakDBTP)")
    }

    @Test func silenceHasNoIntegratedLoudness() throws {
        let m = try LoudnessMeasurement.measure([Float](repeating: 0, count: 2 * 3 * Self.rate), channels: 2, sampleRate: Self.rate)
        #expect(m.integratedLUFS == nil)
        #expect(m.samplePeakDBFS <= -150)
        #expect(m.truePeakDBTP <= -150)
        // Nothing at all is fine too.
        let empty = try LoudnessMeasurement.measure([], channels: 2, sampleRate: Self.rate)
        #expect(empty.integratedLUFS == nil)
    }

    /// Under the 400 ms of one gating block there is no integrated loudness.
    @Test func shorterThanOneBlockHasNoIntegratedLoudness() throws {
        let m = try LoudnessMeasurement.measure(Self.stereoSine([(0.3, -20)]), channels: 2, sampleRate: Self.rate)
        #expect(m.integratedLUFS == nil)
    }

    // MARK: - TruePeakLimiter

    /// Runs the limiter in uneven chunks, as the preparer feeds it, and returns everything it emitted.
    static func limit(_ input: [Float], channels: Int, ceiling: Double, chunkFrames: [Int] = [1000, 4096, 333, 8192]) -> (out: [Float], limiter: TruePeakLimiter, firstChunkOut: Int) {
        var limiter = TruePeakLimiter(channels: channels, sampleRate: rate, ceiling: ceiling)
        var out: [Float] = []
        var position = 0
        var k = 0
        var firstChunkOut = -1
        while position < input.count {
            let n = min(chunkFrames[k % chunkFrames.count] * channels, input.count - position)
            let produced = limiter.process(Array(input[position..<position + n]))
            if firstChunkOut < 0 { firstChunkOut = produced.count }
            out += produced
            position += n
            k += 1
        }
        out += limiter.finish()
        return (out, limiter, firstChunkOut)
    }

    /// Highest |x| over the samples and 4x-interpolated points of one channel, with a long (±64 taps)
    /// Hann-windowed sinc: independent of the limiter's own 24-tap filter.
    static func truePeak(_ interleaved: [Float], channels: Int, channel: Int) -> Double {
        let x = stride(from: channel, to: interleaved.count, by: channels).map { Double(interleaved[$0]) }
        let half = 64
        let phases: [[Double]] = (1...3).map { k in
            let frac = Double(k) / 4
            return (-half + 1...half).map { j -> Double in
                let d = frac - Double(j)
                let sinc = sin(Double.pi * d) / (Double.pi * d)
                let w = 0.5 * (1 + cos(Double.pi * d / (Double(half) + 0.5)))
                return sinc * w
            }
        }
        var peak = x.map(abs).max() ?? 0
        for n in x.indices {
            for h in phases {
                var acc = 0.0
                for (i, j) in (-half + 1...half).enumerated() {
                    let m = n + j
                    if m >= 0 && m < x.count { acc += h[i] * x[m] }
                }
                peak = max(peak, abs(acc))
            }
        }
        return peak
    }

    /// Deterministic numbers in [-1, 1).
    struct LCG {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    /// Band-limited noise: a sum of sines at random frequencies between 50 Hz and `maxHz`, random phases.
    static func noise(frames: Int, seed: UInt64, maxHz: Double = 19_000, partials: Int = 40) -> [Double] {
        var rng = LCG(state: seed)
        let parts = (0..<partials).map { _ in (f: 50 + (maxHz - 50) * (rng.next() + 1) / 2, phase: Double.pi * rng.next()) }
        return (0..<frames).map { n in
            let t = Double(n) / Double(rate)
            return parts.reduce(0) { $0 + sin(2 * Double.pi * $1.f * t + $1.phase) } / Double(partials).squareRoot()
        }
    }

    /// A signal whose true peak is 6 dB over the ceiling (inter-sample peaks at fs/4, content up to 19 kHz)
    /// comes out with every sample and every interpolated point at or under the ceiling.
    ///
    /// The noise is band-limited on purpose: with white noise (energy up to 24 kHz) the limiter's 24-tap
    /// peak estimate under-reads and the output's ideal true peak ends up ~0.45 dB over the ceiling.
    @Test func limiterHoldsTheCeilingSixDBOver() throws {
        let ceilingDB = -6.0
        let ceiling = pow(10, ceilingDB / 20)
        let frames = Self.rate / 4
        let noiseL = Self.noise(frames: frames, seed: 42), noiseR = Self.noise(frames: frames, seed: 43)
        var signal: [Float] = []
        for n in 0..<frames {
            let t = Double(n) / Double(Self.rate)
            let swell = 0.5 + 0.5 * sin(2 * Double.pi * 6 * t)
            let l = 0.45 * sin(2 * Double.pi * 997 * t) + 0.3 * swell * sin(Double.pi / 2 * Double(n) + Double.pi / 4)
                + 0.15 * noiseL[n]
            let r = 0.5 * sin(2 * Double.pi * 11025 * t + 0.3) * swell + 0.2 * noiseR[n]
            signal.append(Float(l))
            signal.append(Float(r))
        }
        // Scale so the input's own (long-filter) true peak sits exactly 6 dB over the ceiling.
        let inputPeak = max(Self.truePeak(signal, channels: 2, channel: 0), Self.truePeak(signal, channels: 2, channel: 1))
        let scale = Float(ceiling * pow(10, 6.0 / 20) / inputPeak)
        signal = signal.map { $0 * scale }

        let (out, limiter, _) = Self.limit(signal, channels: 2, ceiling: ceiling)
        #expect(out.count == signal.count)
        let samplePeak = Double(out.map(abs).max()!)
        #expect(samplePeak <= ceiling, "sample peak \(20 * log10(samplePeak)) dBFS over \(ceilingDB)")
        for c in 0..<2 {
            let tp = Self.truePeak(out, channels: 2, channel: c)
            // 0.01 dB of slack: the limiter's 24-tap estimate is not the ideal reconstruction (ripple of a few
            // hundredths of a dB below 20 kHz); it measured 0.001 dB over here.
            #expect(tp <= ceiling * pow(10, 0.01 / 20), "channel \(c): true peak \(20 * log10(tp)) dBTP over \(ceilingDB)")
        }
        #expect(limiter.limitedFrames > 0)
        #expect(limiter.minimumGain < pow(10, -5.0 / 20), "deepest gain \(limiter.minimumGain)")
    }

    /// A signal well under the ceiling is passed through bit for bit, only delayed.
    @Test func limiterLeavesQuietSignalUntouched() throws {
        var rng = LCG(state: 7)
        let frames = 30_000
        var signal: [Float] = []
        for n in 0..<frames {
            let t = Double(n) / Double(Self.rate)
            signal.append(Float(0.2 * sin(2 * Double.pi * 440 * t) + 0.05 * rng.next()))
            signal.append(Float(0.2 * sin(2 * Double.pi * 10_000 * t) + 0.05 * rng.next()))
        }
        var limiter = TruePeakLimiter(channels: 2, sampleRate: Self.rate, ceiling: pow(10, -1.5 / 20))
        let first = limiter.process(signal)
        #expect(first.count == (frames - limiter.latency) * 2, "the first call holds back `latency` frames")
        let all = first + limiter.finish()
        #expect(all == signal)
        #expect(limiter.limitedFrames == 0)
        #expect(limiter.minimumGain == 1)

        // The same in small chunks.
        let (chunked, l2, _) = Self.limit(signal, channels: 2, ceiling: pow(10, -1.5 / 20), chunkFrames: [1, 17, 480, 4096])
        #expect(chunked == signal)
        #expect(l2.limitedFrames == 0)
    }
}
