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
        /// Keep them and run only the jobs not in it (`--resume`); `jobIDs` are the ids of the jobs to run, the only
        /// ones looked for in the file.
        case resume(jobIDs: Set<String>)
        /// Replace the file (`--overwrite`).
        case overwrite
    }

    /// Why the results file was not opened.
    public enum OpenError: Error, Sendable, CustomStringConvertible {
        /// It holds results and neither `--resume` nor `--overwrite` was given (a usage error).
        case holdsResults(String)
        /// The results file (first value) cannot be created or written; the second is why.
        case cannotWrite(String, String)

        /// One line for a person: the path, what is wrong, and what to do.
        public var description: String {
            switch self {
            case .holdsResults(let p):
                return "\(p): already holds results; pass --resume to keep them and run only the jobs not in it, or --overwrite to replace it"
            case .cannotWrite(let p, let why): return "\(p): cannot write the results file: \(why)"
            }
        }
    }

    /// Opens `target` for appending and returns the ids of the jobs to run that are already done in it (empty
    /// unless resuming).
    public static func openForAppending(_ target: OutputTarget, existing: Existing) throws(OpenError) -> (handle: FileHandle, done: Set<String>) {
        let path = target.path
        var st = stat()
        let nonEmpty = stat(path, &st) == 0 && st.st_size > 0
        var done = Set<String>()
        switch existing {
        case .refuse where nonEmpty: throw .holdsResults(path)
        case .resume(let jobIDs) where nonEmpty:
            do { done = try prepareForResume(path, jobIDs: jobIDs) } catch { throw .cannotWrite(path, FileErrorReason.reason(error)) }
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
    /// JSON Lines) and returns which of `jobIDs` it already holds. The file is read line by line and only ids
    /// of `jobIDs` are kept, so memory follows the manifest, not the results of earlier runs (reading the file
    /// whole cost as much memory as the file: 300 MB for 40,000 earlier reports).
    public static func prepareForResume(_ path: String, jobIDs: Set<String>) throws -> Set<String> {
        let fd = open(path, O_RDWR | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return [] }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        defer { close(fd) }
        var done = Set<String>()
        let decoder = JSONDecoder()
        let complete = try FileLines.forEach(in: fd) { line in
            if let id = id(ofLine: line, decoder), jobIDs.contains(id) { done.insert(id) }
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if st.st_size > complete, ftruncate(fd, off_t(complete)) != 0 {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return done
    }

    /// The top-level `id` of a results line.
    struct LineID: Decodable { var id: String }

    /// The id of a results-file line; nil for a line that is not a JSON object with a string `id`.
    /// JSONDecoder rather than JSONSerialization: it still parses the whole line but builds no dictionary of
    /// the report, about twice as fast.
    static func id(ofLine line: Data, _ decoder: JSONDecoder) -> String? {
        (try? decoder.decode(LineID.self, from: line))?.id
    }
}
