#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be opened or read as media. Each case names the file and carries enough to act on.
public enum MediaIOError: Error, Sendable, Equatable {
    /// The argument is a URL or a libav protocol string (`http://`, `concat:`, `subfile,`, `pipe:`), not a local path.
    case notALocalPath(String)
    case notFound(String)
    /// The path is longer than PATH_MAX, or one of its names longer than NAME_MAX (ENAMETOOLONG).
    case pathTooLong(String)
    case isDirectory(String)
    /// A FIFO, socket or device: only regular files are read.
    case notARegularFile(String)
    case permissionDenied(String)
    case empty(String)
    /// The content is a playlist or a list of other files (HLS, ffconcat, image sequence...): never followed.
    case indirection(path: String, format: String)
    /// No container signature libav knows.
    case notMedia(path: String, code: AVResultCode, detail: String)
    /// A container was recognised but its header could not be read (truncated or damaged).
    case damagedHeader(path: String, format: String, code: AVResultCode, detail: String)
    /// A stream declares a picture larger than preflight will allocate for.
    case absurdDimensions(path: String, width: Int, height: Int, limit: Int)
    /// The per-file time limit ran out.
    case timedOut(path: String, seconds: Double)
    /// The caller's `StopRequest` was made (a cancelled task): the read ended early, and nothing read is a finding.
    case cancelled(path: String)
    /// Any other libav failure during `operation`.
    case libav(path: String, operation: String, code: AVResultCode, detail: String)

    public var path: String {
        switch self {
        case .notALocalPath(let p), .notFound(let p), .pathTooLong(let p), .isDirectory(let p), .notARegularFile(let p),
             .permissionDenied(let p), .empty(let p):
            return p
        case .indirection(let p, _), .notMedia(let p, _, _), .damagedHeader(let p, _, _, _),
             .absurdDimensions(let p, _, _, _), .timedOut(let p, _), .cancelled(let p), .libav(let p, _, _, _):
            return p
        }
    }

    /// A stable machine-readable kind, used in JSON output and documentation.
    public var kind: String {
        switch self {
        case .notALocalPath: return "not-a-local-path"
        case .notFound: return "not-found"
        case .pathTooLong: return "path-too-long"
        case .isDirectory: return "is-directory"
        case .notARegularFile: return "not-a-regular-file"
        case .permissionDenied: return "permission-denied"
        case .empty: return "empty-file"
        case .indirection: return "indirection-refused"
        case .notMedia: return "not-media"
        case .damagedHeader: return "damaged-header"
        case .absurdDimensions: return "absurd-dimensions"
        case .timedOut: return "timed-out"
        case .cancelled: return "cancelled"
        case .libav: return "libav-error"
        }
    }

    /// One line, without the path (callers prefix it).
    public var reason: String {
        switch self {
        case .notALocalPath:
            return "not a local file path: URLs and libav protocol strings (http:, concat:, subfile, pipe:...) are refused; pass a file path (prefix ./ if the name contains ':')"
        case .notFound: return "no such file"
        case .pathTooLong:
            return "path too long: over PATH_MAX (\(Int(PATH_MAX)) bytes), or a name in it over NAME_MAX (\(Int(NAME_MAX)) bytes)"
        case .isDirectory: return "is a directory, not a media file"
        case .notARegularFile: return "not a regular file (FIFO, socket or device): only regular files are read"
        case .permissionDenied: return "permission denied: the file cannot be read"
        case .empty: return "file is empty (0 bytes)"
        case .indirection(_, let format):
            return "refused: the file is a '\(format)' playlist or list that points at other files; preflight reads only the file it is given"
        case .notMedia(_, _, let detail):
            return "not a media file: no known container signature" + (detail.isEmpty ? "" : " (\(detail))")
        case .damagedHeader(_, let format, let code, let detail):
            return "damaged or truncated \(format) file: the header cannot be read (\(detail.isEmpty ? code.message : detail))"
        case .absurdDimensions(_, let w, let h, let limit):
            return "declared picture size \(w)x\(h) is absurd (limit \(limit) px a side, 8192x8192 in area); refusing to allocate for it"
        case .timedOut(_, let s):
            return "timed out after \(s) s (raise --timeout if the file is legitimately slow to read)"
        case .cancelled: return "cancelled: the caller stopped the work before the file was read to the end"
        case .libav(_, let op, let code, let detail):
            return "\(op) failed: \(detail.isEmpty ? code.message : detail)"
        }
    }
}

extension MediaIOError {
    /// A deadline or a stop request ended the read: the rest of the file was not judged, so a scan stops
    /// rather than reporting what it could not read as damage.
    public var endsTheRun: Bool {
        switch self {
        case .timedOut, .cancelled: return true
        default: return false
        }
    }
}

extension MediaIOError: CustomStringConvertible {
    public var description: String { "\(path): \(reason)" }
}
