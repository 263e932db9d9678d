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
        case seconds(start: Double, end: Double)
        case frames(start: Int, end: Int)
    }

    /// `audioInput` as written by the user; `refId` may be missing (checked by G-SEG-03).
    public struct AudioInput: Sendable, Equatable {
        public var refId: String?
        public var startTime: Double?
        public var endTime: Double?

        public init(refId: String?, startTime: Double? = nil, endTime: Double? = nil) {
            self.refId = refId
            self.startTime = startTime
            self.endTime = endTime
        }
    }

    public struct Entry: Sendable, Equatable {
        public var range: Range
        public var audioInput: AudioInput

        public init(range: Range, audioInput: AudioInput) {
            self.range = range
            self.audioInput = audioInput
        }
    }

    public var segments: [Entry]

    public init(segments: [Entry]) { self.segments = segments }

    /// True when at least one segment is given in frames.
    public var usesFrames: Bool {
        segments.contains { if case .frames = $0.range { return true } else { return false } }
    }
}

// MARK: - Errors

/// Why a `segments.json` could not be read. `message` is one line naming the segment and field.
public struct SegmentPlanError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be read.
        case unreadable
        /// Not JSON at all.
        case malformedJSON
        /// JSON, but neither an array of segments nor `{"segments": [...]}`.
        case unexpectedShape
        /// A required field is absent (or null).
        case missingField
        /// A field has the wrong JSON type.
        case wrongType
        /// A field has the right type but an unusable value (e.g. a fractional frame number).
        case invalidValue
    }

    public var kind: Kind
    /// 0-based index in the segments array, when the problem is inside one segment.
    public var segmentIndex: Int?
    /// The field path inside the segment, e.g. `"audioInput.refId"`.
    public var field: String?
    public var message: String

    public init(kind: Kind, segmentIndex: Int? = nil, field: String? = nil, message: String) {
        self.kind = kind
        self.segmentIndex = segmentIndex
        self.field = field
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}

// MARK: - Decoding

extension SegmentPlan {
    /// Reads and decodes a `segments.json` file.
    public static func load(path: String) throws(SegmentPlanError) -> SegmentPlan {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw SegmentPlanError(
                kind: .unreadable, message: "cannot read segments file \(path): \(error.localizedDescription)")
        }
        return try decode(data)
    }

    /// Decodes `segments.json` bytes. Never traps; every problem becomes a `SegmentPlanError`.
    public static func decode(_ data: Data) throws(SegmentPlanError) -> SegmentPlan {
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw SegmentPlanError(kind: .malformedJSON, message: "segments file is not valid JSON: \(jsonErrorSummary(error))")
        }
        let items: [JSONValue]
        switch root {
        case .array(let a):
            items = a
        case .object(let o):
            guard let inner = o["segments"] else {
                throw SegmentPlanError(
                    kind: .unexpectedShape,
                    message: "segments file is an object without a \"segments\" key; expected a JSON array of segments or {\"segments\": [...]}")
            }
            guard case .array(let a) = inner else {
                throw SegmentPlanError(
                    kind: .unexpectedShape, field: "segments",
                    message: "\"segments\" must be an array, got \(inner.typeName)")
            }
            items = a
        default:
            throw SegmentPlanError(
                kind: .unexpectedShape,
                message: "segments file holds \(root.typeName); expected a JSON array of segments or {\"segments\": [...]}")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            entries.append(try decodeEntry(item, index: index))
        }
        return SegmentPlan(segments: entries)
    }

    private static func decodeEntry(_ value: JSONValue, index: Int) throws(SegmentPlanError) -> Entry {
        guard case .object(let o) = value else {
            throw SegmentPlanError(
                kind: .wrongType, segmentIndex: index,
                message: "segment \(index): expected an object, got \(value.typeName)")
        }
        let hasTime = present(o["startTime"]) || present(o["endTime"])
        let hasFrame = present(o["startFrame"]) || present(o["endFrame"])
        let range: Range
        if hasTime && hasFrame {
            throw SegmentPlanError(
                kind: .invalidValue, segmentIndex: index,
                message: "segment \(index): give either startTime/endTime or startFrame/endFrame, not both")
        } else if hasFrame {
            let start = try frame(o, "startFrame", index: index)
            let end = try frame(o, "endFrame", index: index)
            range = .frames(start: start, end: end)
        } else if hasTime {
            let start = try requiredNumber(o, "startTime", path: "startTime", index: index)
            let end = try requiredNumber(o, "endTime", path: "endTime", index: index)
            range = .seconds(start: start, end: end)
        } else {
            throw SegmentPlanError(
                kind: .missingField, segmentIndex: index, field: "startTime",
                message: "segment \(index): missing field startTime (or startFrame)")
        }

        guard let audioValue = o["audioInput"], present(audioValue) else {
            throw SegmentPlanError(
                kind: .missingField, segmentIndex: index, field: "audioInput",
                message: "segment \(index): missing field audioInput")
        }
        guard case .object(let a) = audioValue else {
            throw SegmentPlanError(
                kind: .wrongType, segmentIndex: index, field: "audioInput",
                message: "segment \(index): audioInput must be an object {refId, startTime?, endTime?}, got \(audioValue.typeName)")
        }
        var refId: String?
        if let r = a["refId"], present(r) {
            guard case .string(let s) = r else {
                throw SegmentPlanError(
                    kind: .wrongType, segmentIndex: index, field: "audioInput.refId",
                    message: "segment \(index): audioInput.refId must be a string, got \(r.typeName)")
            }
            refId = s
        }
        let cropStart = try optionalNumber(a, "startTime", path: "audioInput.startTime", index: index)
        let cropEnd = try optionalNumber(a, "endTime", path: "audioInput.endTime", index: index)
        return Entry(range: range, audioInput: AudioInput(refId: refId, startTime: cropStart, endTime: cropEnd))
    }

    private static func present(_ v: JSONValue?) -> Bool {
        guard let v else { return false }
        if case .null = v { return false }
        return true
    }

    private static func requiredNumber(
        _ o: [String: JSONValue], _ key: String, path: String, index: Int
    ) throws(SegmentPlanError) -> Double {
        guard let v = try optionalNumber(o, key, path: path, index: index) else {
            throw SegmentPlanError(
                kind: .missingField, segmentIndex: index, field: path,
                message: "segment \(index): missing field \(path)")
        }
        return v
    }

    private static func optionalNumber(
        _ o: [String: JSONValue], _ key: String, path: String, index: Int
    ) throws(SegmentPlanError) -> Double? {
        guard let v = o[key], present(v) else { return nil }
        guard case .number(let d) = v else {
            throw SegmentPlanError(
                kind: .wrongType, segmentIndex: index, field: path,
                message: "segment \(index): \(path) must be a number of seconds, got \(v.typeName)")
        }
        guard d.isFinite else {
            throw SegmentPlanError(
                kind: .invalidValue, segmentIndex: index, field: path,
                message: "segment \(index): \(path) is not a finite number")
        }
        return d
    }

    private static func frame(_ o: [String: JSONValue], _ key: String, index: Int) throws(SegmentPlanError) -> Int {
        guard let v = o[key], present(v) else {
            throw SegmentPlanError(
                kind: .missingField, segmentIndex: index, field: key,
                message: "segment \(index): missing field \(key)")
        }
        guard case .number(let d) = v else {
            throw SegmentPlanError(
                kind: .wrongType, segmentIndex: index, field: key,
                message: "segment \(index): \(key) must be a whole frame number, got \(v.typeName)")
        }
        guard d.isFinite, d.rounded() == d, abs(d) < 9.0e15 else {
            throw SegmentPlanError(
                kind: .invalidValue, segmentIndex: index, field: key,
                message: "segment \(index): \(key) must be a whole frame number, got \(formatNumber(d))")
        }
        return Int(d)
    }

    private static func jsonErrorSummary(_ error: Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case .dataCorrupted(let c):
                if let underlying = c.underlyingError as NSError? {
                    let detail = underlying.userInfo[NSDebugDescriptionErrorKey] as? String
                    if let detail, !detail.isEmpty { return detail }
                }
                return c.debugDescription
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c):
                return c.debugDescription
            @unknown default:
                return String(describing: e)
            }
        }
        return error.localizedDescription
    }
}

