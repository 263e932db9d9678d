import CFFmpeg
import CFileWriteback
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PCM WAV file whose length is known before its first sample: the header goes out with its final
/// sizes and frames are written at their positions (`pwrite`), from several threads at once for disjoint
/// ranges. The two halves of `prepare`'s render write where they belong instead of the second one waiting
/// in a temporary spool: libavformat's WAV muxer (`AudioFileWriter`) writes strictly in order.
///
/// The header is what that muxer writes for the same format (`ff_put_wav_header`): WAVE_FORMAT_PCM for
/// 16-bit mono or stereo up to 48 kHz, WAVE_FORMAT_EXTENSIBLE otherwise, without its LIST/INFO chunk.
/// Samples are quantised as `AudioFileWriter` quantises them. The caller writes to a temporary name and
/// renames it once `finish()` succeeded.
public final class FixedLengthWaveFile: @unchecked Sendable {
    public let path: String
    public let bits: Int
    public let sampleRate: Int
    public let channels: Int
    /// Frames the file holds once every position was written.
    public let frames: Int64
    /// Byte offset of the first sample.
    public let dataOffset: Int64
    private var fd: Int32
    private let lock = NSLock()
    private var framesWritten: Int64 = 0
    /// Bytes written since the writeback was last started, and how many start it again (`startWriteback`).
    private var unsubmittedBytes = 0
    private let writebackBytes: Int

    /// Whether `frames` frames fit the 32-bit sizes of a RIFF header (larger files need RF64).
    public static func fits(bits: Int, channels: Int, frames: Int64) -> Bool {
        frames >= 0 && frames * Int64(channels * bits / 8) + 80 <= Int64(UInt32.max)
    }

    /// Creates (or truncates) `path` and writes the header. Throws `MediaIOError.libav` with
    /// `invalidArgument` for bits other than 16 or 24, a rate or channel count below 1 or a length that
    /// does not `fit`, and with the system's error when the file cannot be created or written. The writeback
    /// is started again after every `writebackBytes` written.
    public init(path: String, bits: Int, sampleRate: Int, channels: Int, frames: Int64, writebackBytes: Int = 4 << 20) throws {
        guard bits == 16 || bits == 24, sampleRate > 0, channels > 0, Self.fits(bits: bits, channels: channels, frames: frames) else {
            throw MediaIOError.libav(path: path, operation: "setting up the wav file", code: .invalidArgument,
                                     detail: "\(bits)-bit, \(sampleRate) Hz, \(channels) channel(s), \(frames) frames: 16 or 24 bits, a positive rate and channel count, and under 4 GiB are supported")
        }
        self.path = path
        self.bits = bits
        self.sampleRate = sampleRate
        self.channels = channels
        self.frames = frames
        self.writebackBytes = max(1, writebackBytes)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw MediaIOError.libav(path: path, operation: "creating the file", code: AVResultCode(rawValue: -errno),
                                     detail: String(cString: strerror(errno)))
        }
        let header = Self.header(bits: bits, sampleRate: sampleRate, channels: channels, frames: frames)
        dataOffset = Int64(header.count)
        try header.withUnsafeBytes { try put($0, at: 0) }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Interleaved samples (frames × channels, full scale ±1.0, clipped beyond) for the frames from `first`.
    /// Safe from several threads at once for disjoint ranges.
    public func write(_ samples: UnsafeBufferPointer<Float>, at first: Int64) throws {
        guard fd >= 0, !samples.isEmpty else { return }
        let count = Int64(samples.count / channels)
        guard first >= 0, first + count <= frames else {
            throw MediaIOError.libav(path: path, operation: "writing", code: .invalidArgument,
                                     detail: "frames \(first)..<\(first + count) are outside the file's \(frames)")
        }
        let width = bits / 8
        var bytes = [UInt8](repeating: 0, count: samples.count * width)
        bytes.withUnsafeMutableBytes { out in
            if bits == 16 {
                AudioFileWriter.quantise16(samples, into: out.baseAddress!.assumingMemoryBound(to: Int16.self))
            } else {
                for i in 0..<samples.count {
                    let v = AudioFileWriter.quantise24(samples[i])
                    out[3 * i] = UInt8(truncatingIfNeeded: v)
                    out[3 * i + 1] = UInt8(truncatingIfNeeded: v >> 8)
                    out[3 * i + 2] = UInt8(truncatingIfNeeded: v >> 16)
                }
            }
        }
        try bytes.withUnsafeBytes { try put($0, at: dataOffset + first * Int64(channels * width)) }
        lock.lock()
        framesWritten += count
        unsubmittedBytes += bytes.count
        let submit = unsubmittedBytes >= writebackBytes
        if submit { unsubmittedBytes = 0 }
        lock.unlock()
        if submit { startWriteback() }
    }


