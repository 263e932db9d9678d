import Foundation

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
                message: "segment \(index): \(key) must be a whole frame number, got \(NumberText.decimal(d))")
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
        case .number(let d): return "a number (\(NumberText.decimal(d)))"
        case .string(let s): return "a string (\"\(s.count > 40 ? String(s.prefix(40)) + "..." : s)\")"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
