import Foundation
import Testing
@testable import Preflight
import TestMediaSupport

/// The fast limiter (SIMD envelope, then the gain curve) against the scalar Double limiter it replaced,
/// on real speech and music pushed far over the ceiling: speed did not change the sound.
@Suite struct LimiterReferenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let gainDB: Double
        let channels: Int
        let rate: Int
        var testDescription: String { "\(file) +\(gainDB) dB" }
    }

    static let cases = [
        Case(file: "speech_real.flac", gainDB: 25, channels: 1, rate: 16000),        // quiet speech made loud: the prepare case
        Case(file: "music_only.flac", gainDB: 18, channels: 1, rate: 16000),         // music, limited hard
        Case(file: "pcm_s24le_44100_stereo.wav", gainDB: 12, channels: 2, rate: 44100),
        Case(file: "pcm_s16le_22050_5.1.wav", gainDB: 6, channels: 6, rate: 22050),
    ]

    /// Largest difference between the two renderings, in full-scale units (1 LSB of 16-bit is 3.1e-5).
    static let tolerance: Float = 2e-6

    @Test(arguments: cases)
    func fastLimiterMatchesTheReference(_ c: Case) throws {
        let path = TestMedia.path(c.file)
        let channels = c.channels, rate = c.rate
        let gain = Float(pow(10, c.gainDB / 20))
        let input = try FFmpegTool.decode(path).map { $0 * gain }
        let ceiling = pow(10, -1.8 / 20)

        var reference = ReferenceTruePeakLimiter(channels: channels, sampleRate: rate, ceiling: ceiling)
        var expected: [Float] = []
        // Uneven chunks on both sides, different ones: chunking must not matter.
        var i = 0, k = 0
        let sizesA = [4096, 333, 1000], sizesB = [1, 17, 8192, 480]
        while i < input.count {
            let n = min(sizesA[k % 3] * channels, input.count - i)
            expected += reference.process(Array(input[i..<i + n]))
            i += n; k += 1
        }
        expected += reference.finish()

        var fast = TruePeakLimiter(channels: channels, sampleRate: rate, ceiling: ceiling)
        var got: [Float] = []
        i = 0; k = 0
        while i < input.count {
            let n = min(sizesB[k % 4] * channels, input.count - i)
            got += fast.process(Array(input[i..<i + n]))
            i += n; k += 1
        }
        got += fast.finish()

        #expect(got.count == input.count)
        #expect(expected.count == input.count)
        let difference = zip(got, expected).map { abs($0 - $1) }.max() ?? 0
        #expect(difference <= Self.tolerance, "max difference \(difference)")
        #expect(reference.limitedFrames > 0, "the case must engage the limiter")
        #expect(abs(fast.limitedFrames - reference.limitedFrames) <= reference.limitedFrames / 1000 + 2,
                "limited frames \(fast.limitedFrames) vs \(reference.limitedFrames)")
        #expect(abs(fast.minimumGain - reference.minimumGain) <= 1e-5)
        print("limiter vs reference, \(c.testDescription): max difference \(difference), limited \(fast.limitedFrames)/\(reference.limitedFrames), deepest \(20 * log10(fast.minimumGain)) dB")
    }

    /// `prepare` end to end: 24 s of quiet 48 kHz speech (no resampling, so the spool holds the input's
    /// own samples; long enough for the plan to be measured in two halves on two threads), raised ~31 dB
    /// and limited by up to ~9 dB. The written file equals the reference limiter's rendering at the gain prepare
    /// chose, quantised the same way, to within one 16-bit step.
    @Test func preparedFileMatchesTheReferenceRendering() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-limiter-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("quiet.wav").path
        try FFmpegTool.generate(["-stream_loop", "11", "-i", TestMedia.path("speech_48k.wav"), "-af", "volume=-20dB", "-c:a", "pcm_s16le"], to: src)
        let out = dir.appendingPathComponent("out.wav").path
        var options = PrepareOptions()
        options.targetLUFS = -12
        options.truePeakCeiling = -1.5
        let report = try AudioPreparer.run(input: src, output: out, options: options)
        #expect(report.limiterEngaged)
        #expect(report.limiterMaxReductionDB > 1, "\(report.limiterMaxReductionDB)")

        let gain = Float(pow(10, report.gainDB / 20))
        let input = try FFmpegTool.decode(src).map { $0 * gain }
        var reference = ReferenceTruePeakLimiter(channels: 1, sampleRate: 48000,
                                                 ceiling: pow(10, (options.truePeakCeiling - AudioPreparer.limiterMarginDB) / 20))
        var expected: [Float] = []
        var i = 0
        while i < input.count {
            let n = min(8192, input.count - i)
            expected += reference.process(Array(input[i..<i + n]))
            i += n
        }
        expected += reference.finish()
        let written = try FFmpegTool.decode(out)
        #expect(written.count == expected.count)
        // The writer scales by 32767; ffmpeg decodes 16-bit as n / 32768.
        var worst = 0
        for (y, x) in zip(written, expected) {
            let a = Int((y * 32768).rounded()), b = Int((max(-1, min(1, x)) * 32767).rounded())
            worst = max(worst, abs(a - b))
        }
        #expect(worst <= 1, "largest difference \(worst) steps of 16 bits")
        print("prepare vs reference rendering at \(report.gainDB) dB (output \(report.outputLoudness?.integratedLUFS ?? 0) LUFS, \(report.limiterMaxReductionDB) dB deepest): largest difference \(worst) step(s) of 16 bits over \(written.count) samples")
    }
}
