import Foundation
@testable import MediaIO
import Testing
import TestMediaSupport

/// The positioned WAV writer against libavformat's WAV muxer (`AudioFileWriter`) on real speech: the same
/// format chunk byte for byte, the same samples as ffmpeg decodes them, written in two halves from two threads
/// in reverse order; and a file with frames missing refused.
@Suite struct FixedLengthWaveFileTests {
    /// Chunk id → payload of a RIFF/WAVE file.
    static func chunks(_ path: String) throws -> [String: [UInt8]] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF" && String(decoding: bytes[8..<12], as: UTF8.self) == "WAVE")
        let riff = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        #expect(riff == bytes.count - 8, "RIFF size \(riff) for a file of \(bytes.count) bytes")
        var found: [String: [UInt8]] = [:]
        var at = 12
        while at + 8 <= bytes.count {
            let id = String(decoding: bytes[at..<at + 4], as: UTF8.self)
            let size = Int(bytes[at + 4]) | Int(bytes[at + 5]) << 8 | Int(bytes[at + 6]) << 16 | Int(bytes[at + 7]) << 24
            found[id] = Array(bytes[at + 8..<min(bytes.count, at + 8 + size)])
            at += 8 + size + (size & 1)
        }
        return found
    }

    @Test(arguments: [(16, 48000, 1), (16, 44100, 2), (24, 48000, 1), (24, 48000, 2), (16, 96000, 1)])
    func matchesLibavformatsMuxer(_ format: (bits: Int, rate: Int, channels: Int)) throws {
        let mono = try FFmpegTool.decode(TestMedia.path("speech_48k.wav")).map { $0 * 1.5 }   // some samples clip
        let samples = format.channels == 1 ? mono : mono.flatMap { [$0, -$0 * 0.5] }
        let frames = samples.count / format.channels
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fixed-wave-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let reference = dir.appendingPathComponent("libav.wav").path, positioned = dir.appendingPathComponent("positioned.wav").path

        let writer = try AudioFileWriter(path: reference, container: .wav, bits: format.bits, sampleRate: format.rate, channels: format.channels)
        try writer.write(samples)
        try writer.finish()

        // The writeback started every 16 KiB (4 MiB in use), so the halves write while their earlier pages go to the disk.
        let file = try FixedLengthWaveFile(path: positioned, bits: format.bits, sampleRate: format.rate, channels: format.channels,
                                           frames: Int64(frames), writebackBytes: 16 << 10)
        let mid = frames / 2 + 1
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            // The second half first: positions, not order, decide where samples land.
            let range = k == 0 ? mid..<frames : 0..<mid
            let part = Array(samples[range.lowerBound * format.channels..<range.upperBound * format.channels])
            do {
                try part.withUnsafeBufferPointer { try file.write($0, at: Int64(range.lowerBound)) }
            } catch { failures.withLock { $0.append("\(error)") } }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        try file.finish()

        let a = try Self.chunks(reference), b = try Self.chunks(positioned)
        #expect(a["fmt "] == b["fmt "], "format chunk: libav \(a["fmt "] ?? []) vs \(b["fmt "] ?? [])")
        #expect(a["data"] == b["data"], "the samples, byte for byte")
        #expect(b["data"]?.count == frames * format.channels * format.bits / 8)
        // And as an independent reader decodes them.
        #expect(try FFmpegTool.decode(positioned) == FFmpegTool.decode(reference))
    }

    @Test func refusesToFinishWithFramesMissing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fixed-wave-\(UUID().uuidString).wav").path
        defer { unlink(path) }
        let file = try FixedLengthWaveFile(path: path, bits: 16, sampleRate: 48000, channels: 1, frames: 1000)
        let half = [Float](repeating: 0.25, count: 500)
        try half.withUnsafeBufferPointer { try file.write($0, at: 0) }
        #expect(throws: MediaIOError.self) { try half.withUnsafeBufferPointer { try file.write($0, at: 600) } }
        #expect(throws: MediaIOError.self) { try file.finish() }
        #expect(!FixedLengthWaveFile.fits(bits: 24, channels: 2, frames: 800_000_000))
    }
}

/// A value behind a lock, for the tests' threads (MediaIO's tests do not import Preflight, which has one).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R { lock.lock(); defer { lock.unlock() }; return body(&value) }
}
