import Foundation
import MediaIO

/// A file a verb is about to write, checked before any work: the regular file the user named (new or
/// existing), never one of the inputs under any spelling (same inode: symlinks, hard links, `./`), never a
/// device, FIFO, socket or directory, in a directory that exists and can be written.
public struct OutputTarget: Sendable, Equatable {
    /// The path as given.
    public let path: String

    /// Checks `path` against `inputs` (paths that do not exist are skipped: they are reported elsewhere).
    public init(_ path: String, inputs: [String]) throws(OutputRefusal) {
        self.path = path
        if path.isEmpty { throw .empty }
        if path.utf8.count >= Int(PATH_MAX) { throw .pathTooLong(path, "longer than PATH_MAX (\(PATH_MAX) bytes)") }
        let name = URL(fileURLWithPath: path).lastPathComponent
        if name.utf8.count > Int(NAME_MAX) { throw .pathTooLong(path, "its file name is longer than NAME_MAX (\(NAME_MAX) bytes)") }
        if path.hasSuffix("/") { throw .isDirectory(path) }
        var out = stat()
        if stat(path, &out) == 0 {
            let type = out.st_mode & S_IFMT
            if type == S_IFDIR { throw .isDirectory(path) }
            if type != S_IFREG { throw .notRegularFile(path, Self.kind(type)) }
            var inp = stat()
            for input in inputs where stat(input, &inp) == 0 && inp.st_dev == out.st_dev && inp.st_ino == out.st_ino {
                throw .isInput(path, input)
            }
        } else if errno == ENAMETOOLONG {
            throw .pathTooLong(path, "a component is longer than NAME_MAX (\(NAME_MAX) bytes)")
        }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var d = stat()
        guard stat(dir, &d) == 0 else {
            throw errno == EACCES ? .directoryNotWritable(dir) : .directoryMissing(dir)
        }
        guard (d.st_mode & S_IFMT) == S_IFDIR else { throw .directoryMissing(dir) }
        if access(dir, W_OK) != 0 { throw .directoryNotWritable(dir) }
    }

    /// A temporary file beside the target, removed unless committed (and on signals).
    func pending() -> PendingFile { PendingFile(target: path) }

    static func kind(_ type: mode_t) -> String {
        switch type {
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }
}

/// Why an output path was refused before anything was written (exit 4).
public enum OutputRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// No path was given (an empty string).
    case empty
    /// The output is one of the inputs (same file, whatever the spelling).
    case isInput(String, String)
    /// The path is a directory.
    case isDirectory(String)
    /// It exists and is a device, FIFO or socket: only regular files are replaced.
    case notRegularFile(String, String)
    /// The directory the output would go in does not exist.
    case directoryMissing(String)
    /// The directory the output would go in cannot be written (permissions, a read-only file system).
    case directoryNotWritable(String)
    /// The path (first value) is longer than the file system allows; the second says which limit.
    case pathTooLong(String, String)

    /// One line for a person: the path, why it was refused, and what to do.
    public var description: String {
        switch self {
        case .empty: return "the output path is empty"
        case .isInput(let p, let input):
            return "\(p): is the same file as the input \(input); the output would overwrite an input: choose another name"
        case .isDirectory(let p): return "\(p): is a directory; give a file name"
        case .notRegularFile(let p, let kind): return "\(p): exists and is \(kind), not a regular file; refusing to replace it"
        case .directoryMissing(let d): return "\(d): no such directory; create it first"
        case .directoryNotWritable(let d): return "\(d): cannot write in this directory (permission denied or read-only)"
        case .pathTooLong(let p, let why): return "\(p.prefix(80))…: path too long (\(why))"
        }
    }
}

/// The signal handling that removes temporary outputs; the CLI installs it before any work.
public typealias InterruptCleanup = MediaIO.InterruptCleanup
