/// Where a duration came from. ffprobe prints one number; preflight says how far to trust it.
public enum DurationSource: String, Codable, Sendable {
    /// Declared by the container header (MP4 `mvhd`, Matroska `Duration`, ASF...).
    case containerHeader = "container-header"
    /// Declared by the stream's own header (MP4 `mdhd`, WAV data size, MP3 Xing frames...).
    case streamHeader = "stream-header"
    /// Matroska/WebM per-track `DURATION` tag, written by the muxer as metadata.
    case streamTag = "stream-tag"
    /// Not declared; libavformat copied it from the container to the stream.
    case derived
    /// From first and last packet timestamps (MPEG-TS/PS).
    case timestamps
    /// Estimated from file size and bit rate: a guess, often wrong for VBR.
    case bitrateEstimate = "bitrate-estimate"
    /// Measured by scanning every packet (`--exact`).
    case measured
}

/// A duration in seconds with its source.
public struct DurationInfo: Codable, Sendable, Equatable {
    /// The duration in seconds.
    public var seconds: Double
    /// Where the number came from, and so how far to trust it.
    public var source: DurationSource
    /// A duration as given, e.g. for a hand-built `MediaInfo`.
    public init(seconds: Double, source: DurationSource) {
        self.seconds = seconds
        self.source = source
    }
}
