import Foundation

/// The JSON Lines results file of a batch run: appended line by line, resumable.
public enum BatchResultsFile {
    /// Prepares `path` for `--resume`: drops a last line cut short by a kill (so appended lines stay valid
    /// JSON Lines) and returns the ids already done.
    public static func prepareForResume(_ path: String) throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var data = try handle.readToEnd() ?? Data()
        if let last = data.last, last != UInt8(ascii: "\n") {
            let keep = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
            try handle.truncate(atOffset: UInt64(keep))
            data = data.prefix(keep)
        }
        return finishedIds(in: data)
    }

    /// Ids in results-file lines; lines that do not parse are ignored.
    static func finishedIds(in data: Data) -> Set<String> {
        var ids = Set<String>()
        for line in data.split(separator: UInt8(ascii: "\n")) {
            if let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any], let id = obj["id"] as? String {
                ids.insert(id)
            }
        }
        return ids
    }
}
