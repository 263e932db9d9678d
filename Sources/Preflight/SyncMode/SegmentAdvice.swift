/// The sync_mode advice for one segment: its video range against the audio that drives it.
public struct SegmentAdvice: Codable, Sendable, Equatable {
    /// 0-based position in the segments file.
    public var segment: Int
    /// The refId of the audio that drives the segment.
    public var refId: String
    /// Start of the segment's range in the video, seconds.
    public var videoStart: Double
    /// End of the segment's range in the video, seconds.
    public var videoEnd: Double
    /// Seconds of audio the segment plays (its crop, else the whole audio).
    public var audioDuration: Double
    /// The sync_mode advised for this segment on its own.
    public var mode: SyncMode
    /// Why, in words, with the segment's durations.
    public var reason: String
}

extension SyncModeAdvisor {
    /// Advice for a request with segments. Each segment is advised on its own range and audio; the request's
    /// single `options.sync_mode` follows the segment whose durations differ most (the others differ less,
    /// so what reconciles it suits them too), and the output is the whole video whatever the mode: segments
    /// replace the audio of parts of the video, they do not change its length.
    public func advise(segments spans: [SegmentSpan], videoDuration: Double, frameDuration: Double?,
                       keepVideo: Bool) -> (overall: SyncModeAdvice, segments: [SegmentAdvice])? {
        func mismatch(_ s: SegmentSpan) -> Double {
            let longest = max(s.videoDuration, s.audioDuration)
            return longest > 0 ? abs(s.audioDuration - s.videoDuration) / longest : 0
        }
        let each = spans.map { s in
            (s, advise(video: s.videoDuration, audio: s.audioDuration, frameDuration: frameDuration, loopsSeamlessly: nil,
                       keepVideo: keepVideo))
        }
        guard let worst = each.max(by: { mismatch($0.0) < mismatch($1.0) }) else { return nil }
        let perSegment = each.map { s, a in
            SegmentAdvice(segment: s.index, refId: s.refId, videoStart: s.videoStart, videoEnd: s.videoEnd,
                          audioDuration: s.audioDuration, mode: a.mode, reason: a.reason)
        }
        var overall = worst.1
        overall.reason = "segment \(worst.0.index) (\(worst.0.refId)) differs most: " + overall.reason
            + "; the output is the whole \(String(format: "%.2f", videoDuration)) s video"
        overall.outputDuration = videoDuration
        for m in SyncMode.allCases { overall.outputDurationByMode[m.rawValue] = videoDuration }
        return (overall, perSegment)
    }
}
