/// What an audio sounds like as a whole (`content.speech.class`), decided by `SpeechClassifier`.
public enum SpeechClass: String, Codable, Sendable, CaseIterable {
    case speech
    /// Speech with music under it (the pauses between words stay voiced).
    case speechOverMusic = "speech-over-music"
    case music
    case noise
    case tone
    /// Every sample is zero.
    case silence
    /// Sound, but nothing louder than the near-silence level (hiss, hum, dither).
    case nearSilence = "near-silence"

    /// Whether the class carries speech to lip-sync.
    public var hasSpeech: Bool { self == .speech || self == .speechOverMusic }
}
