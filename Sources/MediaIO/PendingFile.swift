import CSignalCleanup
import Foundation

/// A file being written under a hidden temporary name beside its target, put in place by `commit()`.
/// Until then it is removed when dropped, on `discard()`, and when the process is ended by SIGINT, SIGTERM
/// or SIGHUP (`InterruptCleanup`), so no failure, signal or interrupt leaves a temporary file behind.
public final class PendingFile {
    /// The temporary file to write.
    public let path: String
    /// The file `commit()` replaces.
    public let target: String
    private var slot: Int32
    private var done = false

    /// Reserves a temporary name in the target's directory (same file system, so the rename is atomic).
    /// Nothing is created: the caller writes `path`.
    public init(target: String) {
        let url = URL(fileURLWithPath: target)
        // The name keeps a prefix of the target's so it stays under NAME_MAX (255 bytes) for long names.
        var stem = url.lastPathComponent
        while stem.utf8.count > 180 { stem.removeLast() }
        self.target = target
        path = url.deletingLastPathComponent().appendingPathComponent(".\(stem).preflight-\(UUID().uuidString).tmp").path
        slot = pf_cleanup_register(path)
    }

    /// Renames the temporary file over the target. Refuses (and removes the temporary file) when the target
    /// has become something other than a regular file since it was checked: a device or a directory is never
    /// replaced.
    public func commit() throws(PendingFileError) {
        guard !done else { throw .finished(target) }
        var st = stat()
        if stat(target, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            discard()
            throw .targetNotRegular(target)
        }
        guard rename(path, target) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw .renameFailed(target, reason)
        }
        done = true
        pf_cleanup_unregister(slot)
    }

    /// Removes the temporary file (if it was created) and forgets it.
    public func discard() {
        guard !done else { return }
        done = true
        unlink(path)
        pf_cleanup_unregister(slot)
    }

    deinit { discard() }
}

/// Why a `PendingFile` could not be put in place; the temporary file is gone either way.
public enum PendingFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case targetNotRegular(String)
    case renameFailed(String, String)
    /// `commit()` after the file was already committed or discarded.
    case finished(String)

    public var description: String {
        switch self {
        case .targetNotRegular(let p): return "\(p): exists and is not a regular file; not replaced"
        case .renameFailed(let p, let reason): return "\(p): \(reason)"
        case .finished(let p): return "\(p): the temporary file was already committed or discarded"
        }
    }
}

/// The process-wide signal handling that removes pending files: installed by the CLI before any work.
public enum InterruptCleanup {
    /// Installs the SIGINT/SIGTERM/SIGHUP handlers. With `finishOnFirstInterrupt`, the first Ctrl-C only sets
    /// `interruptRequested` and prints `notice`; a second one, or SIGTERM/SIGHUP, removes every pending file
    /// and ends the process by that signal (a shell shows 130 or 143).
    public static func install(finishOnFirstInterrupt: Bool = false, notice: String = "") {
        pf_cleanup_install(finishOnFirstInterrupt ? 1 : 0, notice)
    }

    /// Runs `body` with termination by those signals held back until it returns, so a record it writes (a
    /// results line) is written whole; a signal arriving meanwhile removes the pending files at once and ends the
    /// process when `body` returns. Keep `body` short: it delays the end.
    public static func holdingTermination<T>(_ body: () throws -> T) rethrows -> T {
        pf_cleanup_hold()
        defer { pf_cleanup_release() }
        return try body()
    }

    /// Whether Ctrl-C was pressed while `finishOnFirstInterrupt` was on.
    public static var interruptRequested: Bool { pf_cleanup_interrupts() > 0 }
}