/// Any JSON value; decoding through this keeps ints, doubles, bools and strings apart.
private enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let d = try? c.decode(Double.self) { self = .number(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        if let o = try? c.decode([String: JSONValue].self) { self = .object(o); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "unsupported JSON value")
    }

    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "a boolean (\(b))"
        case .number(let d): return "a number (\(formatNumber(d)))"
        case .string(let s): return "a string (\"\(s.count > 40 ? String(s.prefix(40)) + "..." : s)\")"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

// MARK: - Validation

/// One broken G-SEG rule. `segmentIndex` is nil for plan-wide problems (e.g. duplicate refIds).
public struct SegmentViolation: Sendable, Equatable {
    public var ruleID: String
    public var segmentIndex: Int?
    public var message: String

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
        var out: [SegmentViolation] = []

        // G-SEG-01: ordered ranges. Zero-length time segments are fine; frame segments need start < end.
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

        // G-SEG-02: the audio crop needs both ends or neither (and, derived, start ≤ end).
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

        // G-SEG-03: refIds present, resolvable, and the inputs' refIds unique.
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

        // G-SEG-04 (a): inside the video.
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
                                         message: "segment \(i): endFrame \(end) (\(secs(endSeconds)) at \(formatCompact(fps)) fps) is past the end of the \(secs(duration)) video (about \(Int((duration * fps).rounded())) frames)"))
                    }
                }
            }
        }

        // G-SEG-04 (b): no overlaps. Compared in seconds when possible; frame segments without a
        // frame rate are compared with each other only. Touching ends are fine.
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
        out.append(contentsOf: overlaps)
        return out
    }

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

// MARK: - Formatting

/// "10.0 s", "12.5 s", "1.235 s".
private func secs(_ v: Double) -> String { formatNumber(v) + " s" }

/// At most three decimals, trailing zeros trimmed, at least one decimal kept ("10.0", "12.5").
private func formatNumber(_ v: Double) -> String {
    guard v.isFinite else { return String(v) }
    var s = String(format: "%.3f", v)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.append("0") }
    if s == "-0.0" { s = "0.0" }
    return s
}

/// Like `formatNumber` but whole values print without decimals ("25", "29.97").
private func formatCompact(_ v: Double) -> String {
    let s = formatNumber(v)
    return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
}
