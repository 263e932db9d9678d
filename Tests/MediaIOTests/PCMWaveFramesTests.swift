import Foundation
@testable import MediaIO
import Testing
import TestMediaSupport

/// `PCMWaveFrames` reads a WAV's samples in place: float for float what libav's decoder and
/// libswresample give for the same file (the reference), from any frame on, and nothing for what it
/// cannot read that way.
@Suite struct PCMWaveFramesTests {
    /// The decoder's frames, through `AudioSampleStream` at the file's own rate and channels.
    static func decoded(_ path: String, rate: Int, channels: Int) throws -> [Float] {
        let stream = try AudioSampleStream(file: try InputFile(path: path), sampleRate: rate, channels: channels)
        var samples: [Float] = []
        try stream.read { chunk, _ in samples.append(contentsOf: chunk); return true }
        return samples
    }

    @Test(arguments: [("speech_48k.wav", "pcm_s16le", 48000, 1), ("pcm_s16le_8000_mono.wav", "pcm_s16le", 8000, 1),
                      ("pcm_f32le_48000_stereo.wav", "pcm_f32le", 48000, 2), ("streaming_header.wav", "pcm_s16le", 16000, 1),
                      ("bogus_header.wav", "pcm_s16le", 8000, 1)])
    func readsWhatTheDecoderGives(file: String, codec: String, rate: Int, channels: Int) throws {
        let path = TestMedia.path(file)
        let expected = try Self.decoded(path, rate: rate, channels: channels)
        let frames = try #require(PCMWaveFrames(path: path, codecName: codec, channels: channels))
        #expect(frames.frames == Int64(expected.count / channels))
        // From the start in uneven chunks, and from a frame inside.
        var got: [Float] = []
        var buffer = [Float](repeating: 0, count: 1001 * channels)
        var at: Int64 = 0
        while true {
            let n = try buffer.withUnsafeMutableBufferPointer { try frames.read(from: at, into: $0) }
            if n == 0 { break }
            got.append(contentsOf: buffer[0..<n * channels])
            at += Int64(n)
        }
        #expect(got.count == expected.count)
        #expect(got == expected, "\(zip(got, expected).filter { $0 != $1 }.count) samples differ")
        let inside = try buffer.withUnsafeMutableBufferPointer { try frames.read(from: 777, into: $0) }
        #expect(inside == min(1001, expected.count / channels - 777))
        #expect(Array(buffer[0..<inside * channels]) == Array(expected[777 * channels..<(777 + inside) * channels]))
        frames.limit(frames: 10)
        #expect(try buffer.withUnsafeMutableBufferPointer { try frames.read(from: 5, into: $0) } == 5)
        #expect(try buffer.withUnsafeMutableBufferPointer { try frames.read(from: 10, into: $0) } == 0)
    }

    /// Other encodings, other containers and what is not a regular file are left to the decoder.
    @Test func refusesWhatItCannotReadInPlace() {
        #expect(PCMWaveFrames(path: TestMedia.path("pcm_s24le_44100_stereo.wav"), codecName: "pcm_s24le", channels: 2) == nil)
        #expect(PCMWaveFrames(path: TestMedia.path("pcm_f64le_48000_mono.wav"), codecName: "pcm_f64le", channels: 1) == nil)
        #expect(PCMWaveFrames(path: TestMedia.path("speech_real.flac"), codecName: "pcm_s16le", channels: 1) == nil)
        #expect(PCMWaveFrames(path: "/dev/null", codecName: "pcm_s16le", channels: 1) == nil)
        #expect(PCMWaveFrames(path: TestMedia.path("missing.wav"), codecName: "pcm_s16le", channels: 1) == nil)
    }
}

/// `PCMWaveFrames.agrees(with:streamIndex:)`: where libav's demuxer declares the same length and starts its
/// first packet where `PCMWaveFrames` reads, and not where it cannot say so.
@Suite struct PCMWaveFramesAgreementTests {
    static func agrees(_ file: String, codec: String, channels: Int) throws -> Bool {
        let path = TestMedia.path(file)
        let input = try InputFile(path: path)
        let frames = try #require(PCMWaveFrames(path: path, codecName: codec, channels: channels))
        return try frames.agrees(with: input, streamIndex: 0)
    }

    @Test func agreesOnPlainWAVs() throws {
        #expect(try Self.agrees("speech_48k.wav", codec: "pcm_s16le", channels: 1))
        #expect(try Self.agrees("pcm_s16le_8000_mono.wav", codec: "pcm_s16le", channels: 1))
        #expect(try Self.agrees("pcm_f32le_48000_stereo.wav", codec: "pcm_f32le", channels: 2))
    }

    /// A header with placeholder sizes declares no length (the samples are then decoded and compared), nor
    /// does a channel count other than the stream's.
    @Test func doesNotAgreeWhereItCannotTell() throws {
        #expect(try !Self.agrees("streaming_header.wav", codec: "pcm_s16le", channels: 1))
        #expect(try !Self.agrees("pcm_f32le_48000_stereo.wav", codec: "pcm_f32le", channels: 1))
    }
}