    /// Starts writing the file's dirty pages to the disk without waiting (`sync_file_range` over the whole
    /// file; pages already on their way are skipped). Renaming a finished file over an existing one makes
    /// ext4 allocate and submit all of it at that moment, on one thread (its `auto_da_alloc`, which keeps a
    /// crash from leaving an empty file where the old one was): ~30 ms for 30 MB. Started every few
    /// megabytes while frames are written, that work is shared by the writing threads instead. Where the
    /// system cannot, nothing happens.
    private func startWriteback() {
        _ = pf_start_writeback(fd, 0, 0)
    }

    /// Closes the file; throws when fewer frames than promised were written (the header would lie).
    public func finish() throws {
        lock.lock()
        let written = framesWritten
        lock.unlock()
        guard written == frames else {
            abandon()
            throw MediaIOError.libav(path: path, operation: "finishing the file", code: .invalidArgument,
                                     detail: "\(written) of \(frames) frames written")
        }
        let rc = close(fd)
        fd = -1
        guard rc == 0 else {
            throw MediaIOError.libav(path: path, operation: "closing the file", code: AVResultCode(rawValue: -errno),
                                     detail: String(cString: strerror(errno)))
        }
    }

    /// Closes the file unfinished: the caller discards or rewrites it.
    public func abandon() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    private func put(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws {
        try PositionedIO.write(fd, bytes, at: offset, path: path, operation: "writing")
    }

    /// RIFF, fmt and data chunk headers for `frames` frames.
    static func header(bits: Int, sampleRate: Int, channels: Int, frames: Int64) -> [UInt8] {
        var h: [UInt8] = []
        func u16(_ v: Int) { h += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: Int64) { for k in 0..<4 { h.append(UInt8((v >> (8 * Int64(k))) & 0xFF)) } }
        let blockAlign = channels * bits / 8
        let dataBytes = frames * Int64(blockAlign)
        let extensible = channels > 2 || sampleRate > 48000 || bits > 16
        let fmtBytes = extensible ? 40 : 16
        h += Array("RIFF".utf8); u32(4 + Int64(8 + fmtBytes) + 8 + dataBytes); h += Array("WAVE".utf8)
        h += Array("fmt ".utf8); u32(Int64(fmtBytes))
        u16(extensible ? 0xFFFE : 1); u16(channels); u32(Int64(sampleRate)); u32(Int64(sampleRate * blockAlign))
        u16(blockAlign); u16(bits)
        if extensible {
            // cbSize, valid bits, libav's default layout as the speaker mask, KSDATAFORMAT_SUBTYPE_PCM.
            u16(22); u16(bits)
            var layout = AVChannelLayout()
            av_channel_layout_default(&layout, Int32(channels))
            u32(layout.order == AV_CHANNEL_ORDER_NATIVE ? Int64(layout.u.mask & 0xFFFF_FFFF) : 0)
            av_channel_layout_uninit(&layout)
            h += [0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
        }
        h += Array("data".utf8); u32(dataBytes)
        return h
    }
}
