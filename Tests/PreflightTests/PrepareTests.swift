import Foundation
import Testing
import Preflight
import TestMediaSupport

/// Inputs made with ffmpeg lavfi for the level tests.
enum GeneratedInput: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case quietSpeech, loudClippedSpeech, music, surround

    static let text = "The quick brown fox jumps over the lazy dog. Preflight prepares the audio for upload and checks its loudness."

    var args: [String] {
        switch self {
        case .quietSpeech:
            return ["-f", "lavfi", "-i", "flite=text='\(Self.text)':voice=slt", "-af", "volume=-20dB,aresample=48000", "-c:a", "pcm_s16le"]
        case .loudClippedSpeech:
            // +30 dB on 16-bit samples saturates them: clipped, and at 44.1 kHz.
            return ["-f", "lavfi", "-i", "flite=text='\(Self.text)':voice=slt", "-af", "volume=30dB,aresample=44100", "-ar", "44100", "-c:a", "pcm_s16le"]
        case .music:
            // Two tones with slow swells plus pink noise, 12 s stereo.
            return ["-filter_complex",
                    "aevalsrc='0.2*sin(2*PI*440*t)*(0.55+0.45*sin(2*PI*0.25*t))|0.2*sin(2*PI*554*t)*(0.55+0.45*sin(2*PI*0.2*t+1))':s=48000:d=12[m];"
                    + "anoisesrc=d=12:c=pink:a=0.06:r=48000:seed=7,aformat=channel_layouts=stereo[n];[m][n]amix=inputs=2:duration=shortest",
                    "-c:a", "pcm_s24le"]
        case .surround:
            return ["-f", "lavfi", "-i",
                    "aevalsrc='0.3*sin(2*PI*300*t)*(0.6+0.4*sin(2*PI*0.3*t))|0.3*sin(2*PI*400*t)|0.3*sin(2*PI*500*t)|0.3*sin(2*PI*60*t)|0.2*sin(2*PI*700*t)|0.2*sin(2*PI*800*t)':s=48000:d=6,aformat=channel_layouts=5.1",
                    "-c:a", "pcm_s16le"]
        }
    }

    var inputChannels: Int { switch self { case .quietSpeech, .loudClippedSpeech: 1; case .music: 2; case .surround: 6 } }
    var outputChannels: Int { min(2, inputChannels) }
    var testDescription: String { rawValue }

    func make(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("\(rawValue).wav").path
        try FFmpegTool.generate(args, to: path)
        return path
    }
}

@Suite struct PrepareTests {
    static func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-prepare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func options(target: Double? = -16, ceiling: Double = -1.5, rate: Int = 48000) -> PrepareOptions {
        var o = PrepareOptions()
        o.targetLUFS = target
        o.truePeakCeiling = ceiling
        o.sampleRate = rate
        return o
    }

    /// The loudness of the written file as ffmpeg measures it: on target, under the ceiling.
    static func expectLevel(_ path: String, target: Double, ceiling: Double, _ what: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let m = try FFmpegTool.loudness(path)
        #expect(abs(m.integrated - target) <= 0.5, "\(what): ffmpeg I = \(m.integrated) LUFS, target \(target)", sourceLocation: sourceLocation)
        #expect(m.truePeak <= ceiling, "\(what): ffmpeg true peak = \(m.truePeak) dBTP, ceiling \(ceiling)", sourceLocation: sourceLocation)
    }

    // MARK: - Level

    @Test(arguments: GeneratedInput.allCases)
    func reachesTargetUnderCeiling(_ input: GeneratedInput) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = try input.make(in: dir)
        let out = dir.appendingPathComponent("out.wav").path
        let report = try AudioPreparer.run(input: src, output: out, options: Self.options())
        try Self.expectLevel(out, target: -16, ceiling: -1.5, input.rawValue)

