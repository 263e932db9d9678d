/// An audio stream.
public struct AudioStreamInfo: Codable, Sendable, Equatable {
    public var index: Int
    public var codec: String
    public var codecLongName: String?
    public var profile: String?
    public var sampleRate: Int
    public var channels: Int
    /// libavutil's description: "mono", "stereo", "5.1(side)", "2 channels" when unordered.
    public var channelLayout: String?
    /// libav sample format: s16, s32, fltp...
    public var sampleFormat: String?
    /// Bits per sample of the stored signal for PCM and lossless codecs; nil for lossy codecs.
    public var bitDepth: Int?
    public var isFloat: Bool
    public var duration: DurationInfo?
    public var startTime: Double?
    public var bitRate: Int64?
    public var language: String?
    public var isDefault: Bool
}

