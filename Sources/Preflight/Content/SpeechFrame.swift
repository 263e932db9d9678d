import MediaIO

/// What one 20 ms hop of 16 kHz mono audio measures (`SpeechFrameAnalyzer`): the inputs of `SpeechClassifier`.
struct SpeechFrame: Sendable {
    /// RMS of the hop, dBFS (-120 for digital silence).
    var levelDB: Float
    /// Largest absolute sample of the hop (0...1).
    var peak: Float
    /// Energy in the speech band (300–3400 Hz) of the 32 ms window, dB (relative).
    var speechBandDB: Float
    /// Spectral flatness of 300–4000 Hz (0 a pure tone ... 1 white noise).
    var flatness: Float
    /// Normalised autocorrelation peak for a pitch of 70–400 Hz (0 unvoiced ... 1 periodic).
    var voicing: Float
    /// The pitch at that peak, Hz (meaningful when `voicing` is high).
    var pitch: Float
    /// Positive change of the normalised log spectrum from the previous hop.
    var flux: Float
    /// Share of the 60–4000 Hz energy in its six strongest bins: near 1 for one or two steady tones.
    var peakShare: Float
    /// The WebRTC VAD's decision on the hop.
    var vad: Bool
    /// Silero VAD's speech probability for the 32 ms chunk holding the hop's centre (`SpeechModel`).
    var model: Float = 0
    /// Silero's decision with its own hysteresis: on from a probability of 0.5, off under 0.35.
    var modelSpeech = false
}
