import Foundation
import MediaIO

/// Cuts 16 kHz mono samples into 20 ms hops and measures each (`SpeechFrame`): level, speech-band energy,
/// flatness, voicing and pitch (autocorrelation through libav's FFT), spectral flux, the WebRTC VAD, and
/// Silero VAD's speech probability (`SpeechModel`, 32 ms chunks: a hop is handed on once the chunk holding
/// its centre is done). Holds one window of samples: memory does not grow with the input.
final class SpeechFrameAnalyzer {
    static let sampleRate = 16000
    static let hop = 320          // 20 ms
    static let window = 512       // 32 ms, centred on the hop
    static let fftLength = 1024   // zero-padded so the autocorrelation is linear, not circular
    static var hopSeconds: Double { Double(hop) / Double(sampleRate) }

    private let fft: ComplexFFT
    private let inverse: ComplexFFT
    private let vad: VoiceActivityDetector
    private let hann: [Float]
    /// Autocorrelation of the window itself: dividing by it keeps long lags (low voices) from reading weaker.
    private let windowCorrelation: [Float]
    private var pending: [Float] = []
    private var vadFrame = [Int16](repeating: 0, count: SpeechFrameAnalyzer.hop)
    private let model: SpeechModel
    /// Samples not yet in a model chunk.
    private var modelPending: [Float] = []
    /// Chunk probabilities from chunk `probabilityBase` on, not yet given to every hop they cover.
    private var probabilities: [Float] = []
    private var probabilityBase = 0
    /// Hops measured, waiting for the chunk holding their centre; `waiting[0]` is hop `hopIndex`.
    private var waiting: [SpeechFrame] = []
    private var hopIndex = 0
    private var modelOn = false
    /// Silero's hysteresis (its own defaults): speech from this probability on ...
    static let modelOnThreshold: Float = 0.5
    /// ... until it falls under this one.
    static let modelOffThreshold: Float = 0.35

