/// An audio stream.
public struct AudioStreamInfo: Codable, Sendable, Equatable {
    /// The stream's index in the file, as ffprobe numbers it.
    public var index: Int
    /// libavcodec's short codec name, e.g. `aac`, `pcm_s16le`, `opus`.
    public var codec: String
    /// libavcodec's descriptive codec name, e.g. `AAC (Advanced Audio Coding)`.
    public var codecLongName: String?
    /// The codec profile, e.g. `LC` or `HE-AAC`; nil when the codec has none.
    public var profile: String?
    /// Samples per second per channel, Hz.
    public var sampleRate: Int
    /// Number of channels (1 mono, 2 stereo, 6 for 5.1...).
    public var channels: Int
    /// libavutil's description: "mono", "stereo", "5.1(side)", "2 channels" when unordered.
    public var channelLayout: String?
    /// libav sample format: s16, s32, fltp...
    public var sampleFormat: String?
    /// Bits per sample of the stored signal for PCM and lossless codecs; nil for lossy codecs.
    public var bitDepth: Int?
    /// Whether samples are floating point (`flt`/`dbl` formats), which can exceed 0 dBFS.
    public var isFloat: Bool
    /// The stream's duration in seconds with where it came from; nil when unknown.
    public var duration: DurationInfo?
    /// First timestamp in seconds; nil when unknown.
    public var startTime: Double?
    /// The stream's bit rate in bit/s; nil when the file does not say.
    public var bitRate: Int64?
    /// The stream's `language` tag (usually ISO 639-2, e.g. `eng`); nil when untagged.
    public var language: String?
    /// Whether the stream carries the default disposition (players pick it first).
    public var isDefault: Bool
}

