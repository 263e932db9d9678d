#if canImport(Glibc)
import Glibc
#endif

/// Whole positioned transfers on a file descriptor: `pread`/`pwrite` may move fewer bytes than asked or be
/// interrupted, so they are repeated until every byte moved. Several threads may transfer at once.
enum PositionedIO {
    /// Writes all of `bytes` at `offset`; throws `MediaIOError.libav` with the system's error.
    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String, operation: String) throws {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw MediaIOError.libav(path: path, operation: operation, code: AVResultCode(rawValue: n < 0 ? -errno : -5),
                                         detail: n < 0 ? String(cString: strerror(errno)) : "nothing written")
            }
            done += n
        }
    }

    /// Fills all of `buffer` from `offset`; throws `MediaIOError.libav` with the system's error, or with
    /// `shortDetail` when the file ends first.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int64, path: String, operation: String,
                     shortDetail: String) throws {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw MediaIOError.libav(path: path, operation: operation, code: AVResultCode(rawValue: n < 0 ? -errno : -5),
                                         detail: n < 0 ? String(cString: strerror(errno)) : shortDetail)
            }
            done += n
        }
    }
}
