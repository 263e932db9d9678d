/// A video stream (attached pictures such as cover art are listed as `OtherStreamInfo` instead).
public struct VideoStreamInfo: Codable, Sendable, Equatable {
    public var index: Int
    public var codec: String
    public var codecLongName: String?
    public var profile: String?
    public var width: Int
    public var height: Int
    /// "1:1"; nil when unknown.
    public var sampleAspectRatio: String?
    public var displayAspectRatio: String?
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
    public var frameRateMode: FrameRateMode
    public var frameCount: Int64?
    /// Display-matrix rotation in degrees counter-clockwise, exactly as ffprobe's `rotation` (e.g. -90).
    public var rotation: Double?
    /// The same rotation said the way players apply it: degrees clockwise, 0..<360 (ffprobe -90 = 90 clockwise).
    public var displayRotationClockwise: Int?
    public var colorPrimaries: String?
    public var colorTransfer: String?
    public var colorSpace: String?
    public var colorRange: String?
    /// PQ (smpte2084) or HLG (arib-std-b67) transfer.
    public var isHDR: Bool
    public var hdrFormat: String?
    /// "progressive", "tt", "bb", "tb", "bt"; nil when the stream does not say.
    public var fieldOrder: String?
    public var duration: DurationInfo?
    public var startTime: Double?
    public var bitRate: Int64?
    public var language: String?
    public var isDefault: Bool
}

/// Whether frames come at a constant interval, and how that was established.
public struct FrameRateMode: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case constant, variable, unknown }
    public enum Basis: String, Codable, Sendable {
        /// The demuxer's full sample index (e.g. MP4 `stts`), read without touching packets.
        case index
        /// Every packet's timestamp (`--exact`).
        case packets
        /// Only r_frame_rate vs avg_frame_rate: a hint, not proof.
        case header
        case none
    }
    public var kind: Kind
    public var basis: Basis
    /// Shortest and longest frame interval seen, in seconds.
    public var minInterval: Double?
    public var maxInterval: Double?
    /// Intervals that differ from the typical one.
    public var irregularIntervals: Int?

    public static let unknown = FrameRateMode(kind: .unknown, basis: .none)

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
