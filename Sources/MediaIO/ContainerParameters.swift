import CFFmpeg

/// How libavformat arrived at the container duration (`AVDurationEstimationMethod`).
public enum DurationEstimation: String, Sendable, Codable {
    /// From the timestamps of the first and last packets.
    case timestamps
    /// From the container or stream headers.
    case streams
    /// From file size and bit rate: a guess.
    case bitrate
}

/// Container-level facts as libavformat reports them after `avformat_find_stream_info`.
public struct ContainerParameters: Sendable {
    public var formatName: String
    public var formatLongName: String
    public var mimeType: String?
    public var extensions: String?
    /// AV_TIME_BASE (microsecond) units.
    public var duration: Int64?
    public var startTime: Int64?
    public var bitRate: Int64?
    public var durationEstimation: DurationEstimation
    public var probeScore: Int
    public var tags: [String: String]
    public var streamCount: Int
}

extension InputFile {
    public var container: ContainerParameters {
        let ctx = context.pointee
        let fmt = ctx.iformat!.pointee
        let nopts = pf_nopts_value()
        let method: DurationEstimation
        switch av_fmt_ctx_get_duration_estimation_method(context) {
        case AVFMT_DURATION_FROM_PTS: method = .timestamps
        case AVFMT_DURATION_FROM_STREAM: method = .streams
        default: method = .bitrate
        }
        return ContainerParameters(
            formatName: String(cString: fmt.name),
            formatLongName: fmt.long_name.map { String(cString: $0) } ?? "",
            mimeType: fmt.mime_type.map { String(cString: $0) },
            extensions: fmt.extensions.map { String(cString: $0) },
            duration: ctx.duration == nopts ? nil : ctx.duration,
            startTime: ctx.start_time == nopts ? nil : ctx.start_time,
            bitRate: ctx.bit_rate > 0 ? ctx.bit_rate : nil,
            durationEstimation: method,
            probeScore: Int(ctx.probe_score),
            tags: Self.dictionary(ctx.metadata),
            streamCount: Int(ctx.nb_streams)
        )
    }

    static func dictionary(_ dict: OpaquePointer?) -> [String: String] {
        var out: [String: String] = [:]
        var entry: UnsafeMutablePointer<AVDictionaryEntry>? = nil
        while let e = av_dict_get(dict, "", entry, AV_DICT_IGNORE_SUFFIX) {
            out[String(cString: e.pointee.key)] = String(cString: e.pointee.value)
            entry = e
        }
        return out
    }
}
