import Foundation
@testable import MediaIO
import Testing
import TestMediaSupport

/// `ResampledFrames` converts as it is read, and a read anywhere gives what libswresample's soxr gives
/// converting the whole decoded stream from its start (`AudioSampleStream` at the other rate: the
/// reference): the same frame count, the same frames from the start, and from a conversion started
/// inside the signal the same frames to float rounding.
@Suite struct ResampledFramesTests {
    static let cases: [(String, String, Int, Int, Int)] = [
        ("pcm_s16le_8000_mono.wav", "pcm_s16le", 8000, 1, 48000), ("speech_48k.wav", "pcm_s16le", 48000, 1, 44100),
        ("pcm_f32le_48000_stereo.wav", "pcm_f32le", 48000, 2, 22050), ("speech_48k.wav", "pcm_s16le", 48000, 1, 96000),
    ]

    /// Frames [from, from + count) of `frames`, read in chunks of `chunk` frames.
    static func read(_ frames: ResampledFrames, from: Int64, count: Int, chunk: Int) throws -> [Float] {
        var got: [Float] = []
        var buffer = [Float](repeating: 0, count: chunk * frames.channels)
        var at = from
        while got.count < count * frames.channels {
            let want = min(chunk, count - got.count / frames.channels) * frames.channels
            let n = try buffer.withUnsafeMutableBufferPointer { try frames.read(from: at, into: UnsafeMutableBufferPointer(rebasing: $0[0..<want])) }
            if n == 0 { break }
            got.append(contentsOf: buffer[0..<n * frames.channels])
            at += Int64(n)
        }
        return got
    }

    static func largestDifference(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Float {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    @Test(arguments: cases)
    func equalsTheWholeConversion(file: String, codec: String, rate: Int, channels: Int, outputRate: Int) throws {
        let path = TestMedia.path(file)
        let expected = try PCMWaveFramesTests.decoded(path, rate: outputRate, channels: channels)
        let source = try #require(PCMWaveFrames(path: path, codecName: codec, channels: channels))
        let resampled = ResampledFrames(source: source, inputRate: rate, outputRate: outputRate, label: file)
        let total = expected.count / channels
        #expect(resampled.frames == Int64(total))
        // From the start, in uneven chunks: one conversion, fed in other chunks than the decoder's.
        let whole = try Self.read(resampled, from: 0, count: total + 5, chunk: 1001)
        #expect(whole.count == expected.count)
        #expect(Self.largestDifference(whole[...], expected[...]) <= 1e-6)
        // From frames inside: conversions started where the rates' grids meet, before the frame.
        for start in [1, 777, total / 2 + 13, total - 100] {
            let part = try Self.read(resampled, from: Int64(start), count: 3000, chunk: 512)
            let end = min(total, start + 3000)
            #expect(part.count == (end - start) * channels)
            #expect(Self.largestDifference(part[...], expected[start * channels..<end * channels]) <= 2e-6, "from frame \(start)")
        }
        #expect(try Self.read(resampled, from: Int64(total), count: 10, chunk: 10).isEmpty)
    }

    /// Two threads reading their halves at once, each in order: each gets its own conversion.
    @Test func readsOnTwoThreadsAtOnce() throws {
        let path = TestMedia.path("speech_48k.wav")
        let expected = try PCMWaveFramesTests.decoded(path, rate: 44100, channels: 1)
        let source = try #require(PCMWaveFrames(path: path, codecName: "pcm_s16le", channels: 1))
        let resampled = ResampledFrames(source: source, inputRate: 48000, outputRate: 44100, label: "speech_48k.wav")
        let total = expected.count, half = total / 2
        let halves = Locked<[Int: [Float]]>([:])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            do {
                let part = try Self.read(resampled, from: Int64(k * half), count: k == 0 ? half : total - half, chunk: 700)
                halves.withLock { $0[k] = part }
            } catch { failures.withLock { $0.append("\(error)") } }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let joined = halves.withLock { ($0[0] ?? []) + ($0[1] ?? []) }
        #expect(joined.count == total)
        #expect(Self.largestDifference(joined[...], expected[...]) <= 2e-6)
    }
}