    init() throws {
        fft = try ComplexFFT(length: Self.fftLength, inverse: false)
        inverse = try ComplexFFT(length: Self.fftLength, inverse: true)
        vad = try VoiceActivityDetector(sampleRate: Self.sampleRate, frameMilliseconds: 20, aggressiveness: 3)
        model = try SpeechModel()
        hann = (0..<Self.window).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(Self.window - 1))) }
        let spectrum = fft.run(re: hann, im: [])
        let power = zip(spectrum.re, spectrum.im).map { $0 * $0 + $1 * $1 }
        let r = inverse.run(re: power, im: []).re
        windowCorrelation = r.map { $0 / max(r[0], 1e-12) }
        // The first hop is centred at 10 ms: pad the start so every hop has a full window.
        pending = [Float](repeating: 0, count: (Self.window - Self.hop) / 2)
    }

    /// Feeds samples; `body` gets each complete hop's measures in order.
    func feed(_ samples: UnsafeBufferPointer<Float>, _ body: (SpeechFrame) -> Void) {
        pending.append(contentsOf: samples)
        modelPending.append(contentsOf: samples)
        runModel()
        var start = 0
        while pending.count - start >= Self.window {
            waiting.append(measure(at: start))
            start += Self.hop
        }
        if start > 0 { pending.removeFirst(start) }
        handOn(body, all: false)
    }

    /// Runs the model on every complete chunk.
    private func runModel() {
        let n = SpeechModel.chunkLength
        var start = 0
        modelPending.withUnsafeBufferPointer { p in
            while p.count - start >= n {
                // A failed chunk reads as no speech: the hand-set measures still classify the block.
                probabilities.append(model.speechProbability(UnsafeBufferPointer(rebasing: p[start..<(start + n)])) ?? 0)
                start += n
            }
        }
        if start > 0 { modelPending.removeFirst(start) }
    }

    /// Gives `body` the waiting hops whose chunk is done (all of them when `all`: the end of the audio).
    private func handOn(_ body: (SpeechFrame) -> Void, all: Bool) {
        var k = 0
        while k < waiting.count {
            let chunk = ((hopIndex + k) * Self.hop + Self.hop / 2) / SpeechModel.chunkLength - probabilityBase
            guard chunk < probabilities.count || all else { break }
            var f = waiting[k]
            f.model = chunk < probabilities.count ? probabilities[chunk] : 0
            if f.model >= Self.modelOnThreshold { modelOn = true } else if f.model < Self.modelOffThreshold { modelOn = false }
            f.modelSpeech = modelOn
            body(f)
            k += 1
        }
        if k > 0 { waiting.removeFirst(k); hopIndex += k }
        let drop = min(probabilities.count, (hopIndex * Self.hop + Self.hop / 2) / SpeechModel.chunkLength - probabilityBase)
        if drop > 0 { probabilities.removeFirst(drop); probabilityBase += drop }
    }

    /// Measures the samples left at the end (padded with zeros); a last hop under 5 ms of real sound is dropped.
    func finish(_ body: (SpeechFrame) -> Void) {
        let lead = (Self.window - Self.hop) / 2
        let remaining = pending.count - lead
        let hops = remaining / Self.hop + (remaining % Self.hop > Self.hop / 4 ? 1 : 0)
        if hops > 0 {
            let needed = (hops - 1) * Self.hop + Self.window
            if pending.count < needed { pending.append(contentsOf: [Float](repeating: 0, count: needed - pending.count)) }
            for h in 0..<hops { waiting.append(measure(at: h * Self.hop)) }
        }
        pending.removeAll()
        // The last partial chunk, padded with zeros (as silero-vad's own wrapper does).
        if !modelPending.isEmpty {
            modelPending.append(contentsOf: [Float](repeating: 0, count: SpeechModel.chunkLength - modelPending.count))
            runModel()
        }
        handOn(body, all: true)
    }

    // Buffers reused hop after hop: allocation per hop would dominate the cost.
    private var re = [Float](repeating: 0, count: SpeechFrameAnalyzer.fftLength)
    private var im = [Float](repeating: 0, count: SpeechFrameAnalyzer.fftLength)
    private var power = [Float](repeating: 0, count: SpeechFrameAnalyzer.fftLength)
    private var logSpec = [Float](repeating: 0, count: 64)
    private var hasPrevious = false
    private var previous = [Float](repeating: 0, count: 64)

    private static let binHz = Float(sampleRate) / Float(fftLength)
    private static func bin(_ hz: Float) -> Int { Int((hz / binHz).rounded()) }
    private static let speechBand = bin(300)...bin(3400)
    private static let flatBand = bin(300)...bin(4000)
    private static let toneBand = bin(60)...bin(4000)
    private static let lags = (sampleRate / 400)...(sampleRate / 70)

    private func measure(at start: Int) -> SpeechFrame {
        let lead = (Self.window - Self.hop) / 2
        var sum: Float = 0, peak: Float = 0
        pending.withUnsafeBufferPointer { p in
            vadFrame.withUnsafeMutableBufferPointer { v in
                for i in 0..<Self.hop {
                    let x = p[start + lead + i]
                    sum += x * x
                    peak = max(peak, abs(x))
                    v[i] = Int16(max(-32768, min(32767, (x * 32767).rounded())))
                }
            }
        }
        let rms = (sum / Float(Self.hop)).squareRoot()
        let levelDB = rms > 0 ? 20 * log10(rms) : -120
        let voiced = vadFrame.withUnsafeBufferPointer { vad.isVoiced($0) } ?? false

        let n = Self.fftLength
        pending.withUnsafeBufferPointer { p in
            hann.withUnsafeBufferPointer { w in
                re.withUnsafeMutableBufferPointer { r in
                    im.withUnsafeMutableBufferPointer { i in
                        for k in 0..<n { r[k] = k < Self.window ? p[start + k] * w[k] : 0; i[k] = 0 }
                    }
                }
            }
        }
        fft.transform(re: &re, im: &im)
        var speechBand: Float = 0, logSum: Float = 0, linSum: Float = 0, toneTotal: Float = 0, total: Float = 0
        var top = [Float](repeating: 0, count: 6)
        power.withUnsafeMutableBufferPointer { pw in
            re.withUnsafeBufferPointer { r in im.withUnsafeBufferPointer { i in
                for k in 0..<n { pw[k] = r[k] * r[k] + i[k] * i[k] }
            } }
            for k in 0...(n / 2) { total += pw[k] }
            for k in Self.speechBand { speechBand += pw[k] }
            // Flatness: geometric over arithmetic mean of the power, 300–4000 Hz.
            for k in Self.flatBand { logSum += log(pw[k] + 1e-12); linSum += pw[k] }
            // Tonality: the six strongest bins' share of 60–4000 Hz (kept sorted, smallest first).
            for k in Self.toneBand {
                let x = pw[k]
                toneTotal += x
                if x > top[0] {
                    var j = 0
                    while j < 5 && top[j + 1] < x { top[j] = top[j + 1]; j += 1 }
                    top[j] = x
                }
            }
        }
        let speechBandDB = 10 * log10(speechBand + 1e-10)
        let flatCount = Float(Self.flatBand.count)
        let flatness = linSum > 1e-9 ? exp(logSum / flatCount) / (linSum / flatCount) : 1
        let peakShare = toneTotal > 1e-9 ? top.reduce(0, +) / toneTotal : 0

        // Flux on the log spectrum (normalised to the frame's mean) so loudness alone does not count.
        var flux: Float = 0
        power.withUnsafeBufferPointer { pw in
            logSpec.withUnsafeMutableBufferPointer { ls in
                var mean: Float = 0
                for j in 0..<64 {  // 64 bands of 125 Hz up to 8 kHz
                    var s: Float = 0
                    for k in (j * 8)..<(j * 8 + 8) { s += pw[k] }
                    ls[j] = log10(s + 1e-10)
                    mean += ls[j]
                }
                mean /= 64
                previous.withUnsafeMutableBufferPointer { prev in
                    for j in 0..<64 {
                        ls[j] -= mean
                        if hasPrevious { flux += max(0, ls[j] - prev[j]) }
                        prev[j] = ls[j]
                    }
                }
            }
        }
        flux /= 64
        hasPrevious = true

        // Voicing: the autocorrelation (inverse FFT of the power) normalised by the window's own.
        var voicing: Float = 0, pitch: Float = 0
        if total > 1e-8 {
            re.withUnsafeMutableBufferPointer { r in
                im.withUnsafeMutableBufferPointer { i in
                    power.withUnsafeBufferPointer { pw in for k in 0..<n { r[k] = pw[k]; i[k] = 0 } }
                }
            }
            inverse.transform(re: &re, im: &im)
            re.withUnsafeBufferPointer { r in
                windowCorrelation.withUnsafeBufferPointer { wc in
                    let r0 = max(r[0], 1e-12)
                    let minLag = Self.lags.lowerBound, maxLag = Self.lags.upperBound
                    var best: Float = 0, bestLag = 0
                    for lag in Self.lags {
                        let v = r[lag] / r0 / max(wc[lag], 1e-3)
                        if v > best { best = v; bestLag = lag }
                    }
                    // A peak at the edge of the search is no pitch (a kick drum's rumble, hum): not voiced.
                    guard bestLag > minLag && bestLag < maxLag else { return }
                    voicing = min(1, best)
                    // Parabolic interpolation: a pitch that glides moves by less than one lag per hop.
                    let a = r[bestLag - 1], b = r[bestLag], c = r[bestLag + 1]
                    let d = a - 2 * b + c
                    let shift = d != 0 ? 0.5 * (a - c) / d : 0
                    pitch = Float(Self.sampleRate) / (Float(bestLag) + max(-0.5, min(0.5, shift)))
                }
            }
        }
        return SpeechFrame(levelDB: levelDB, peak: peak, speechBandDB: speechBandDB, flatness: flatness,
                           voicing: voicing, pitch: pitch, flux: flux, peakShare: peakShare, vad: voiced)
    }
}
