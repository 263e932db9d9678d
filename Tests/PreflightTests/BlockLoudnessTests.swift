import Foundation
import Testing
import MediaIO
@testable import Preflight
import TestMediaSupport

/// `BlockLoudness` (prepare's own meter) against libebur128 (MediaIO's `LoudnessMeter`) on real speech,
/// music, silence and multichannel media at 8–96 kHz: the same integrated loudness and loudness range.
@Suite struct BlockLoudnessTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let files: [String]
        let channels: Int
        let rate: Int
        /// Gain per file (dB), so a joined signal has loud and quiet parts.
        var gainsDB: [Double] = []
        var testDescription: String { files.joined(separator: "+") }
    }

    static let cases = [
        Case(files: ["speech_real.flac"], channels: 1, rate: 16000),
        Case(files: ["music_only.flac"], channels: 1, rate: 16000),
        Case(files: ["near_silence.flac"], channels: 1, rate: 16000),
        Case(files: ["silence_digital.flac"], channels: 1, rate: 16000),
        Case(files: ["speech_48k.wav"], channels: 1, rate: 48000),
        Case(files: ["pcm_s24le_44100_stereo.wav"], channels: 2, rate: 44100),
        Case(files: ["pcm_s16le_22050_5.1.wav"], channels: 6, rate: 22050),
        Case(files: ["pcm_s24le_96000_mono.wav"], channels: 1, rate: 96000),
        Case(files: ["pcm_s16le_8000_mono.wav"], channels: 1, rate: 8000),
        // 35 s of speech, music and near-silence at levels 30 dB apart: both gates and the range's percentiles at work.
        Case(files: ["speech_real.flac", "music_only.flac", "near_silence.flac", "speech_over_music.flac", "speech_late_start.flac",
                     "speech_real.flac", "music_only.flac", "speech_8s.flac", "speech_real.flac", "music_only.flac"],
             channels: 1, rate: 16000, gainsDB: [0, -12, 0, -30, 6, -20, 3, -8, -25, 0]),
    ]

    static func signal(_ c: Case) throws -> [Float] {
        var all: [Float] = []
        for (i, file) in c.files.enumerated() {
            let g = Float(pow(10, (c.gainsDB.isEmpty ? 0 : c.gainsDB[i]) / 20))
            all += try FFmpegTool.decode(TestMedia.path(file)).map { $0 * g }
        }
        return all
    }

    @Test(arguments: cases)
    func matchesLibebur128(_ c: Case) throws {
        let samples = try Self.signal(c)
        let reference = try LoudnessMeter(channels: c.channels, sampleRate: c.rate)
        reference.add(samples)
        // Uneven chunks: where a chunk ends must not matter.
        var ours = BlockLoudness(channels: c.channels, sampleRate: c.rate)
        var i = 0, k = 0
        let sizes = [1, 4096, 333, 17, 8192]
        samples.withUnsafeBufferPointer { all in
            while i < all.count {
                let n = min(sizes[k % sizes.count] * c.channels, all.count - i)
                ours.add(UnsafeBufferPointer(rebasing: all[i..<i + n]))
                i += n; k += 1
            }
        }
        switch (reference.integratedLoudness, ours.integratedLUFS) {
        case (nil, nil): break
        case let (r?, o?): #expect(abs(r - o) <= 0.001, "I: libebur128 \(r), ours \(o)")
        case let (r, o): Issue.record("I: libebur128 \(String(describing: r)), ours \(String(describing: o))")
        }
        let range = try #require(reference.loudnessRange)
        #expect(abs(range - ours.loudnessRangeLU) <= 0.001, "LRA: libebur128 \(range), ours \(ours.loudnessRangeLU)")
    }

    /// Two halves metered apart (prepare's two render threads), cut on a 100 ms boundary, joined: the
    /// loudness of the whole.
    @Test func halvesJoinToTheWhole() throws {
        let c = Self.cases.last!
        let samples = try Self.signal(c)
        var whole = BlockLoudness(channels: 1, sampleRate: c.rate)
        var first = BlockLoudness(channels: 1, sampleRate: c.rate), second = first
        let cut = samples.count / 2 / first.framesPerSubBlock * first.framesPerSubBlock
        samples.withUnsafeBufferPointer { all in
            whole.add(all)
            first.add(UnsafeBufferPointer(rebasing: all[..<cut]))
            second.add(UnsafeBufferPointer(rebasing: all[cut...]))
        }
        let joined = first.followed(by: second)
        #expect(joined.subBlocks.count == whole.subBlocks.count)
        let a = try #require(whole.integratedLUFS), b = try #require(joined.integratedLUFS)
        #expect(abs(a - b) <= 0.01, "whole \(a), joined \(b)")
        #expect(abs(whole.loudnessRangeLU - joined.loudnessRangeLU) <= 0.05)
    }
}
