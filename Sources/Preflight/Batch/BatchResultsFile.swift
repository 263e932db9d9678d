import Foundation
import MediaIO

/// The JSON Lines results file of a batch run (`-o`): appended line by line, resumable. Earlier results are
/// never discarded silently: a file that already holds some is continued with `--resume` or replaced with
/// `--overwrite`, and refused otherwise.
public enum BatchResultsFile {
    /// What happens to results already in the file.
    public enum Existing: Sendable {
        /// Refuse a non-empty file.
        case refuse
        /// Keep them and run only the jobs not in it (`--resume`).
        case resume
        /// Replace the file (`--overwrite`).
        case overwrite
    }

    /// Why the results file was not opened.
    public enum OpenError: Error, Sendable, CustomStringConvertible {
        /// It holds results and neither `--resume` nor `--overwrite` was given (a usage error).
        case holdsResults(String)
        case cannotWrite(String, String)

        public var description: String {
            switch self {
            case .holdsResults(let p):
                return "\(p): already holds results; pass --resume to keep them and run only the jobs not in it, or --overwrite to replace it"
            case .cannotWrite(let p, let why): return "\(p): cannot write the results file: \(why)"
            }
        }
    }

    /// Opens `target` for appending and returns the ids already done in it (empty unless resuming).
    public static func openForAppending(_ target: OutputTarget, existing: Existing) throws(OpenError) -> (handle: FileHandle, done: Set<String>) {
        let path = target.path
        var st = stat()
        let nonEmpty = stat(path, &st) == 0 && st.st_size > 0
        var done = Set<String>()
        switch existing {
        case .refuse where nonEmpty: throw .holdsResults(path)
        case .resume where nonEmpty:
            do { done = try prepareForResume(path) } catch { throw .cannotWrite(path, error.localizedDescription) }
        case .overwrite where nonEmpty:
            // A new empty file renamed over the old one: other hard links to the old file keep their content.
            let pending = target.pending()
            let fd = open(pending.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                pending.discard()
                throw .cannotWrite(path, String(cString: strerror(errno)))
            }
            close(fd)
            do { try pending.commit() } catch { throw .cannotWrite(path, error.description) }
        default: break
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        return (FileHandle(fileDescriptor: fd, closeOnDealloc: true), done)
    }

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
