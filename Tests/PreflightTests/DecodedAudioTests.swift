import Foundation
import Testing
import MediaIO
@testable import Preflight
import TestMediaSupport

/// Pass 1 keeps a PCM WAV's audio in the file only while the file holds what was decoded; from the first
/// difference on it spools, starting with the frames already kept, so later passes read the decoded audio
/// either way.
@Suite struct DecodedAudioTests {
    static let path = TestMedia.path("speech_48k.wav")

    static func keep(_ samples: [Float], inPlace: Bool) throws -> any SampleSource {
        let file = inPlace ? PCMWaveFrames(path: path, codecName: "pcm_s16le", channels: 1) : nil
        let kept = try DecodedAudio(inPlace: file, channels: 1, directory: FileManager.default.temporaryDirectory.path)
        var i = 0
        try samples.withUnsafeBufferPointer { all in
            while i < all.count {
                let n = min(32768, all.count - i)
                try kept.keep(UnsafeBufferPointer(rebasing: all[i..<i + n]))
                i += n
            }
        }
        return kept.finish()
    }

    static func readAll(_ source: any SampleSource) throws -> [Float] {
        var out = [Float](repeating: 0, count: Int(source.frames) * source.channels)
        let n = try out.withUnsafeMutableBufferPointer { try source.read(from: 0, into: $0) }
        return Array(out[0..<n * source.channels])
    }

    @Test func theFileServesWhileItHoldsTheDecodedAudio() throws {
        let decoded = try FFmpegTool.decode(Self.path)
        let source = try Self.keep(decoded, inPlace: true)
        #expect(source is PCMWaveFrames)
        #expect(try Self.readAll(source) == decoded)
    }

    @Test(arguments: [0, 40000, 90000])
    func aDifferenceMovesTheAudioToASpool(at index: Int) throws {
        var decoded = try FFmpegTool.decode(Self.path)
        decoded[index] += 1.0 / 65536
        let source = try Self.keep(decoded, inPlace: true)
        #expect(source is SampleSpool)
        #expect(try Self.readAll(source) == decoded)
    }

    /// Decoded audio longer than the file (as a resampler would give) is spooled whole too.
    @Test func moreFramesThanTheFileHoldsAreSpooled() throws {
        let decoded = try FFmpegTool.decode(Self.path) + [Float](repeating: 0.25, count: 5000)
        let source = try Self.keep(decoded, inPlace: true)
        #expect(source is SampleSpool)
        #expect(try Self.readAll(source) == decoded)
    }

    @Test func withoutAFileItSpools() throws {
        let decoded = try FFmpegTool.decode(Self.path)
        let source = try Self.keep(decoded, inPlace: false)
        #expect(source is SampleSpool)
        #expect(try Self.readAll(source) == decoded)
    }
}
