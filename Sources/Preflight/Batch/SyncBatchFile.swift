import Foundation

/// The Sync batch API's input: JSON Lines of `{request_id, endpoint, payload}`, 20 to 500 lines, at most
/// 5 MB, unique ids (contract §2.8, G-BATCH-01).
public enum SyncBatchFile {
    public static let minLines = 20
    public static let maxLines = 500
    public static let maxBytes = 5_000_000

    struct Line: Encodable {
        var request_id: String
        var endpoint = "/v2/generate"
        var payload: GenerateRequest
    }

    /// The file's bytes, or the G-BATCH-01 problems that make the API refuse it.
    public static func make(_ requests: [String: GenerateRequest]) -> (data: Data, problems: [String]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for (id, body) in requests.sorted(by: { $0.key < $1.key }) {
            if let line = try? encoder.encode(Line(request_id: id, payload: body)) {
                data.append(line)
                data.append(UInt8(ascii: "\n"))
            }
        }
        var problems: [String] = []
        if requests.count < minLines { problems.append("G-BATCH-01: \(requests.count) passing job(s); the batch API needs at least \(minLines) lines") }
        if requests.count > maxLines { problems.append("G-BATCH-01: \(requests.count) passing jobs; the batch API takes at most \(maxLines) lines: use --shard to split") }
        if data.count > maxBytes { problems.append("G-BATCH-01: the file is \(data.count) bytes; the batch API takes at most \(maxBytes)") }
        return (data, problems)
    }
}
