import Foundation

/// One broken G-SEG rule. `segmentIndex` is nil for plan-wide problems (e.g. duplicate refIds).
public struct SegmentViolation: Sendable, Equatable {
    /// The rule broken, `G-SEG-01`...`G-SEG-04`.
    public var ruleID: String
    /// 0-based index of the segment at fault in the file's array.
    public var segmentIndex: Int?
    /// What is wrong, naming the segment and values.
    public var message: String

    /// A violation of `ruleID` by segment `segmentIndex` (nil: the plan as a whole).
    public init(ruleID: String, segmentIndex: Int?, message: String) {
        self.ruleID = ruleID
        self.segmentIndex = segmentIndex
        self.message = message
    }
}

extension SegmentPlan {
    /// Tolerance when comparing a segment end to the video duration (1 ms).
    public static let durationTolerance = 0.001

    /// Checks G-SEG-01...04 (contract §2.7 and the §9 rule table).
    ///
    /// - `videoDuration`: seconds; nil skips the "inside the video" part of G-SEG-04.
    /// - `videoFrameRate`: fps; used to turn frame-based segments into seconds. Without it,
    ///   frame-based segments are only compared with each other.
    /// - `audioRefIds`: the `refId`s of the request's audio/text inputs (in input order).
    ///
    /// Violations come grouped by rule (01, 02, 03, 04), then by segment index.
    public func validate(videoDuration: Double?, videoFrameRate: Double?, audioRefIds: [String]) -> [SegmentViolation] {
        let fps = videoFrameRate.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        let duration = videoDuration.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        let (unordered, ordered) = orderViolations()
        return unordered + cropViolations() + refIdViolations(audioRefIds) + boundsViolations(duration: duration, fps: fps)
            + overlapViolations(ordered: ordered, fps: fps)
    }

    /// G-SEG-01: ordered ranges. Zero-length time segments are fine; frame segments need start < end.
    private func orderViolations() -> (violations: [SegmentViolation], ordered: [Bool]) {
        var out: [SegmentViolation] = []
        var ordered = Array(repeating: true, count: segments.count)
        for (i, s) in segments.enumerated() {
            switch s.range {
            case .seconds(let start, let end) where start > end:
                ordered[i] = false
                out.append(.init(ruleID: "G-SEG-01", segmentIndex: i,
                                 message: "segment \(i): startTime \(secs(start)) is after endTime \(secs(end))"))
            case .frames(let start, let end) where start >= end:
                ordered[i] = false
                let why = start == end ? "equals" : "is after"
                out.append(.init(ruleID: "G-SEG-01", segmentIndex: i,
                                 message: "segment \(i): startFrame \(start) \(why) endFrame \(end); frame segments need startFrame < endFrame"))
            default:
                break
            }
        }
        return (out, ordered)
    }

    /// G-SEG-02: the audio crop needs both ends or neither (and, derived, start ≤ end).
    private func cropViolations() -> [SegmentViolation] {
        var out: [SegmentViolation] = []
        for (i, s) in segments.enumerated() {
            let a = s.audioInput
            switch (a.startTime, a.endTime) {
            case (let st?, nil):
                out.append(.init(ruleID: "G-SEG-02", segmentIndex: i,
                                 message: "segment \(i): audioInput.startTime \(secs(st)) is given without audioInput.endTime; give both or neither"))
            case (nil, let en?):
                out.append(.init(ruleID: "G-SEG-02", segmentIndex: i,
                                 message: "segment \(i): audioInput.endTime \(secs(en)) is given without audioInput.startTime; give both or neither"))
            case (let st?, let en?) where st > en:
                out.append(.init(ruleID: "G-SEG-02", segmentIndex: i,
                                 message: "segment \(i): audioInput.startTime \(secs(st)) is after audioInput.endTime \(secs(en))"))
            default:
                break
            }
        }
        return out
    }

