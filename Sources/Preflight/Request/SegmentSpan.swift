/// One segment as the generation plays it: the video range it covers and the seconds of audio that drive it
/// (contract §2.7: when the two differ, sync_mode reconciles them, per segment).
public struct SegmentSpan: Codable, Sendable, Equatable {
    /// 0-based position in the segments file.
    public var index: Int
    /// The refId of the audio that drives the segment.
    public var refId: String
    /// Start of the segment's range in the video, seconds.
    public var videoStart: Double
    /// End of the segment's range in the video, seconds.
    public var videoEnd: Double
    /// Its `audioInput` crop, else the whole audio.
    public var audioDuration: Double
    /// Length of the segment's video range, seconds.
    public var videoDuration: Double { videoEnd - videoStart }
}

extension SegmentPlan {
    /// Tolerance when comparing a crop end to its audio's length (one 48 kHz AAC frame is 21 ms).
    public static let cropTolerance = 0.025

    /// The spans of the ordered segments whose range is known in seconds (frames need `frameRate`) and whose
    /// refId names an audio of known length (`audioDurations`, seconds by refId). A crop is clamped to its audio.
    public func spans(frameRate: Double?, audioDurations: [String: Double]) -> [SegmentSpan] {
        let fps = frameRate.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        return segments.enumerated().compactMap { i, s in
            guard let ref = s.audioInput.refId, let full = audioDurations[ref] else { return nil }
            let range: (Double, Double)
            switch s.range {
            case .seconds(let a, let b): range = (a, b)
            case .frames(let a, let b):
                guard let fps else { return nil }
                range = (Double(a) / fps, Double(b) / fps)
            }
            guard range.0 <= range.1 else { return nil }
            var audio = full
            if let a = s.audioInput.startTime, let b = s.audioInput.endTime, a <= b {
                audio = max(0, min(b, full) - max(a, 0))
            }
            guard audio > 0 || range.1 > range.0 else { return nil }
            return SegmentSpan(index: i, refId: ref, videoStart: range.0, videoEnd: range.1, audioDuration: audio)
        }
    }

    /// G-SEG-05: every `audioInput` crop lies inside its audio (`audioDurations`, seconds by refId; an unknown
    /// refId or length is skipped: G-SEG-03 and the probe report those).
    public func cropViolations(audioDurations: [String: Double]) -> [SegmentViolation] {
        var out: [SegmentViolation] = []
        for (i, s) in segments.enumerated() {
            guard let ref = s.audioInput.refId, let full = audioDurations[ref] else { continue }
            let length = Say.sec(full)
            for (name, t) in [("startTime", s.audioInput.startTime), ("endTime", s.audioInput.endTime)] {
                guard let t else { continue }
                if t < 0 {
                    out.append(.init(ruleID: "G-SEG-05", segmentIndex: i,
                                     message: "segment \(i): audioInput.\(name) \(Say.sec(t)) is before the start of audio \"\(ref)\""))
                } else if t > full + Self.cropTolerance || (name == "startTime" && t >= full) {
                    out.append(.init(ruleID: "G-SEG-05", segmentIndex: i,
                                     message: "segment \(i): audioInput.\(name) \(Say.sec(t)) is past the end of audio \"\(ref)\" (\(length) long)"))
                }
            }
        }
        return out
    }
}
