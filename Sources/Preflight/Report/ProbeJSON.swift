import Foundation

/// JSON Lines for `probe --json`: one compact object per file, in input order.
/// A readable file is a `MediaInfo`; an unreadable one is `{"path":..., "error":{"kind":..., "message":...}}`.
public enum ProbeJSON {
    private struct FailureLine: Encodable {
        var path: String
        var error: ErrorBody
        struct ErrorBody: Encodable { var kind: String; var message: String }
    }

    /// One line of JSON, without a line feed, for a file's probe outcome.
    public static func line(_ outcome: ProbeOutcome) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data?
        switch outcome {
        case .media(let m):
            data = try? encoder.encode(m)
        case .failure(let f):
            data = try? encoder.encode(FailureLine(path: f.path, error: .init(kind: f.kind, message: f.message)))
        }
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "{\"path\":\"?\",\"error\":{\"kind\":\"internal-error\",\"message\":\"encoding failed\"}}"
    }
}
