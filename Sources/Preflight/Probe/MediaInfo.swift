/// Everything `preflight probe` reports about one file. Stable JSON: see docs/PROBE-JSON.md.
public struct MediaInfo: Codable, Sendable, Equatable {
    public var path: String
    public var sizeBytes: Int64
    public var container: ContainerInfo
    /// The file's duration: container header when present, otherwise how libav estimated it.
    public var duration: DurationInfo?
    public var startTime: Double?
    public var bitRate: Int64?
    public var video: [VideoStreamInfo]
    public var audio: [AudioStreamInfo]
    public var other: [OtherStreamInfo]
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

public struct MediaSummary: Codable, Sendable, Equatable {
    public var hasVideo: Bool
    public var hasAudio: Bool
    public var videoStreams: Int
    public var audioStreams: Int
    public var otherStreams: Int

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
    public var kind: Kind
    public var message: String
    /// Seconds into the file where the problem starts, when known.
    public var at: Double?
    /// The stream the problem is in, when it is in one.
    public var stream: Int? = nil

    public init(kind: Kind, message: String, at: Double? = nil, stream: Int? = nil) {
        self.kind = kind
        self.message = message
        self.at = at
        self.stream = stream
    }
}
