import Foundation

/// A user's `segments.json` (contract §2.7) and the G-SEG-01...04 checks on it.
///
/// Accepted file shapes: a JSON array of segments, or an object `{"segments": [...]}`.
/// Each segment is either time-based `{startTime, endTime, audioInput}` (seconds) or frame-based
/// `{startFrame, endFrame, audioInput}`; `audioInput` is `{refId, startTime?, endTime?}`.
/// Numbers may be written as integers or decimals; frame numbers must be whole. Unknown keys
/// (e.g. `optionsOverride`) are ignored. A missing or empty `refId` is not a decoding error: it is
/// reported by `validate` as G-SEG-03.
///
/// Segment indices (in errors and violations) are 0-based positions in the file's array.
public struct SegmentPlan: Sendable, Equatable {
    /// The video range a segment covers.
    public enum Range: Sendable, Equatable {
        /// From `start` to `end`, seconds of the video.
        case seconds(start: Double, end: Double)
        /// From frame `start` to frame `end` of the video (0-based).
        case frames(start: Int, end: Int)
    }

    /// `audioInput` as written by the user; `refId` may be missing (checked by G-SEG-03).
    public struct AudioInput: Sendable, Equatable {
        /// The `refId` of the input to play; nil when missing.
        public var refId: String?
        /// Start of the crop in that audio, seconds; nil: not given.
        public var startTime: Double?
        /// End of the crop in that audio, seconds; nil: not given.
        public var endTime: Double?

        /// An `audioInput` as written; nil fields were absent.
        public init(refId: String?, startTime: Double? = nil, endTime: Double? = nil) {
            self.refId = refId
            self.startTime = startTime
            self.endTime = endTime
        }
    }

    /// One segment of the file: a video range and the audio that plays over it.
    public struct Entry: Sendable, Equatable {
        /// The part of the video the segment covers.
        public var range: Range
        /// The audio input and crop for the segment.
        public var audioInput: AudioInput

        /// A segment over `range` playing `audioInput`.
        public init(range: Range, audioInput: AudioInput) {
            self.range = range
            self.audioInput = audioInput
        }
    }

    /// The segments in file order (indices are positions here).
    public var segments: [Entry]

    /// A plan of these segments.
    public init(segments: [Entry]) { self.segments = segments }

    /// True when at least one segment is given in frames.
    public var usesFrames: Bool {
        segments.contains { if case .frames = $0.range { return true } else { return false } }
    }
}

extension SegmentPlan {
    /// The plan in the wire shape of `GenerateRequest.segments`.
    ///
    /// Time-based segments are copied. Frame-based segments are converted to seconds
    /// (`frame / frameRate`) when `frameRate` is known and positive; otherwise they are sent as
    /// `startFrame`/`endFrame`, which the SDKs do not model but the segments guide's validation
    /// rules name (contract §2.7) — prefer passing the probed frame rate. A missing `refId` becomes
    /// `""` (validation reports it as G-SEG-03).
    public func requestSegments(frameRate: Double? = nil) -> [GenerateRequest.Segment] {
        let fps = frameRate.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        return segments.map { entry in
            let audio = GenerateRequest.AudioInput(
                refId: entry.audioInput.refId ?? "",
                startTime: entry.audioInput.startTime,
                endTime: entry.audioInput.endTime)
            switch entry.range {
            case .seconds(let start, let end):
                return GenerateRequest.Segment(startTime: start, endTime: end, audioInput: audio)
            case .frames(let start, let end):
                if let fps {
                    return GenerateRequest.Segment(startTime: Double(start) / fps, endTime: Double(end) / fps, audioInput: audio)
                }
                return GenerateRequest.Segment(startFrame: start, endFrame: end, audioInput: audio)
            }
        }
    }
}
