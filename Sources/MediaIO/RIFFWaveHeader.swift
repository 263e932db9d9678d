#if canImport(Glibc)
import Glibc
#endif

/// The sizes a RIFF/WAVE header declares. libavformat quietly caps the `data` size at the file size and
/// treats placeholders as "read to the end", so a truncated or streamed WAV looks whole in ffprobe.
public struct RIFFWaveHeader: Sendable, Equatable {
    public var riffSize: UInt32
    public var dataSize: UInt32
    /// Byte offset of the first sample.
    public var dataOffset: Int64
    public var fileSize: Int64

    /// Placeholder sizes written by a muxer that could not seek back (0 or 0xFFFFFFFF).
    public var hasPlaceholderSizes: Bool {
        dataSize == 0 || dataSize == 0xFFFF_FFFF || riffSize == 0 || riffSize == 0xFFFF_FFFF
    }

    /// Bytes the header promises beyond the end of the file.
    public var missingBytes: Int64 {
        hasPlaceholderSizes ? 0 : max(0, dataOffset + Int64(dataSize) - fileSize)
    }

    /// Reads the header of a RIFF/WAVE file; nil when the file is not one (or RF64/W64, whose sizes live elsewhere).
    public static func read(path: String) -> RIFFWaveHeader? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        var head = [UInt8](repeating: 0, count: 12)
        guard fread(&head, 1, 12, f) == 12, head[0..<4] == [0x52, 0x49, 0x46, 0x46], head[8..<12] == [0x57, 0x41, 0x56, 0x45] else {
            return nil
        }
        fseeko(f, 0, SEEK_END)
        let fileSize = Int64(ftello(f))
        let riffSize = le32(head, 4)
        var offset: Int64 = 12
        // Walk chunks until "data"; bounded so a hostile file cannot make this loop long.
        for _ in 0..<64 {
            fseeko(f, off_t(offset), SEEK_SET)
            var chunk = [UInt8](repeating: 0, count: 8)
            guard fread(&chunk, 1, 8, f) == 8 else { return nil }
            let size = le32(chunk, 4)
            if chunk[0..<4] == [0x64, 0x61, 0x74, 0x61] {
                return RIFFWaveHeader(riffSize: riffSize, dataSize: size, dataOffset: offset + 8, fileSize: fileSize)
            }
            offset += 8 + Int64(size) + Int64(size & 1)
            if offset >= fileSize { return nil }
        }
        return nil
    }

    private static func le32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
