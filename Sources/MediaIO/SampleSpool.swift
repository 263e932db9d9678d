#if canImport(Glibc)
import Glibc
#endif

/// A temporary file of raw interleaved float samples: decoded audio is written once and read back for
/// later passes, so memory stays bounded however long the input is. The file is unlinked as soon as it
/// is created, so it disappears with the process whatever happens.
public final class SampleSpool {
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

    deinit { if let file { fclose(file) } }

    public func append(_ samples: UnsafeBufferPointer<Float>) throws {
        guard let file, let base = samples.baseAddress, !samples.isEmpty else { return }
        if fwrite(base, MemoryLayout<Float>.size, samples.count, file) != samples.count {
            throw MediaIOError.libav(path: "temporary file", operation: "writing decoded audio", code: AVResultCode(rawValue: -errno),
                                     detail: String(cString: strerror(errno)))
        }
        frames += Int64(samples.count / channels)
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
