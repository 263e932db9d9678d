#if canImport(Glibc)
import Glibc
#endif

/// A temporary file of raw interleaved float samples: decoded audio is written once and read back for
/// later passes, so memory stays bounded however long the input is. The file is unlinked as soon as it
/// is created, so it disappears with the process whatever happens. Appends are written straight to the
/// file (chunks of tens of kilobytes or more: a stdio buffer would only copy them once more).
///
/// Sendable for the positional reads only: `read(from:into:)` (pread) may run on several threads at once;
/// appending may not overlap them.
public final class SampleSpool: SampleSource, @unchecked Sendable {
    public let channels: Int
    public private(set) var frames: Int64 = 0
    private var fd: Int32

    public init(channels: Int, directory: String) throws {
        self.channels = channels
        var template = Array((directory + "/.preflight-spool-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw MediaIOError.libav(path: directory, operation: "creating a temporary file", code: AVResultCode(rawValue: -errno),
                                     detail: String(cString: strerror(errno)))
        }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { release() }

    /// Closes (and so deletes) the file now rather than when the spool is dropped; later calls read nothing.
    /// Closing frees the file's page cache page by page (~15 ms for a minute of stereo), which a caller may
    /// want done on another thread while it finishes something else.
    public func release() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    /// Adds whole frames at the end.
    public func append(_ samples: UnsafeBufferPointer<Float>) throws {
        guard fd >= 0, !samples.isEmpty else { return }
        try PositionedIO.write(fd, UnsafeRawBufferPointer(samples), at: frames * Int64(MemoryLayout<Float>.size * channels),
                               path: "temporary file", operation: "writing decoded audio")
        frames += Int64(samples.count / channels)
    }

    /// Reads up to `buffer.count / channels` frames starting at frame `first`; returns the number of frames read.
    public func read(from first: Int64, into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        guard fd >= 0, buffer.baseAddress != nil, first >= 0, first < frames else { return 0 }
        let frameBytes = MemoryLayout<Float>.size * channels
        let count = Int(min(Int64(buffer.count / channels), frames - first))
        try PositionedIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<count * frameBytes]),
                              at: first * Int64(frameBytes), path: "temporary file", operation: "reading decoded audio back",
                              shortDetail: "unexpected end of the spool")
        return count
    }

    /// Reads everything from the start in chunks of `chunkFrames`; `body` returning false stops early.
    public func read(chunkFrames: Int = 8192, _ body: (UnsafeBufferPointer<Float>) throws -> Bool) throws {
        var buffer = [Float](repeating: 0, count: chunkFrames * channels)
        var at: Int64 = 0
        while true {
            let n = try buffer.withUnsafeMutableBufferPointer { try read(from: at, into: $0) }
            if n == 0 { break }
            at += Int64(n)
            guard try buffer.withUnsafeBufferPointer({ try body(UnsafeBufferPointer(rebasing: $0[0..<n * channels])) }) else { break }
        }
    }
}
