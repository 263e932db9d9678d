#if canImport(Glibc)
import Glibc
#endif

/// The samples of a 16-bit or float PCM WAV file, read in place as floats: a 16-bit sample scaled by
/// 1/32768 and a float as it is, which is what libav's decoder and libswresample's conversion to float
/// give for the same frames (exactly: both scalings are exact in Float). `prepare` reads such an input
/// again instead of spooling what it decoded (four bytes a frame and channel written and read back), and
/// checks while decoding that the two agree (see `AudioPreparer`'s `DecodedAudio`).
public final class PCMWaveFrames: SampleSource, @unchecked Sendable {
    /// How the samples are stored.
    public enum Encoding: Sendable {
        /// 16-bit signed little-endian integers (`pcm_s16le`).
        case int16
        /// 32-bit little-endian IEEE floats (`pcm_f32le`).
        case float32

        var bytes: Int { self == .int16 ? 2 : 4 }
    }

    /// Interleaved channels per frame, as the stream declares them.
    public let channels: Int
    /// The samples' storage in the file.
    public let encoding: Encoding
    /// Frames readable: those the data chunk and the file hold, or fewer after `limit(frames:)`.
    public private(set) var frames: Int64
    private var fd: Int32
    private let dataOffset: Int64

    /// Nil unless `path` is a regular RIFF/WAVE file and `codecName` (libav's name for its stream) is
    /// `pcm_s16le` or `pcm_f32le`.
    public init?(path: String, codecName: String, channels: Int) {
        let encoding: Encoding
        switch codecName {
        case "pcm_s16le": encoding = .int16
        case "pcm_f32le": encoding = .float32
        default: return nil
        }
        guard channels > 0, let header = RIFFWaveHeader.read(path: path) else { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return nil
        }
        self.fd = fd
        self.channels = channels
        self.encoding = encoding
        dataOffset = header.dataOffset
        var bytes = max(0, Int64(info.st_size) - header.dataOffset)
        if !header.hasPlaceholderSizes { bytes = min(bytes, Int64(header.dataSize)) }
        frames = bytes / Int64(channels * encoding.bytes)
    }

    deinit { release() }

    public func release() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    /// Whether libav's WAV demuxer reads the same samples from `file` (this path, opened by libav): its stream
    /// `streamIndex` declares exactly `frames` frames at one per time-base tick from 0, and its first packet
    /// starts where this reads the first frame. Then what this reads is what the decoder would give (the
    /// scaling above), and the file need not be decoded or compared. Reads packets up to the stream's first;
    /// where the answer is false, the caller seeks back to the start before decoding.
    public func agrees(with file: InputFile, streamIndex: Int) throws -> Bool {
        let st = file.stream(at: streamIndex)
        guard st.timeBase == Rational(1, Int32(st.sampleRate)), st.headerDuration == frames, (st.startTime ?? 0) == 0,
              st.channels == channels else { return false }
        let packet = Packet()
        while try file.readPacket(into: packet) {
            let info = packet.info
            guard info.streamIndex == streamIndex else { continue }
            return info.position == dataOffset && (info.pts ?? 0) == 0
        }
        return false
    }

    /// Reads no further than `frames` (the frames the decoder gave).
    public func limit(frames: Int64) { self.frames = min(self.frames, max(0, frames)) }

    /// Reads up to `buffer.count / channels` frames from frame `first` (`pread`, so several threads may read
    /// at once); returns the number read. Throws `MediaIOError` when the file no longer holds them.
    public func read(from first: Int64, into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        guard fd >= 0, let base = buffer.baseAddress, first >= 0, first < frames else { return 0 }
        let count = Int(min(Int64(buffer.count / channels), frames - first))
        let samples = count * channels
        let offset = dataOffset + first * Int64(channels * encoding.bytes)
        switch encoding {
        case .float32:
            try readBytes(into: UnsafeMutableRawBufferPointer(start: base, count: samples * 4), at: offset)
        case .int16:
            // Through a block on the stack, widened into the buffer.
            let block = 8192
            try withUnsafeTemporaryAllocation(of: Int16.self, capacity: block) { raw in
                var done = 0
                while done < samples {
                    let n = min(block, samples - done)
                    try readBytes(into: UnsafeMutableRawBufferPointer(start: raw.baseAddress!, count: n * 2), at: offset + Int64(done * 2))
                    let out = base + done
                    for i in 0..<n { out[i] = Float(Int16(littleEndian: raw[i])) * (1 / 32768) }
                    done += n
                }
            }
        }
        return count
    }

    private func readBytes(into destination: UnsafeMutableRawBufferPointer, at offset: Int64) throws {
        try PositionedIO.read(fd, into: destination, at: offset, path: "input file", operation: "reading its samples again",
                              shortDetail: "the file is shorter than when it was decoded")
    }
}
