import Foundation

/// The JSON Lines results file of a batch run: appended line by line, resumable.
public enum BatchResultsFile {
    /// Prepares `path` for `--resume`: drops a last line cut short by a kill (so appended lines stay valid
    /// JSON Lines) and returns the ids already done.
    public static func prepareForResume(_ path: String) throws -> Set<String> {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let data = try handle.readToEnd() ?? Data()
        if let last = data.last, last != UInt8(ascii: "\n") {
            let keep = (data.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
            try handle.truncate(atOffset: UInt64(keep))
        }
        return BatchRunner.finishedIds(in: path)
    }
}
