/// Everything `preflight probe` reports about one file. Stable JSON: see docs/PROBE-JSON.md.
public struct MediaInfo: Codable, Sendable, Equatable {
    /// The probed file's path, as given.
    public var path: String
    /// File size in bytes (what an upload limit compares against).
    public var sizeBytes: Int64
    /// The container format: libavformat's name and the contract's family.
    public var container: ContainerInfo
    /// The file's duration: container header when present, otherwise how libav estimated it.
    public var duration: DurationInfo?
    /// The container's start time in seconds (often 0, non-zero after a cut); nil when unknown.
    public var startTime: Double?
    /// Overall bit rate in bit/s as libavformat reports it; nil when unknown.
    public var bitRate: Int64?
    /// The video streams, in file order (cover art is in `other`).
    public var video: [VideoStreamInfo]
    /// The audio streams, in file order.
    public var audio: [AudioStreamInfo]
    /// Cover art, subtitle, data and attachment streams.
    public var other: [OtherStreamInfo]
    /// Stream counts at a glance.
    public var summary: MediaSummary
    /// Problems found in the file itself (truncation, decode errors, a header that lies).
    public var integrity: [IntegrityIssue]
    /// Present with `--exact`: what a scan of every packet measured.
    public var exact: ExactMeasurement?

    /// A probe result built by hand (a custom rule's unit test, a file described by another tool); `summary`
    /// defaults to the counts of the streams given.
    public init(path: String, sizeBytes: Int64, container: ContainerInfo, duration: DurationInfo? = nil, startTime: Double? = nil,
                bitRate: Int64? = nil, video: [VideoStreamInfo] = [], audio: [AudioStreamInfo] = [], other: [OtherStreamInfo] = [],
                summary: MediaSummary? = nil, integrity: [IntegrityIssue] = [], exact: ExactMeasurement? = nil) {
        self.path = path
        self.sizeBytes = sizeBytes
        self.container = container
        self.duration = duration
        self.startTime = startTime
        self.bitRate = bitRate
        self.video = video
        self.audio = audio
        self.other = other
        self.summary = summary ?? MediaSummary(hasVideo: !video.isEmpty, hasAudio: !audio.isEmpty, videoStreams: video.count,
                                               audioStreams: audio.count, otherStreams: other.count)
        self.integrity = integrity
        self.exact = exact
    }
}

/// How many streams of each kind a file has.
public struct MediaSummary: Codable, Sendable, Equatable {
    /// Whether the file has at least one video stream (cover art does not count).
    public var hasVideo: Bool
    /// Whether the file has at least one audio stream.
    public var hasAudio: Bool
    /// Number of video streams.
    public var videoStreams: Int
    /// Number of audio streams.
    public var audioStreams: Int
    /// Number of other streams (cover art, subtitles, data, attachments).
    public var otherStreams: Int

    /// Counts as given; `MediaInfo.init` derives them from the streams when omitted.
    public init(hasVideo: Bool, hasAudio: Bool, videoStreams: Int, audioStreams: Int, otherStreams: Int) {
        self.hasVideo = hasVideo
        self.hasAudio = hasAudio
        self.videoStreams = videoStreams
        self.audioStreams = audioStreams
        self.otherStreams = otherStreams
    }
}

/// A defect in the file found while probing. Errors make `probe` exit 2.
public struct IntegrityIssue: Codable, Sendable, Equatable {
    /// What kind of defect it is; the raw value is the JSON spelling.
    public enum Kind: String, Codable, Sendable {
        /// The header's sample index or data size points past the end of the file.
        case truncated
        /// The header holds placeholder sizes (a WAV written to a pipe): nothing is declared.
        case headerPlaceholder = "header-placeholder"
        /// The declared duration disagrees with the measured content (`--exact`).
        case durationMismatch = "duration-mismatch"
        /// No duration is declared at all (measured with `--exact`).
        case durationMissing = "duration-missing"
        /// The decoder reported errors (`--exact`).
        case decodeErrors = "decode-errors"
        /// Reading packets failed before the end of the file.
        case readError = "read-error"
        /// A stream this FFmpeg cannot decode: no decoder, one that will not open, or packets that yield no frame.
        case undecodable
        /// The audio and video streams hold no packet at all (`--exact`, and check).
        case noPackets = "no-packets"
    }
    /// What kind of defect it is.
    public var kind: Kind
    /// The defect in words, with the figures that show it.
    public var message: String
    /// Seconds into the file where the problem starts, when known.
    public var at: Double?
    /// The stream the problem is in, when it is in one.
    public var stream: Int? = nil

    /// An issue as given; probing and `--exact` scans create these.
    public init(kind: Kind, message: String, at: Double? = nil, stream: Int? = nil) {
        self.kind = kind
        self.message = message
        self.at = at
        self.stream = stream
    }
}
