import Foundation

/// The Sync batch API's input: JSON Lines of `{request_id, endpoint, payload}`, 20 to 500 lines, at most
/// 5 MB, unique ids (contract §2.8, G-BATCH-01).
public enum SyncBatchFile {
    /// Fewest lines the batch API accepts.
    public static let minLines = 20
    /// Most lines the batch API accepts.
    public static let maxLines = 500
    /// Largest file the batch API accepts, bytes.
    public static let maxBytes = 5_000_000

    struct Line: Encodable {
        var request_id: String
        var endpoint = "/v2/generate"
        var payload: GenerateRequest
    }

    /// The file's bytes and its G-BATCH-01 findings (errors: the API refuses such a file).
    public static func make(_ requests: [String: GenerateRequest], path: String) -> (data: Data, findings: [Finding]) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for (id, body) in requests.sorted(by: { $0.key < $1.key }) {
            if let line = try? encoder.encode(Line(request_id: id, payload: body)) {
                data.append(line)
                data.append(UInt8(ascii: "\n"))
            }
        }
        return (data, BatchRules.fileFindings(lines: requests.count, bytes: data.count, path: path))
    }

    /// Whether a file with these findings is still worth writing: only too few lines (it can be completed or
    /// joined with another), not too many lines or bytes (it must be split: `--shard`).
    public static func worthWriting(lines: Int, bytes: Int) -> Bool {
        lines > 0 && lines <= maxLines && bytes <= maxBytes
    }
}
