/// A video stream (attached pictures such as cover art are listed as `OtherStreamInfo` instead).
public struct VideoStreamInfo: Codable, Sendable, Equatable {
    /// The stream's index in the file, as ffprobe numbers it.
    public var index: Int
    /// libavcodec's short codec name, e.g. `h264`, `hevc`, `vp9`.
    public var codec: String
    /// libavcodec's descriptive codec name, e.g. `H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10`.
    public var codecLongName: String?
    /// The codec profile, e.g. `High` or `Main 10`; nil when the codec has none.
    public var profile: String?
    /// Coded picture width in pixels, before any rotation.
    public var width: Int
    /// Coded picture height in pixels, before any rotation.
    public var height: Int
    /// "1:1"; nil when unknown.
    public var sampleAspectRatio: String?
    /// Display aspect ratio reduced from size and SAR, e.g. "16:9"; nil when unknown.
    public var displayAspectRatio: String?
    /// libav pixel format, e.g. `yuv420p`, `yuv420p10le`; nil when unknown.
    public var pixelFormat: String?
    /// Bits per colour component (8, 10, 12...).
    public var bitDepth: Int?
    /// True for pixel formats with an alpha plane, and for VP8/VP9 in WebM with `alpha_mode=1` (alpha in side data).
    public var hasAlpha: Bool
    /// "4:2:0", "4:2:2", "4:4:4", "4:1:1", "4:4:0"; "rgb" or "gray" for those formats.
    public var chromaSubsampling: String?
    /// libavformat's `r_frame_rate` ("lowest framerate that can represent all timestamps"), as ffprobe prints it.
    public var rFrameRate: String
    /// `avg_frame_rate`, as ffprobe prints it.
    public var avgFrameRate: String
    /// avg_frame_rate (or r_frame_rate) in frames per second, nil when neither is known.
    public var frameRate: Double?
    /// Constant or variable frame rate, and how sure the probe is.
    public var frameRateMode: FrameRateMode
    /// Frames the stream header declares (ffprobe's `nb_frames`); nil when it declares none.
    public var frameCount: Int64?
    /// Display-matrix rotation in degrees counter-clockwise, exactly as ffprobe's `rotation` (e.g. -90).
    public var rotation: Double?
    /// The same rotation said the way players apply it: degrees clockwise, 0..<360 (ffprobe -90 = 90 clockwise).
    public var displayRotationClockwise: Int?
    /// Colour primaries as ffprobe names them, e.g. `bt709`, `bt2020`; nil when unspecified.
    public var colorPrimaries: String?
    /// Transfer characteristic, e.g. `bt709`, `smpte2084` (PQ), `arib-std-b67` (HLG); nil when unspecified.
    public var colorTransfer: String?
    /// Colour matrix, e.g. `bt709`, `bt2020nc`; nil when unspecified.
    public var colorSpace: String?
    /// `tv` (limited) or `pc` (full) range; nil when unspecified.
    public var colorRange: String?
    /// PQ (smpte2084) or HLG (arib-std-b67) transfer.
    public var isHDR: Bool
    /// "PQ (HDR10)" or "HLG" from the transfer; nil for SDR.
    public var hdrFormat: String?
    /// "progressive", "tt", "bb", "tb", "bt"; nil when the stream does not say.
    public var fieldOrder: String?
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

/// Whether frames come at a constant interval, and how that was established.
public struct FrameRateMode: Codable, Sendable, Equatable {
    /// Constant: every interval alike; variable: some differ; unknown: too few frames or no evidence.
    public enum Kind: String, Codable, Sendable {
        /// Every frame interval alike.
        case constant
        /// Some intervals differ.
        case variable
        /// Too few frames, or no evidence either way.
        case unknown
    }
    /// What the classification rests on, from proof (index, packets) to a hint (header).
    public enum Basis: String, Codable, Sendable {
        /// The demuxer's full sample index (e.g. MP4 `stts`), read without touching packets.
        case index
        /// Every packet's timestamp (`--exact`).
        case packets
        /// Only r_frame_rate vs avg_frame_rate: a hint, not proof.
        case header
        /// No evidence at all.
        case none
    }
    /// Constant, variable or unknown.
    public var kind: Kind
    /// What the verdict rests on.
    public var basis: Basis
    /// Shortest and longest frame interval seen, in seconds.
    public var minInterval: Double?
    /// Longest frame interval seen, in seconds.
    public var maxInterval: Double?
    /// Intervals that differ from the typical one.
    public var irregularIntervals: Int?

    /// Nothing known about the frame timing.
    public static let unknown = FrameRateMode(kind: .unknown, basis: .none)

    /// A frame-rate mode as given; the probe classifies frame timestamps to make one.
    public init(kind: Kind, basis: Basis, minInterval: Double? = nil, maxInterval: Double? = nil, irregularIntervals: Int? = nil) {
        self.kind = kind
        self.basis = basis
        self.minInterval = minInterval
        self.maxInterval = maxInterval
        self.irregularIntervals = irregularIntervals
    }

    /// Classifies sorted frame timestamps in a time base of `tickSeconds` per tick.
    static func classify(sortedTimestamps ts: [Int64], tickSeconds: Double, basis: Basis) -> FrameRateMode {
        var intervals = FrameIntervals()
        for t in ts { intervals.add(sortedTimestamp: t) }
        return intervals.classify(tickSeconds: tickSeconds, basis: basis)
    }
}

/// A histogram of the gaps between consecutive frame timestamps: memory grows with distinct gaps, not frames.
struct FrameIntervals {
    private(set) var histogram: [Int64: Int] = [:]
    private var last: Int64?

    mutating func add(sortedTimestamp t: Int64) {
        if let last, t > last { histogram[t - last, default: 0] += 1 }
        last = t
    }

    var count: Int { histogram.values.reduce(0, +) }

    /// A container with a coarse time base (Matroska's 1 ms) rounds 29.97 fps to 33/34 ms: one tick of
    /// jitter, or 1 %, is still constant.
    func classify(tickSeconds: Double, basis: FrameRateMode.Basis) -> FrameRateMode {
        let total = count
        guard total >= 2 else { return FrameRateMode(kind: .unknown, basis: basis) }
        let keys = histogram.keys.sorted()
        var seen = 0
        var median = keys[0]
        for k in keys {
            seen += histogram[k]!
            if seen * 2 >= total { median = k; break }
        }
        let tolerance = max(1.0, Double(median) * 0.01)
        let irregular = histogram.reduce(0) { $0 + (abs(Double($1.key - median)) > tolerance ? $1.value : 0) }
        return FrameRateMode(kind: irregular == 0 ? .constant : .variable, basis: basis,
                             minInterval: Double(keys.first!) * tickSeconds,
                             maxInterval: Double(keys.last!) * tickSeconds,
                             irregularIntervals: irregular)
    }
}
