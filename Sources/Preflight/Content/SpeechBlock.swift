import Foundation

/// The measures of one second of audio (50 hops, `SpeechClassifier.blockHops`) that tell speech from
/// music, noise and tones. Computed from `SpeechFrame`s; the numbers docs/CONTENT.md describes.
struct SpeechBlock: Sendable {
    /// Loudest hop, dBFS.
    var maxLevelDB: Float
    /// Largest absolute sample.
    var peak: Float
    /// Share of the speech-band envelope's modulation (1–20 Hz) that lies at syllable rates, 2–8 Hz.
    var syllabicModulation: Float
    /// Spread of the speech-band envelope (90th minus 30th percentile), dB: speech rises and falls with each syllable.
    var envelopeDepthDB: Float
    /// Share of the sounding hops that are voiced (periodic).
    var voicedShare: Float
    /// Share of voiced hop pairs whose pitch holds within 0.6 %: held notes and tones, not speech.
    var steadyPitchShare: Float
    /// Share of hops below half the block's mean speech-band energy: the pauses between syllables.
    var lowEnergyShare: Float
    /// Median spectral flatness (300–4000 Hz).
    var flatness: Float
    /// Median share of the energy in the six strongest bins (`SpeechFrame.peakShare`): tones.
    var peakShare: Float
    /// Mean spectral flux.
    var flux: Float
    /// Share of hops the WebRTC VAD calls voice.
    var vadShare: Float
    /// Share of hops Silero VAD calls speech (`SpeechFrame.modelSpeech`).
    var modelShare: Float
    /// Mean of Silero VAD's speech probability over the hops.
    var modelMean: Float
    /// Share of the quietest third of hops that stay within 25 dB of the loudest and tonal: music under speech.
    var voicedPauseShare: Float

    init(_ frames: ArraySlice<SpeechFrame>) {
        let n = Float(frames.count)
        let loudest = frames.map(\.levelDB).max() ?? -120
        maxLevelDB = loudest
        peak = frames.map(\.peak).max() ?? 0
        vadShare = Float(frames.filter(\.vad).count) / max(n, 1)
        modelShare = Float(frames.filter(\.modelSpeech).count) / max(n, 1)
        modelMean = frames.map(\.model).reduce(0, +) / max(n, 1)
        // The envelope floored 50 dB under its peak: digital silence would otherwise read as endless depth.
        let top = frames.map(\.speechBandDB).max() ?? 0
        let env = frames.map { max($0.speechBandDB, top - 50) }
        let mean = env.reduce(0, +) / max(n, 1)
        // Depth as a spread between percentiles, not a deviation: a few silent hops (a file's end, a cut)
        // would otherwise read as a deep syllable.
        let sortedEnv = env.sorted()
        envelopeDepthDB = sortedEnv.isEmpty ? 0 : sortedEnv[sortedEnv.count * 9 / 10] - sortedEnv[sortedEnv.count * 3 / 10]
        // Modulation spectrum of the envelope: a direct DFT (50 points, 1 Hz resolution at 50 hops/s).
        let rate = 1 / Float(SpeechFrameAnalyzer.hopSeconds)
        var syllabic: Float = 0, all: Float = 0
        for f in 1...20 {
            var re: Float = 0, im: Float = 0
            let w = 2 * Float.pi * Float(f) / rate
            for (i, e) in env.enumerated() { re += (e - mean) * cos(w * Float(i)); im -= (e - mean) * sin(w * Float(i)) }
            let p = re * re + im * im
            all += p
            if (2...8).contains(f) { syllabic += p }
        }
        syllabicModulation = all > 1e-6 ? syllabic / all : 0
        let linear = env.map { pow(10, $0 / 10) }
        let linMean = linear.reduce(0, +) / max(n, 1)
        lowEnergyShare = Float(linear.filter { $0 < 0.5 * linMean }.count) / max(n, 1)
        let sounding = frames.filter { $0.levelDB > max(-60, loudest - 35) }
        let voiced = sounding.filter { $0.voicing > 0.6 }
        voicedShare = sounding.isEmpty ? 0 : Float(voiced.count) / Float(sounding.count)
        var pairs = 0, steady = 0
        var previous: SpeechFrame?
        for f in frames {
            if let p = previous, p.voicing > 0.6, f.voicing > 0.6, p.pitch > 0 {
                pairs += 1
                if abs(f.pitch - p.pitch) / p.pitch < 0.006 { steady += 1 }
            }
            previous = f
        }
        steadyPitchShare = pairs == 0 ? 0 : Float(steady) / Float(pairs)
        let flat = frames.map(\.flatness).sorted()
        flatness = flat.isEmpty ? 1 : flat[flat.count / 2]
        let peaks = frames.filter { $0.levelDB > loudest - 35 }.map(\.peakShare).sorted()
        peakShare = peaks.isEmpty ? 0 : peaks[peaks.count / 2]
        flux = frames.map(\.flux).reduce(0, +) / max(n, 1)
        // The quietest third of the hops: under speech alone they fall far or turn to flat noise; music
        // under speech keeps them loud and tonal.
        let quiet = frames.sorted { $0.levelDB < $1.levelDB }.prefix(max(1, frames.count / 3))
        voicedPauseShare = Float(quiet.filter { $0.levelDB > loudest - 25 && ($0.voicing > 0.7 || $0.flatness < 0.03) }.count) / Float(quiet.count)
    }
}