    /// G-SEG-03: refIds present, resolvable, and the inputs' refIds unique.
    private func refIdViolations(_ audioRefIds: [String]) -> [SegmentViolation] {
        var out: [SegmentViolation] = []
        let known = Set(audioRefIds)
        let listed = audioRefIds.isEmpty ? "none" : audioRefIds.map { "\"\($0)\"" }.joined(separator: ", ")
        for (i, s) in segments.enumerated() {
            guard let ref = s.audioInput.refId else {
                out.append(.init(ruleID: "G-SEG-03", segmentIndex: i,
                                 message: "segment \(i): audioInput.refId is missing"))
                continue
            }
            if ref.trimmingCharacters(in: .whitespaces).isEmpty {
                out.append(.init(ruleID: "G-SEG-03", segmentIndex: i,
                                 message: "segment \(i): audioInput.refId is empty"))
            } else if !known.contains(ref) {
                out.append(.init(ruleID: "G-SEG-03", segmentIndex: i,
                                 message: "segment \(i): audioInput.refId \"\(ref)\" matches no audio input (input refIds: \(listed))"))
            }
        }
        var counts: [String: Int] = [:]
        for r in audioRefIds { counts[r, default: 0] += 1 }
        var reported = Set<String>()
        for r in audioRefIds where counts[r, default: 0] > 1 && !reported.contains(r) {
            reported.insert(r)
            out.append(.init(ruleID: "G-SEG-03", segmentIndex: nil,
                             message: "refId \"\(r)\" is used by \(counts[r]!) audio inputs; each input needs a unique refId"))
        }
        return out
    }

    /// G-SEG-04 (a): inside the video.
    private func boundsViolations(duration: Double?, fps: Double?) -> [SegmentViolation] {
        var out: [SegmentViolation] = []
        for (i, s) in segments.enumerated() {
            switch s.range {
            case .seconds(let start, let end):
                if start < 0 {
                    out.append(.init(ruleID: "G-SEG-04", segmentIndex: i,
                                     message: "segment \(i): startTime \(secs(start)) is before the start of the video"))
                }
                if let duration, end > duration + Self.durationTolerance {
                    out.append(.init(ruleID: "G-SEG-04", segmentIndex: i,
                                     message: "segment \(i): endTime \(secs(end)) is past the end of the \(secs(duration)) video"))
                }
            case .frames(let start, let end):
                if start < 0 {
                    out.append(.init(ruleID: "G-SEG-04", segmentIndex: i,
                                     message: "segment \(i): startFrame \(start) is before the first frame (0)"))
                }
                if let duration, let fps {
                    let endSeconds = Double(end) / fps
                    if endSeconds > duration + Self.durationTolerance {
                        out.append(.init(ruleID: "G-SEG-04", segmentIndex: i,
                                         message: "segment \(i): endFrame \(end) (\(secs(endSeconds)) at \(NumberText.compact(fps)) fps) is past the end of the \(secs(duration)) video (about \(Int((duration * fps).rounded())) frames)"))
                    }
                }
            }
        }
        return out
    }

    /// G-SEG-04 (b): no overlaps. Compared in seconds when possible; frame segments without a frame rate are
    /// compared with each other only. Touching ends are fine. Sorted by segment index.
    private func overlapViolations(ordered: [Bool], fps: Double?) -> [SegmentViolation] {
        struct Span { var index: Int; var start: Double; var end: Double }
        var secondSpans: [Span] = []
        var frameSpans: [Span] = []
        for (i, s) in segments.enumerated() where ordered[i] {
            switch s.range {
            case .seconds(let start, let end):
                secondSpans.append(Span(index: i, start: start, end: end))
            case .frames(let start, let end):
                if let fps {
                    secondSpans.append(Span(index: i, start: Double(start) / fps, end: Double(end) / fps))
                } else {
                    frameSpans.append(Span(index: i, start: Double(start), end: Double(end)))
                }
            }
        }
        var overlaps: [SegmentViolation] = []
        func findOverlaps(_ spans: [Span], epsilon: Double, show: (Int, Bool) -> String) {
            let sorted = spans.sorted { ($0.start, $0.index) < ($1.start, $1.index) }
            var reach: Span?  // the span reaching furthest so far
            for span in sorted {
                if let r = reach, span.start < r.end - epsilon {
                    let (first, second) = r.index < span.index ? (r.index, span.index) : (span.index, r.index)
                    overlaps.append(.init(ruleID: "G-SEG-04", segmentIndex: second,
                                          message: "segment \(second) (\(show(second, true))-\(show(second, false))) overlaps segment \(first) (\(show(first, true))-\(show(first, false)))"))
                }
                if reach == nil || span.end > reach!.end { reach = span }
            }
        }
        func written(_ i: Int, _ isStart: Bool) -> String {
            switch segments[i].range {
            case .seconds(let start, let end): return secs(isStart ? start : end)
            case .frames(let start, let end): return "frame \(isStart ? start : end)"
            }
        }
        findOverlaps(secondSpans, epsilon: 1e-6, show: written)
        findOverlaps(frameSpans, epsilon: 0, show: written)
        overlaps.sort { ($0.segmentIndex ?? -1) < ($1.segmentIndex ?? -1) }
        return overlaps
    }
}

/// "10.0 s", "12.5 s", "1.235 s".
private func secs(_ v: Double) -> String { NumberText.decimal(v) + " s" }
