import Foundation
import MediaIO

/// Cuts 16 kHz mono samples into 20 ms hops and measures each (`SpeechFrame`): level, speech-band energy,
/// flatness, voicing and pitch (autocorrelation through libav's FFT), spectral flux, the WebRTC VAD.
/// Holds one window of samples: memory does not grow with the input.
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
    private var previousSpectrum: [Float]?
    private var vadFrame = [Int16](repeating: 0, count: SpeechFrameAnalyzer.hop)

    init() throws {
        fft = try ComplexFFT(length: Self.fftLength, inverse: false)
        inverse = try ComplexFFT(length: Self.fftLength, inverse: true)
        vad = try VoiceActivityDetector(sampleRate: Self.sampleRate, frameMilliseconds: 20, aggressiveness: 3)
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
        var start = 0
        while pending.count - start >= Self.window {
            body(measure(at: start))
            start += Self.hop
        }
        if start > 0 { pending.removeFirst(start) }
    }

    /// Measures the samples left at the end (padded with zeros); a last hop under 5 ms of real sound is dropped.
    func finish(_ body: (SpeechFrame) -> Void) {
        let lead = (Self.window - Self.hop) / 2
        let remaining = pending.count - lead
        let hops = remaining / Self.hop + (remaining % Self.hop > Self.hop / 4 ? 1 : 0)
        if hops > 0 {
            let needed = (hops - 1) * Self.hop + Self.window
            if pending.count < needed { pending.append(contentsOf: [Float](repeating: 0, count: needed - pending.count)) }
            for h in 0..<hops { body(measure(at: h * Self.hop)) }
        }
        pending.removeAll()
    }

    private func measure(at start: Int) -> SpeechFrame {
        let lead = (Self.window - Self.hop) / 2
        var sum: Float = 0, peak: Float = 0
        for i in 0..<Self.hop {
            let x = pending[start + lead + i]
            sum += x * x
            peak = max(peak, abs(x))
            vadFrame[i] = Int16(max(-32768, min(32767, (x * 32767).rounded())))
        }
        let rms = (sum / Float(Self.hop)).squareRoot()
        let levelDB = rms > 0 ? 20 * log10(rms) : -120
        let voiced = vadFrame.withUnsafeBufferPointer { vad.isVoiced($0) } ?? false

        var re = [Float](repeating: 0, count: Self.window)
        for i in 0..<Self.window { re[i] = pending[start + i] * hann[i] }
        let spectrum = fft.run(re: re, im: [])
        let bins = Self.fftLength / 2
        var power = [Float](repeating: 0, count: Self.fftLength)
        for k in 0..<Self.fftLength { power[k] = spectrum.re[k] * spectrum.re[k] + spectrum.im[k] * spectrum.im[k] }
        let binHz = Float(Self.sampleRate) / Float(Self.fftLength)
        func bin(_ hz: Float) -> Int { Int((hz / binHz).rounded()) }

        var band: Float = 0
        for k in bin(300)...bin(3400) { band += power[k] }
        let speechBandDB = 10 * log10(band + 1e-10)

        // Flatness: geometric over arithmetic mean of the power, 300–4000 Hz.
        var logSum: Float = 0, linSum: Float = 0
        let lo = bin(300), hi = bin(4000)
        for k in lo...hi { logSum += log(power[k] + 1e-12); linSum += power[k] }
        let n = Float(hi - lo + 1)
        let flatness = linSum > 1e-9 ? exp(logSum / n) / (linSum / n) : 1

        let toneBins = power[bin(60)...bin(4000)]
        let toneTotal = toneBins.reduce(0, +)
        let peakShare = toneTotal > 1e-9 ? toneBins.sorted(by: >).prefix(6).reduce(0, +) / toneTotal : 0

        // Voicing: the autocorrelation (inverse FFT of the power) normalised by the window's own.
        var voicing: Float = 0, pitch: Float = 0
        if power[0...bins].reduce(0, +) > 1e-8 {
            let r = inverse.run(re: power, im: []).re
            let r0 = max(r[0], 1e-12)
            let minLag = Self.sampleRate / 400, maxLag = Self.sampleRate / 70
            var best: Float = 0, bestLag = 0
            for lag in minLag...maxLag {
                let v = r[lag] / r0 / max(windowCorrelation[lag], 1e-3)
                if v > best { best = v; bestLag = lag }
            }
            // A peak at the edge of the search is no pitch (a kick drum's rumble, hum): not voiced.
            voicing = bestLag > minLag && bestLag < maxLag ? min(1, best) : 0
            if bestLag > minLag && bestLag < maxLag {
                // Parabolic interpolation: a pitch that glides moves by less than one lag per hop.
                let a = r[bestLag - 1], b = r[bestLag], c = r[bestLag + 1]
                let d = a - 2 * b + c
                let shift = d != 0 ? 0.5 * (a - c) / d : 0
                pitch = Float(Self.sampleRate) / (Float(bestLag) + max(-0.5, min(0.5, shift)))
            } else {
                pitch = Float(Self.sampleRate) / Float(max(bestLag, 1))
            }
        }

        // Flux on the log spectrum (normalised to the frame's mean) so loudness alone does not count.
        var logSpec = [Float](repeating: 0, count: 64)
        for j in 0..<64 {  // 64 bands of 125 Hz up to 8 kHz
            var s: Float = 0
            for k in (j * 8)..<(j * 8 + 8) { s += power[k] }
            logSpec[j] = log10(s + 1e-10)
        }
        let mean = logSpec.reduce(0, +) / 64
        for j in 0..<64 { logSpec[j] -= mean }
        var flux: Float = 0
        if let prev = previousSpectrum {
            for j in 0..<64 { flux += max(0, logSpec[j] - prev[j]) }
            flux /= 64
        }
        previousSpectrum = logSpec
        return SpeechFrame(levelDB: levelDB, peak: peak, speechBandDB: speechBandDB, flatness: flatness,
                           voicing: voicing, pitch: pitch, flux: flux, peakShare: peakShare, vad: voiced)
    }
}
