import Foundation
import MediaIO

/// A report written while a batch runs and put in place whole when it ends (`batch --junit`, `batch --html`), so
/// memory stays flat however long the manifest. What each job adds goes, as the job finishes, to unlinked scratch
/// files beside the target (the open descriptors keep the data; nothing is left behind, even after SIGKILL); what
/// is known only at the end (totals) is written by `commit`, which copies the pieces in order into a `PendingFile`
/// and renames it into place (the pending file is removed on failure and on signals).
/// Not thread-safe: the batch runner calls `append` under its lock.
final class StreamedReportFile {
    /// What `commit` writes, in order: text, or everything appended to a scratch file.
    enum Piece {
        case text(String)
        case scratch(Int)
    }

    let target: OutputTarget
    private let scratch: [FileHandle]
    /// The first failed append (disk full, file size limit); `commit` throws it.
    private var writeError: Error?

    /// Opens `scratchFiles` scratch files next to the target, so an unwritable destination is found before any job runs.
    init(target: OutputTarget, scratchFiles: Int = 1) throws {
        self.target = target
        scratch = try (0..<scratchFiles).map { _ in
            let file = target.pending()
            let fd = open(file.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: target.path]) }
            file.discard()   // unlinked at once
            return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        }
    }

    /// Appends `text` to scratch file `index`; after a failed write nothing more is written.
    func append(_ text: String, to index: Int = 0) {
        guard writeError == nil else { return }
        do { try scratch[index].write(contentsOf: Data(text.utf8)) } catch { writeError = error }
    }

    /// Writes `pieces` to a `PendingFile` and renames it over the target. Throws the first append error of the
    /// run, if there was one, writing nothing.
    func commit(_ pieces: [Piece]) throws {
        if let writeError { throw writeError }
        let pending = target.pending()
        // Created here rather than by FileManager.createFile, whose own temporary file a signal would leave behind.
        let fd = open(pending.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            pending.discard()
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: target.path])
        }
        let out = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        do {
            for piece in pieces {
                switch piece {
                case .text(let text):
                    try out.write(contentsOf: Data(text.utf8))
                case .scratch(let index):
                    let body = scratch[index]
                    try body.seek(toOffset: 0)
                    while let chunk = try body.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
                }
            }
            try out.close()
        } catch {
            try? out.close()
            pending.discard()
            throw error
        }
        try pending.commit()
    }
}
