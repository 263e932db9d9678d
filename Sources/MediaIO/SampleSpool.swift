#if canImport(Glibc)
import Glibc
#endif

/// A temporary file of raw interleaved float samples: decoded audio is written once and read back for
/// later passes, so memory stays bounded however long the input is. The file is unlinked as soon as it
/// is created, so it disappears with the process whatever happens.
///
/// Sendable for the positional reads only: `read(from:into:)` (pread) may run on several threads at once;
/// appending and `read(chunkFrames:_:)` may not overlap them.
public final class SampleSpool: @unchecked Sendable {
    public let channels: Int
    public private(set) var frames: Int64 = 0
    private var file: UnsafeMutablePointer<FILE>?

    public init(channels: Int, directory: String) throws {
        self.channels = channels
        var template = Array((directory + "/.preflight-spool-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw MediaIOError.libav(path: directory, operation: "creating a temporary file", code: AVResultCode(rawValue: -errno),
                                     detail: String(cString: strerror(errno)))
        }
        let name = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(name)
        file = fdopen(fd, "w+b")
        if let file { setvbuf(file, nil, _IOFBF, 1 << 20) }
    }

    deinit { release() }

    /// Closes (and so deletes) the file now rather than when the spool is dropped; later calls read nothing.
    /// Closing frees the file's page cache page by page (~15 ms for a minute of stereo), which a caller may
    /// want done on another thread while it finishes something else.
    public func release() {
        if let file { fclose(file) }
        file = nil
    }

    public func append(_ samples: UnsafeBufferPointer<Float>) throws {
        guard let file, let base = samples.baseAddress, !samples.isEmpty else { return }
        let bytes = samples.count * MemoryLayout<Float>.size
        if bytes >= Self.directBytes {
            // Large chunks go straight to the file: through stdio's buffer they would be copied once more.
            let position = off_t(frames) * off_t(MemoryLayout<Float>.size * channels)
            guard fflush(file) == 0 else { throw Self.writeError(errno) }
            var done = 0
            while done < bytes {
                let n = pwrite(fileno(file), UnsafeRawPointer(base) + done, bytes - done, position + off_t(done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw Self.writeError(n < 0 ? errno : EIO) }
                done += n
            }
            fseeko(file, position + off_t(bytes), SEEK_SET)
        } else if fwrite(base, MemoryLayout<Float>.size, samples.count, file) != samples.count {
            throw Self.writeError(errno)
        }
        frames += Int64(samples.count / channels)
    }

    /// Appends at least this large bypass stdio's buffer.
    private static let directBytes = 64 << 10

    private static func writeError(_ code: Int32) -> MediaIOError {
        .libav(path: "temporary file", operation: "writing decoded audio", code: AVResultCode(rawValue: -code),
               detail: String(cString: strerror(code)))
    }

    /// Reads up to `buffer.count / channels` frames starting at frame `first` (positional: independent of
    /// `read(chunkFrames:_:)` and of other positional reads); returns the number of frames read.
    public func read(from first: Int64, into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        guard let file, let base = buffer.baseAddress, first >= 0, first < frames else { return 0 }
        fflush(file)
        let frameBytes = MemoryLayout<Float>.size * channels
        let wanted = Int(min(Int64(buffer.count / channels), frames - first)) * frameBytes
        var done = 0
        while done < wanted {
            let n = pread(fileno(file), UnsafeMutableRawPointer(base) + done, wanted - done, off_t(first) * off_t(frameBytes) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                throw MediaIOError.libav(path: "temporary file", operation: "reading decoded audio back", code: AVResultCode(rawValue: n < 0 ? -errno : -5),
                                         detail: n < 0 ? String(cString: strerror(errno)) : "unexpected end of the spool")
            }
            done += n
        }
        return wanted / frameBytes
    }

    /// Reads everything from the start in chunks of `chunkFrames`; `body` returning false stops early.
    public func read(chunkFrames: Int = 8192, _ body: (UnsafeBufferPointer<Float>) throws -> Bool) throws {
        guard let file else { return }
        fflush(file)
        fseeko(file, 0, SEEK_SET)
        var buffer = [Float](repeating: 0, count: chunkFrames * channels)
        while true {
            let n = buffer.withUnsafeMutableBufferPointer { fread($0.baseAddress!, MemoryLayout<Float>.size, $0.count, file) }
            if n == 0 { break }
            let goOn = try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<(n - n % channels)])) }
            if !goOn { break }
        }
        fseeko(file, 0, SEEK_END)
    }
}
