/// How `prepare` turns an input's audio into an upload-ready file.
public struct PrepareOptions: Sendable {
    public enum Codec: String, Sendable, CaseIterable { case wav, flac }
    public enum ChannelChoice: Sendable, Equatable {
        /// Mix everything to one channel.
        case mono
        /// Keep mono as mono, everything wider is downmixed to stereo.
        case upToStereo
    }

    /// Audio stream index in the input; nil: the first audio stream.
    public var streamIndex: Int?
    public var sampleRate: Int = 48000
    public var channels: ChannelChoice = .upToStereo
    /// Integrated loudness target, LUFS; nil leaves the level alone.
    public var targetLUFS: Double? = -16
    /// True-peak ceiling, dBTP.
    public var truePeakCeiling: Double = -1.5
    /// Fit the duration to this video for `fitMode`.
    public var fitVideoPath: String?
    public var fitMode: SyncMode?
    /// Remove leading and trailing audio below `silenceThresholdDBFS`.
    public var trimSilence = false
    public var silenceThresholdDBFS: Double = -50
    /// Largest output allowed, bytes; WAV that would not fit becomes FLAC.
    public var maxBytes: Int64?
    public var codec: Codec = .wav
    /// Whether `codec` was chosen by the user (then --max-size will not switch it).
    public var codecExplicit = false
    public var bits: Int = 16
    /// Measure and report only; write nothing.
    public var measureOnly = false
    public var timeoutSeconds: Double = 3600

    public init() {}
}