        let info = try MediaProbe.probe(path: out)
        let audio = try #require(info.audio.first)
        #expect(audio.sampleRate == 48000)
        #expect(audio.channels == input.outputChannels)
        #expect(audio.bitDepth == 16)
        #expect(audio.codec == "pcm_s16le")
        #expect(report.inputChannels == input.inputChannels)
        #expect(report.channels == input.outputChannels)
        #expect(report.sampleRate == 48000)
        #expect(report.output == out)
        #expect(report.codec == "wav")
        if input == .loudClippedSpeech {
            #expect(report.inputSampleRate == 44100)
            #expect(report.notes.contains { $0.contains("44100") }, "\(report.notes)")
        }
        if input == .surround {
            #expect(report.notes.contains { $0.contains("downmixed") }, "\(report.notes)")
        }
        // The report's own output figures agree with ffmpeg's.
        let ff = try FFmpegTool.loudness(out)
        let reported = try #require(report.outputLoudness?.integratedLUFS)
        #expect(abs(reported - ff.integrated) <= 0.2, "report \(reported) vs ffmpeg \(ff.integrated)")
    }

    /// Quiet speech with one short loud click: the gain needed for −12 LUFS pushes the click far over −2 dBTP.
    @Test func limiterEngagesOnAClick() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("click.wav").path
        try FFmpegTool.generate(["-f", "lavfi", "-i", "flite=text='\(GeneratedInput.text)':voice=slt",
                                    "-af", "aresample=48000,volume=-20dB,aeval='val(0)+if(between(t\\,1.5\\,1.503)\\,0.9*sin(2*PI*3000*t)\\,0)'",
                                    "-c:a", "pcm_s16le"], to: src)
        let before = try FFmpegTool.loudness(src)
        #expect(before.truePeak > -1, "the click is there: \(before)")
        let out = dir.appendingPathComponent("out.wav").path
        let report = try AudioPreparer.run(input: src, output: out, options: Self.options(target: -12, ceiling: -2))
        #expect(report.limiterEngaged)
        #expect(report.limiterMaxReductionDB > 10, "\(report.limiterMaxReductionDB)")
        #expect(report.notes.contains { $0.contains("limiter engaged") }, "\(report.notes)")
        try Self.expectLevel(out, target: -12, ceiling: -2, "click")
    }

    /// Peaks far under the ceiling for the first 20 s, then a loud click: pass 1 stops building the
    /// limiter's plan after ten seconds, and the plan is made afterwards from the spooled audio instead.
    @Test func limiterNeededOnlyByALateClick() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("late_click.wav").path
        try FFmpegTool.generate(["-stream_loop", "11", "-i", TestMedia.path("speech_48k.wav"),
                                 "-af", "volume=-6dB,aeval='val(0)+if(between(t\\,20\\,20.003)\\,0.95*sin(2*PI*3000*t)\\,0)'",
                                 "-c:a", "pcm_s16le"], to: src)
        let before = try FFmpegTool.loudness(src)
        #expect(before.truePeak > -1, "the click is there: \(before)")
        let out = dir.appendingPathComponent("out.wav").path
        // The input's own loudness as the target: no gain, so only the click needs the limiter.
        let target = (before.integrated * 10).rounded() / 10
        let report = try AudioPreparer.run(input: src, output: out, options: Self.options(target: target, ceiling: -2))
        #expect(report.limiterEngaged)
        #expect(report.limiterMaxReductionDB > 1, "\(report.limiterMaxReductionDB)")
        try Self.expectLevel(out, target: target, ceiling: -2, "late click")
    }

    @Test func broadcastTarget() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = try GeneratedInput.loudClippedSpeech.make(in: dir)
        let out = dir.appendingPathComponent("out.wav").path
        let report = try AudioPreparer.run(input: src, output: out, options: Self.options(target: -23))
        #expect(report.targetLUFS == -23)
        try Self.expectLevel(out, target: -23, ceiling: -1.5, "-23")
    }

    /// With no target the level is left alone: same loudness as the input.
    @Test func targetOffLeavesLevel() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = try GeneratedInput.music.make(in: dir)
        let out = dir.appendingPathComponent("out.wav").path
        let report = try AudioPreparer.run(input: src, output: out, options: Self.options(target: nil))
        #expect(report.gainDB == 0)
        let a = try FFmpegTool.loudness(src), b = try FFmpegTool.loudness(out)
        #expect(abs(a.integrated - b.integrated) <= 0.1, "in \(a) out \(b)")
    }

    // MARK: - Format

    struct FormatCase: Sendable, CustomTestStringConvertible {
        var codec: PrepareOptions.Codec
        var bits: Int
        var rate: Int
        var mono: Bool
        var testDescription: String { "\(codec.rawValue) \(bits)-bit \(rate) Hz\(mono ? " mono" : "")" }
    }

    @Test(arguments: [
        FormatCase(codec: .wav, bits: 16, rate: 48000, mono: false),
        FormatCase(codec: .wav, bits: 24, rate: 44100, mono: false),
        FormatCase(codec: .wav, bits: 16, rate: 44100, mono: true),
        FormatCase(codec: .flac, bits: 16, rate: 44100, mono: true),
        FormatCase(codec: .flac, bits: 24, rate: 48000, mono: false),
    ])
    func outputFormat(_ f: FormatCase) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = try GeneratedInput.surround.make(in: dir)
        let out = dir.appendingPathComponent("out.\(f.codec.rawValue)").path
        var o = Self.options(rate: f.rate)
        o.codec = f.codec
        o.bits = f.bits
        o.channels = f.mono ? .mono : .upToStereo
        let report = try AudioPreparer.run(input: src, output: out, options: o)
        let info = try MediaProbe.probe(path: out)
        let audio = try #require(info.audio.first)
        #expect(info.audio.count == 1)
        #expect(info.video.isEmpty)
        #expect(audio.sampleRate == f.rate)
        #expect(audio.channels == (f.mono ? 1 : 2))
        #expect(audio.bitDepth == f.bits)
        #expect(audio.codec == (f.codec == .flac ? "flac" : "pcm_s\(f.bits)le"))
        #expect(report.codec == f.codec.rawValue)
        #expect(report.bits == f.bits)
        #expect(report.sampleRate == f.rate)
        #expect(report.channels == (f.mono ? 1 : 2))
        // 6 s of input at any rate: the frame count follows the output rate.
        let frames = try #require(report.outputFrames)
        #expect(abs(frames - Int64(6 * f.rate)) <= 1, "\(frames)")
        let decoded = try FFmpegTool.decode(out)
        #expect(Int64(decoded.count / (f.mono ? 1 : 2)) == frames)
        try Self.expectLevel(out, target: -16, ceiling: -1.5, f.testDescription)
    }

    // MARK: - Duration fitting

    static let video = TestMedia.path("h264_aac.mp4")   // 2.0 s of video

    @Test func cutOffTrimsToTheVideo() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.wav").path
        var o = Self.options()
        o.fitVideoPath = Self.video
        o.fitMode = .cutOff
        let report = try AudioPreparer.run(input: TestMedia.path("speech_8s.flac"), output: out, options: o)
        let expected = Int64((2.0 * 48000).rounded())
        #expect(report.outputFrames == expected)
        #expect(report.fit?.action == .trimmed)
        #expect(report.fit?.mode == .cutOff)
        #expect(abs((report.fit?.seconds ?? 0) - 6) < 1e-6)
        let probed = try #require(try MediaProbe.probe(path: out).audio.first?.duration?.seconds)
        #expect(abs(probed - 2.0) <= 1.0 / 48000, "probed \(probed)")
        #expect(Int64(try FFmpegTool.decode(out).count) == expected)
    }

    @Test func cutOffPadsShortAudioWithSilence() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("one.wav").path
        try FFmpegTool.generate(["-f", "lavfi", "-i", "sine=f=440:d=1:r=48000", "-c:a", "pcm_s16le"], to: src)
        let out = dir.appendingPathComponent("out.wav").path
        var o = Self.options()
        o.fitVideoPath = Self.video
        o.fitMode = .cutOff
        let report = try AudioPreparer.run(input: src, output: out, options: o)
        #expect(report.outputFrames == 96000)
        #expect(report.fit?.action == .padded)
        #expect(abs((report.fit?.seconds ?? 0) - 1) < 1e-6)
        let samples = try FFmpegTool.decode(out)
        #expect(samples.count == 96000)
        guard samples.count == 96000 else { return }
        #expect(samples[0..<48000].contains { abs($0) > 0.1 }, "the tone is still there")
        #expect(samples[48000...].allSatisfy { $0 == 0 }, "the padded second is digital silence")
        let probed = try #require(try MediaProbe.probe(path: out).audio.first?.duration?.seconds)
        #expect(abs(probed - 2.0) <= 1.0 / 48000)
    }

    @Test func silenceModeKeepsLongerAudio() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = TestMedia.path("speech_8s.flac")
        let out = dir.appendingPathComponent("out.wav").path
        var o = Self.options()
        o.fitVideoPath = Self.video
        o.fitMode = .silence
        let report = try AudioPreparer.run(input: src, output: out, options: o)
        let inputFrames = try FFmpegTool.decode(src).count   // mono 48 kHz
        #expect(inputFrames == 8 * 48000)
        #expect(report.outputFrames == Int64(inputFrames))
        #expect(report.fit?.action == .unchanged)
        #expect(try FFmpegTool.decode(out).count == inputFrames)
    }

    // MARK: - Trimming

    /// Speech with 1 s of digital silence before and after: both seconds go, less the 25 ms preflight keeps
    /// on each side (so the output is 1.95 s shorter, within a 10 ms analysis window). At 44.1 kHz the sound is
    /// found at the input's rate and the cut converted to the output's.
    @Test(arguments: [48000, 44100])
    func trimSilenceRemovesLeadingAndTrailingSilence(inputRate: Int) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("padded.wav").path
        // flite's own quiet edges are cut first, so exactly 1 s of silence surrounds the speech.
        try FFmpegTool.generate(["-f", "lavfi", "-i", "flite=text='The quick brown fox jumps over the lazy dog.':voice=slt",
                                    "-af", "aresample=\(inputRate),silenceremove=start_periods=1:start_threshold=-50dB,areverse,"
                                        + "silenceremove=start_periods=1:start_threshold=-50dB,areverse,adelay=1000,apad=pad_dur=1",
                                    "-c:a", "pcm_s16le"], to: src)
        let inputSeconds = Double(try FFmpegTool.decode(src).count) / Double(inputRate)
        let out = dir.appendingPathComponent("out.wav").path
        var o = Self.options()
        o.trimSilence = true
        let report = try AudioPreparer.run(input: src, output: out, options: o)
        let outputFrames = try FFmpegTool.decode(out).count
        #expect(Int64(outputFrames) == report.outputFrames)
        #expect(abs(report.inputDuration - inputSeconds) < 1e-9)
        let shortened = inputSeconds - Double(outputFrames) / 48000
        #expect(abs(shortened - 1.95) <= 0.02, "shortened by \(shortened) s")
        #expect(abs(report.trimmedLeadingSeconds - 0.975) <= 0.011, "\(report.trimmedLeadingSeconds)")
        #expect(abs(report.trimmedTrailingSeconds - 0.975) <= 0.011, "\(report.trimmedTrailingSeconds)")
        // (Converted, the signal is whole output frames: up to one longer than the input's duration.)
        #expect(abs(report.trimmedLeadingSeconds + report.trimmedTrailingSeconds - shortened) < 1.0 / 48000 + 1e-9)
        try Self.expectLevel(out, target: -16, ceiling: -1.5, "trimmed")
    }

    /// Without the flag nothing is trimmed.
    @Test func noTrimByDefault() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = TestMedia.path("speech_48k.wav")
        let out = dir.appendingPathComponent("out.wav").path
        let report = try AudioPreparer.run(input: src, output: out, options: Self.options())
        #expect(report.outputFrames == 96000)
        #expect(report.trimmedLeadingSeconds == 0 && report.trimmedTrailingSeconds == 0)
    }

    // MARK: - Measure only

    @Test func measureOnlyWritesNothing() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = try GeneratedInput.music.make(in: dir)
        let out = dir.appendingPathComponent("out.wav").path
        var o = Self.options()
        o.measureOnly = true
        let report = try AudioPreparer.run(input: src, output: out, options: o)
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["music.wav"])
        #expect(report.output == nil)
        #expect(report.outputLoudness == nil)
        let i = try #require(report.inputLoudness.integratedLUFS)
        let ff = try FFmpegTool.loudness(src)
        #expect(abs(i - ff.integrated) <= 0.2, "preflight \(i) vs ffmpeg \(ff.integrated)")
        // Without an output path too.
        #expect(try AudioPreparer.run(input: src, output: nil, options: o).output == nil)
    }

    // MARK: - Errors (library)

    @Test func errorsCarryTheirExitCodes() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.wav").path
        #expect(throws: PrepareError.noAudioStream(path: TestMedia.path("video_only.mp4"))) {
            try AudioPreparer.run(input: TestMedia.path("video_only.mp4"), output: out, options: Self.options())
        }
        do {
            _ = try AudioPreparer.run(input: TestMedia.path("corrupt_bitstream.mp4"), output: out, options: Self.options())
            Issue.record("corrupt audio was accepted")
        } catch let e as PrepareError {
            #expect(e.exitCode.rawValue == 2, "\(e)")
        }
        #expect(throws: PrepareError.outputMissing) {
            try AudioPreparer.run(input: TestMedia.path("speech_48k.wav"), output: nil, options: Self.options())
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func byteSizes() {
        #expect(ByteSize.parse("20MB") == 20_000_000)
        #expect(ByteSize.parse("20MiB") == 20_971_520)
        #expect(ByteSize.parse("500k") == 500_000)
        #expect(ByteSize.parse("1kB") == 1000)
        #expect(ByteSize.parse("123456") == 123_456)
        #expect(ByteSize.parse("abc") == nil)
        #expect(ByteSize.parse("-5MB") == nil)
    }
}
