import Foundation
import MediaIO

/// Whole-file writes that a reader never sees half done.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside the target and renames it over the target, so an existing
    /// file is only ever replaced by a complete one; the temporary file is removed on failure and on signals.
    public static func write(_ data: Data, to target: OutputTarget) throws {
        let pending = target.pending()
        do {
            try data.write(to: URL(fileURLWithPath: pending.path))
        } catch {
            pending.discard()
            throw error
        }
        try pending.commit()
    }
}
