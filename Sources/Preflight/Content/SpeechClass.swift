/// What an audio sounds like as a whole (`content.speech.class`), decided by `SpeechClassifier`.
public enum SpeechClass: String, Codable, Sendable, CaseIterable {
    /// Speech without music under it.
    case speech
    /// Speech with music under it (the pauses between words stay voiced).
    case speechOverMusic = "speech-over-music"
    /// Music, without speech over it.
    case music
    /// Noise: a flat spectrum with little voiced sound (hiss, wind, static).
    case noise
    /// A tone: the sound's energy sits in one narrow band (a test tone, a beep, hum).
    case tone
    /// Every sample is zero.
    case silence
    /// Sound, but nothing louder than the near-silence level (hiss, hum, dither).
    case nearSilence = "near-silence"

    /// Whether the class carries speech to lip-sync.
    public var hasSpeech: Bool { self == .speech || self == .speechOverMusic }
}
