import Foundation
import Testing
@testable import Preflight
import TestMediaSupport

/// The ffmpeg / ffprobe CLIs as the generator of `verify`'s outputs and the oracle for where a defect sits.
enum VerifyFFmpeg {
    struct Failure: Error, Sendable, CustomStringConvertible { var message: String; var description: String { message } }

    /// Runs a tool (see `ExternalTool`).
    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let r = try ExternalTool.run(tool, args)
        return (r.status, String(decoding: r.stdout, as: UTF8.self), r.stderr)
    }

    /// `ffmpeg -y -v error ARGS`; throws (failing the test) with ffmpeg's stderr when it exits non-zero.
    static func ffmpeg(_ args: [String]) throws { try FFmpegTool.checked(["-v", "error"] + args) }

    struct PacketInfo { var stream: Int; var pts: Double; var duration: Double; var pos: Int; var size: Int }

    /// Every packet of a file with its byte position, as ffprobe sees it.
    static func packets(_ path: String) throws -> [PacketInfo] {
        try FFmpegTool.probe(path, entries: "packet=stream_index,pts_time,duration_time,pos,size").compactMap { kv in
            guard let s = kv["stream_index"].flatMap(Int.init), let t = kv["pts_time"].flatMap(Double.init),
                  let pos = kv["pos"].flatMap(Int.init), let size = kv["size"].flatMap(Int.init) else { return nil }
            return PacketInfo(stream: s, pts: t, duration: kv["duration_time"].flatMap(Double.init) ?? 0, pos: pos, size: size)
        }
    }
}

/// Media for the verify suite, generated once per test run into one temp directory.
struct VerifyFixtures: Sendable {
    struct Failure: Error, Sendable, CustomStringConvertible { var description: String }

    let dir: String
    // The submitted pair: 320x240 25 fps testsrc2, 7 s; 7 s of 48 kHz speech over pink noise.
    var video: String { path("video.mp4") }
    var audio: String { path("audio.wav") }
    /// The first 5 s of `audio` (silence mode with a shorter audio).
    var audio5: String { path("audio5.wav") }
    var clean: String { path("clean.mp4") }

    func path(_ name: String) -> String { dir + "/" + name }

    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-verify-\(UUID().uuidString)").path
    static let shared: Result<VerifyFixtures, Failure> = {
        do { return .success(try make()) } catch { return .failure(Failure(description: "\(error)")) }
    }()
    static func get() throws -> VerifyFixtures { try shared.get() }

    static let sentence = "The quick brown fox jumps over the lazy dog while the band plays a song about summer rain"
    static let encode = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
                         "-c:a", "aac", "-movflags", "+faststart"]

    /// Speech (flite) resampled to 48 kHz, padded, over quiet pink noise so the correlation peak is sharp.
    static func speech(_ text: String, voice: String, seed: Int, seconds: Double, to out: String) throws {
        try VerifyFFmpeg.ffmpeg([
            "-f", "lavfi", "-i", "flite=text='\(text)':voice=\(voice)",
            "-f", "lavfi", "-i", "anoisesrc=c=pink:a=0.03:seed=\(seed):r=48000",
            "-filter_complex", "[0:a]aresample=48000,apad[s];[s][1:a]amix=inputs=2:duration=shortest:normalize=0,atrim=0:\(seconds),asetpts=N/SR/TB[a]",
            "-map", "[a]", "-ac", "1", out,
        ])
    }

    static func testsrc(size: String, rate: String, seconds: Double, to out: String) throws {
        try VerifyFFmpeg.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=\(size):r=\(rate):d=\(seconds)",
                                 "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", out])
    }

    /// The output the API would return from `video` and `audio`, with extra options before the file name.
    static func output(video: String, audio: String, _ extra: [String] = [], to out: String) throws {
        try VerifyFFmpeg.ffmpeg(["-i", video, "-i", audio, "-map", "0:v", "-map", "1:a"] + extra + encode + [out])
    }

    static func make() throws -> VerifyFixtures {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: VerifyFixtures.directory) }
        let f = VerifyFixtures(dir: directory)
        try speech(sentence, voice: "slt", seed: 7, seconds: 7, to: f.audio)
        try testsrc(size: "320x240", rate: "25", seconds: 7, to: f.video)
        try output(video: f.video, audio: f.audio, to: f.clean)

        // Defects.
        let data = try Data(contentsOf: URL(fileURLWithPath: f.clean))
        try data.prefix(data.count * 6 / 10).write(to: URL(fileURLWithPath: f.path("truncated.mp4")))
        try VerifyFFmpeg.ffmpeg(["-i", f.clean, "-itsoffset", "0.08", "-i", f.clean, "-map", "0:v", "-map", "1:a",
                                 "-c", "copy", "-movflags", "+faststart", f.path("late80.mp4")])
        try output(video: f.video, audio: f.audio, ["-af", "atrim=start=0.08,asetpts=N/SR/TB,apad", "-t", "7"], to: f.path("early80.mp4"))
        try speech("Completely different words are spoken here by another voice about mountains and rivers", voice: "kal", seed: 99,
                   seconds: 7, to: f.path("other.wav"))
        try output(video: f.video, audio: f.path("other.wav"), to: f.path("other.mp4"))
        try VerifyFFmpeg.ffmpeg(["-i", f.video, "-an"] + encode + [f.path("noaudio.mp4")])
        try output(video: f.video, audio: f.audio, ["-t", "6"], to: f.path("short.mp4"))
        try output(video: f.video, audio: f.audio, ["-vf", "scale=160:120"], to: f.path("half.mp4"))
        // Frames 50...99 (2.00 s up to 4.00 s) all show frame 50.
        try VerifyFFmpeg.ffmpeg(["-i", f.video, "-i", f.audio, "-filter_complex",
                                 "[0:v]split[a][b];[a][b]freezeframes=first=50:last=99:replace=50[v]",
                                 "-map", "[v]", "-map", "1:a"] + encode + [f.path("freeze.mp4")])
        try output(video: f.video, audio: f.audio, ["-vf", "drawbox=c=black:t=fill:enable='between(t,3,4)'"], to: f.path("black.mp4"))
        // Frames 150...174: the last second frozen (a run still open when the file ends).
        try VerifyFFmpeg.ffmpeg(["-i", f.video, "-i", f.audio, "-filter_complex",
                                 "[0:v]split[a][b];[a][b]freezeframes=first=150:last=174:replace=150[v]",
                                 "-map", "[v]", "-map", "1:a"] + encode + [f.path("freeze_end.mp4")])
        try output(video: f.video, audio: f.audio, ["-af", "volume=-10dB"], to: f.path("quiet.mp4"))
        try corrupt(f.clean, to: f.path("corrupt.mp4"))
        try VerifyFFmpeg.ffmpeg(["-i", f.audio, "-t", "5", f.audio5])
        // Silence mode, audio 5 s, video 7 s, but the output carries 7 s of sound.
        try output(video: f.video, audio: f.audio, to: f.path("silence_loud.mp4"))
        try output(video: f.video, audio: f.audio5, ["-af", "apad", "-t", "7"], to: f.path("silence_ok.mp4"))
        // A non-faststart MP4 cut short loses its moov: it cannot be opened at all.
        try VerifyFFmpeg.ffmpeg(["-i", f.video, "-i", f.audio, "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", f.path("moov_end.mp4")])
        let plain = try Data(contentsOf: URL(fileURLWithPath: f.path("moov_end.mp4")))
        try plain.prefix(plain.count * 6 / 10).write(to: URL(fileURLWithPath: f.path("moov_end_truncated.mp4")))

        // Clean outputs for other rates, sizes and modes.
        try speech("One two three four five six seven eight nine ten", voice: "slt", seed: 11, seconds: 6, to: f.path("a6.wav"))
        try speech("Bouncing video makes the picture go back and forth", voice: "awb", seed: 13, seconds: 7, to: f.path("a7.wav"))
        try testsrc(size: "640x360", rate: "30", seconds: 8, to: f.path("v640_30.mp4"))
        try output(video: f.path("v640_30.mp4"), audio: f.path("a6.wav"), ["-t", "6"], to: f.path("ok_cut_longvideo.mp4"))
        try testsrc(size: "360x640", rate: "24", seconds: 8, to: f.path("v360x640_24.mp4"))
        try output(video: f.path("v360x640_24.mp4"), audio: f.path("a6.wav"), ["-af", "apad", "-t", "8"], to: f.path("ok_silence.mp4"))
        try testsrc(size: "320x240", rate: "30000/1001", seconds: 6, to: f.path("v2997.mp4"))
        // A real bounce: the 6 s video forward, then its last second backward (verify compares the pictures, Q-REGION-01).
        try VerifyFFmpeg.ffmpeg(["-i", f.path("v2997.mp4"), "-i", f.path("a7.wav"), "-filter_complex",
                                 "[0:v]split[a][b];[b]reverse,trim=end_frame=30[r];[a][r]concat=n=2:v=1:a=0[v]",
                                 "-map", "[v]", "-map", "1:a"] + encode + [f.path("ok_bounce.mp4")])
        try testsrc(size: "640x360", rate: "25", seconds: 8, to: f.path("v640_25.mp4"))
        try VerifyFFmpeg.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=6", "-i", f.path("a6.wav"),
                                 "-map", "0:v", "-map", "1:a"] + encode + [f.path("ok_remap.mp4")])
        return f
    }

    /// Byte range overwritten in the middle of the mdat by `corrupt`.
    static let corruptLength = 4096

    /// Top-level MP4 boxes: (type, offset, size).
    static func boxes(_ data: Data) -> [(type: String, offset: Int, size: Int)] {
        var out: [(String, Int, Int)] = []
        var i = 0
        let bytes = [UInt8](data)
        while i + 8 <= bytes.count {
            var size = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            if size == 1, i + 16 <= bytes.count { size = bytes[(i + 8)..<(i + 16)].reduce(0) { $0 << 8 | Int($1) } }
            if size == 0 { size = bytes.count - i }
            guard size >= 8 else { break }
            out.append((type, i, size))
            i += size
        }
        return out
    }

    /// Where the middle of the mdat payload of `path` is.
    static func mdatMiddle(_ path: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let mdat = boxes(data).first(where: { $0.type == "mdat" }) else { throw Failure(description: "\(path): no mdat") }
        return mdat.offset + mdat.size / 2
    }

    /// Copies `source` and overwrites `corruptLength` bytes in the middle of its mdat with a fixed pattern (header kept).
    static func corrupt(_ source: String, to out: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: out)
        let at = try mdatMiddle(source)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        defer { try? h.close() }
        try h.seek(toOffset: UInt64(at))
        let pattern: [UInt8] = [0xA5, 0x5A, 0xFF, 0x00]
        try h.write(contentsOf: Data((0..<corruptLength).map { pattern[$0 % 4] }))
    }
}

/// `verify` on generated outputs with one injected defect each, clean outputs across rates, sizes and
/// modes (no false positives), and `--quick`.
@Suite struct VerifyDefectTests {
    let f: VerifyFixtures
    init() throws { f = try VerifyFixtures.get() }

    /// Runs verify and prints how long it took (the suite's timing record).
    func verify(_ output: String, video: String? = nil, audio: String? = nil, mode: SyncMode? = .cutOff,
                quick: Bool = false, expectedDuration: Double? = nil, profile: Profile = .sync) -> VerifyReport {
        let clock = ContinuousClock()
        var report: VerifyReport!
        let took = clock.measure {
            report = OutputVerifier.run(VerifyRequest(outputPath: output, videoPath: video ?? f.video, audioPath: audio ?? f.audio,
                                                      syncMode: mode, expectedDuration: expectedDuration, quick: quick),
                                         profile: profile)
        }
        let name = URL(fileURLWithPath: output).lastPathComponent
        print("verify\(quick ? " --quick" : "") \(name): \(took) → \(report.verdict.rawValue) "
              + report.findings.map { "\($0.ruleID)(\($0.severity.rawValue))" }.joined(separator: " "))
        return report
    }

    func describe(_ findings: [Finding]) -> String {
        findings.map { "\($0.ruleID) \($0.severity.rawValue) [\($0.start.map { String($0) } ?? "-")…\($0.end.map { String($0) } ?? "-")] \($0.message)" }
            .joined(separator: "\n")
    }

    func near(_ value: Double?, _ expected: Double, within tolerance: Double = 0.1) -> Bool {
        guard let value else { return false }
        return abs(value - expected) <= tolerance
    }

    // MARK: - Defects

    @Test func truncatedFaststartFileIsAnIntegrityErrorAtWhereTheDataEnds() throws {
        let cut = try Data(contentsOf: URL(fileURLWithPath: f.clean)).count * 6 / 10
        // Oracle: the end of the last video packet wholly inside the bytes that were kept.
        let kept = try VerifyFFmpeg.packets(f.clean).filter { $0.stream == 0 && $0.pos + $0.size <= cut }
        let dataEnd = try #require(kept.map { $0.pts + $0.duration }.max())

        let r = verify(f.path("truncated.mp4"))
        let hits = r.findings.filter { $0.ruleID == "Q-INT-01" }
        #expect(!hits.isEmpty, "\(describe(r.findings))")
        #expect(hits.allSatisfy { $0.severity == .error })
        #expect(hits.contains { near($0.start, dataEnd) }, "data ends at \(dataEnd) s: \(describe(hits))")
        #expect(r.verdict == .errors)
        #expect(r.exitCode(strict: false) == .errors)
    }

    @Test func truncatedFileWithoutItsIndexCannotBeOpenedAndIsDefective() throws {
        let r = verify(f.path("moov_end_truncated.mp4"))
        let hit = try #require(r.findings.first { $0.ruleID == "Q-INT-01" }, "\(describe(r.findings))")
        #expect(hit.severity == .error)
        #expect(hit.message.contains("cannot be opened"))
        #expect(r.exitCode(strict: false) == .errors)
        #expect(r.inputs.allSatisfy { $0.error == nil })
    }

    @Test(arguments: [("late80.mp4", 80.0), ("early80.mp4", -80.0)])
    func shiftedAudioIsOutOfSync(_ name: String, _ shiftMs: Double) throws {
        let r = verify(f.path(name))
        let hit = try #require(r.findings.first { $0.ruleID == "Q-SYNC-01" }, "\(describe(r.findings))")
        #expect(hit.severity == .error)
        let offset = try #require(r.measurements.audioOffsetMs)
        print("\(name): audioOffsetMs = \(offset), similarity = \(r.measurements.audioSimilarity ?? -1)")
        #expect(abs(offset - shiftMs) <= 10, "measured \(offset) ms for a \(shiftMs) ms shift")
        #expect(hit.measured == String(format: "%+.0f ms", offset))
        #expect(!r.findings.contains { $0.ruleID == "Q-MATCH-01" })
        #expect(r.exitCode(strict: false) == .errors)
    }

    @Test func otherSpeechIsNotTheSubmittedAudio() throws {
        let r = verify(f.path("other.mp4"))
        let hit = try #require(r.findings.first { $0.ruleID == "Q-MATCH-01" }, "\(describe(r.findings))")
        #expect(hit.severity == .error)
        #expect(try #require(r.measurements.audioSimilarity) < 0.5)
        // An offset against unrelated audio means nothing: no sync or level finding on top.
        #expect(!r.findings.contains { $0.ruleID == "Q-SYNC-01" || $0.ruleID == "Q-LEVEL-01" }, "\(describe(r.findings))")
    }

    @Test func missingAudioStream() throws {
        let r = verify(f.path("noaudio.mp4"))
        let hit = try #require(r.findings.first { $0.ruleID == "Q-AUD-01" }, "\(describe(r.findings))")
        #expect(hit.severity == .error)
        #expect(r.measurements.audioOffsetMs == nil)
        #expect(r.exitCode(strict: false) == .errors)
    }

    @Test func oneSecondShortForCutOff() throws {
        let r = verify(f.path("short.mp4"))
        let hit = try #require(r.findings.first { $0.ruleID == "Q-DUR-01" }, "\(describe(r.findings))")
        #expect(hit.severity == .error)
        #expect(near(hit.start, 6.0), "\(describe([hit]))")
        #expect(near(hit.end, 7.0), "\(describe([hit]))")
        #expect(r.expectedDuration.map { abs($0 - 7) < 0.01 } == true)
        // The shortfall is the only defect.
        #expect(r.findings.filter { $0.severity != .info }.map(\.ruleID) == ["Q-DUR-01"], "\(describe(r.findings))")
    }

    /// A policy changes a Q-* rule like a check rule: Q-DUR-01 lowered to a warning no longer fails the output,
    /// and turned off it is not evaluated at all.
    @Test func policyLowersOrTurnsOffAQRule() throws {
        let lowered = try Policy.parse("rules:\n  Q-DUR-01: warning\n").apply(to: .sync)
        let r = verify(f.path("short.mp4"), profile: lowered)
        let hit = try #require(r.findings.first { $0.ruleID == "Q-DUR-01" }, "\(describe(r.findings))")
        #expect(hit.severity == .warning)
        #expect(r.verdict == .warnings)
        #expect(r.exitCode(strict: false) == .ok)
        #expect(r.exitCode(strict: true) == .warnings)
        #expect(r.evaluations.first { $0.ruleID == "Q-DUR-01" }?.failedWith == .warning)

        let off = try Policy.parse("rules:\n  Q-DUR-01: off\n").apply(to: .sync)
        let quiet = verify(f.path("short.mp4"), profile: off)
        #expect(!quiet.findings.contains { $0.ruleID == "Q-DUR-01" }, "\(describe(quiet.findings))")
        #expect(!quiet.evaluations.contains { $0.ruleID == "Q-DUR-01" })
        #expect(quiet.exitCode(strict: false) == .ok)
    }

    /// An output that cannot be opened is judged by the policy's Q-INT-01 too.
    @Test func policyChangesTheUnopenedOutputsIntegrityFinding() throws {
        let lowered = try Policy.parse("rules:\n  Q-INT-01: {severity: warning}\n").apply(to: .wav2lip)
        let r = verify(f.path("moov_end_truncated.mp4"), profile: lowered)
        let hit = try #require(r.findings.first { $0.ruleID == "Q-INT-01" }, "\(describe(r.findings))")
        #expect(hit.severity == .warning)
        #expect(r.profile == "wav2lip")
        #expect(r.exitCode(strict: false) == .ok)
    }

    @Test func shortOutputAgainstExpectedDuration() throws {
        // Without a mode, --expected-duration alone catches it (warning).
        let r = verify(f.path("short.mp4"), mode: nil, expectedDuration: 7.0)
        #expect(r.findings.map(\.ruleID) == ["Q-DUR-02"], "\(describe(r.findings))")
        #expect(r.findings.first?.severity == .warning)
    }

    @Test func halvedResolutionIsAWarning() throws {
        let r = verify(f.path("half.mp4"))
        let nonInfo = r.findings.filter { $0.severity != .info }
        #expect(nonInfo.map(\.ruleID) == ["Q-RES-01"], "\(describe(r.findings))")
        #expect(nonInfo.first?.severity == .warning)
        #expect(nonInfo.first?.measured == "160x120")
        #expect(r.exitCode(strict: false) == .ok)
        #expect(r.exitCode(strict: true) == .warnings)
    }

    @Test func twoSecondFreeze() throws {
        let r = verify(f.path("freeze.mp4"))
        let hits = r.findings.filter { $0.ruleID == "Q-FREEZE-01" }
        #expect(hits.count == 1, "\(describe(r.findings))")
        let hit = try #require(hits.first)
        #expect(hit.severity == .warning)
        #expect(near(hit.start, 2.0) && near(hit.end, 4.0), "\(describe([hit]))")
        #expect(r.measurements.frozenRuns.count == 1)
        #expect(!r.findings.contains { $0.ruleID == "Q-BLACK-01" })
    }

    @Test func frozenLastSecondIsClosedAtTheEnd() throws {
        let r = verify(f.path("freeze_end.mp4"))
        let hit = try #require(r.findings.first { $0.ruleID == "Q-FREEZE-01" }, "\(describe(r.findings))")
        #expect(near(hit.start, 6.0) && near(hit.end, 7.0), "\(describe([hit]))")
    }

    @Test func tenDecibelsQuieterIsALevelWarning() throws {
        let r = verify(f.path("quiet.mp4"))
        #expect(r.findings.filter { $0.severity != .info }.map(\.ruleID) == ["Q-LEVEL-01"], "\(describe(r.findings))")
        #expect(r.findings.first?.severity == .warning)
        #expect(r.measurements.audioLevelChangeDB.map { abs($0 + 10) < 0.5 } == true, "\(String(describing: r.measurements.audioLevelChangeDB))")
    }

    @Test func oneSecondBlack() throws {
        let r = verify(f.path("black.mp4"))
        let hits = r.findings.filter { $0.ruleID == "Q-BLACK-01" }
        #expect(hits.count == 1, "\(describe(r.findings))")
        let hit = try #require(hits.first)
        #expect(hit.severity == .warning)
        #expect(near(hit.start, 3.0) && near(hit.end, 4.0), "\(describe([hit]))")
        // A black run is not also a frozen run.
        #expect(!r.findings.contains { $0.ruleID == "Q-FREEZE-01" }, "\(describe(r.findings))")
    }

    @Test func corruptPacketsInTheMiddle() throws {
        let at = try VerifyFixtures.mdatMiddle(f.clean)
        // Oracle: the earliest packet that overlaps the overwritten bytes.
        let hit = try VerifyFFmpeg.packets(f.clean).filter { $0.pos < at + VerifyFixtures.corruptLength && $0.pos + $0.size > at }
        let firstDamaged = try #require(hit.map(\.pts).min())

        let r = verify(f.path("corrupt.mp4"))
        let ints = r.findings.filter { $0.ruleID == "Q-INT-01" }
        #expect(!ints.isEmpty, "\(describe(r.findings))")
        #expect(ints.allSatisfy { $0.severity == .error })
        let located = ints.compactMap(\.start)
        #expect(located.contains { abs($0 - firstDamaged) <= 0.1 }, "damage starts at \(firstDamaged) s: \(describe(ints))")
        #expect(r.measurements.decodeErrors > 0)
        #expect(r.measurements.firstDecodeErrorAt.map { abs($0 - firstDamaged) <= 0.1 } == true)
        #expect(r.exitCode(strict: false) == .errors)
    }

    @Test func silenceModeWithSoundInTheTail() throws {
        let r = verify(f.path("silence_loud.mp4"), audio: f.audio5, mode: .silence)
        let hit = try #require(r.findings.first { $0.ruleID == "Q-SIL-01" }, "\(describe(r.findings))")
        #expect(hit.severity == .warning)
        #expect(near(hit.start, 5.0) && near(hit.end, 7.0), "\(describe([hit]))")
        #expect(r.findings.filter { $0.severity != .info }.map(\.ruleID) == ["Q-SIL-01"], "\(describe(r.findings))")
    }

    // MARK: - No false positives

    struct CleanCase: Sendable, CustomTestStringConvertible {
        var output: String, video: String, audio: String, mode: SyncMode, expected: Double, label: String
        var testDescription: String { label }
    }

    static let cleanCases: [CleanCase] = [
        CleanCase(output: "clean.mp4", video: "video.mp4", audio: "audio.wav", mode: .cutOff, expected: 7,
                  label: "cut_off, equal lengths, 320x240 25 fps"),
        CleanCase(output: "ok_cut_longvideo.mp4", video: "v640_30.mp4", audio: "a6.wav", mode: .cutOff, expected: 6,
                  label: "cut_off, video 8 s audio 6 s, 640x360 30 fps"),
        CleanCase(output: "ok_silence.mp4", video: "v360x640_24.mp4", audio: "a6.wav", mode: .silence, expected: 8,
                  label: "silence, video 8 s audio 6 s, 360x640 portrait 24 fps"),
        CleanCase(output: "ok_bounce.mp4", video: "v2997.mp4", audio: "a7.wav", mode: .bounce, expected: 7,
                  label: "bounce, video 6 s audio 7 s, 320x240 29.97 fps"),
        CleanCase(output: "ok_remap.mp4", video: "v640_25.mp4", audio: "a6.wav", mode: .remap, expected: 6,
                  label: "remap, video 8 s audio 6 s, 640x360 25 fps"),
        CleanCase(output: "ok_remap.mp4", video: "v640_25.mp4", audio: "a6.wav", mode: .loop, expected: 6,
                  label: "loop, video 8 s audio 6 s, 640x360 25 fps"),
        CleanCase(output: "silence_ok.mp4", video: "video.mp4", audio: "audio5.wav", mode: .silence, expected: 7,
                  label: "silence, video 7 s audio 5 s, silent tail"),
    ]

    @Test(arguments: cleanCases)
    func cleanOutputHasNoFindings(_ c: CleanCase) throws {
        let r = verify(f.path(c.output), video: f.path(c.video), audio: f.path(c.audio), mode: c.mode)
        let bad = r.findings.filter { $0.severity != .info }
        #expect(bad.isEmpty, "\(c.label):\n\(describe(bad))")
        #expect(r.verdict == .pass)
        #expect(r.exitCode(strict: true) == .ok)
        #expect(r.expectedDuration.map { abs($0 - c.expected) < 0.01 } == true, "expected \(String(describing: r.expectedDuration))")
        #expect(r.measurements.decodeErrors == 0)
        #expect(r.measurements.audioOffsetMs.map { abs($0) < 5 } == true, "offset \(String(describing: r.measurements.audioOffsetMs))")
        #expect(r.measurements.audioSimilarity.map { $0 > 0.9 } == true)
        #expect(r.measurements.frozenRuns.isEmpty && r.measurements.blackRuns.isEmpty)
    }

    // MARK: - --quick

    @Test func quickPassesCleanOutputAndSamplesKeyframes() throws {
        let r = verify(f.clean, quick: true)
        #expect(r.mode == .quick)
        #expect(r.findings.filter { $0.severity != .info }.isEmpty, "\(describe(r.findings))")
        #expect(try #require(r.measurements.sampledKeyframes) > 0)
        #expect(r.exitCode(strict: true) == .ok)
    }

    @Test func quickFailsTruncatedOutput() throws {
        let r = verify(f.path("truncated.mp4"), quick: true)
        let hits = r.findings.filter { $0.ruleID == "Q-INT-01" }
        #expect(!hits.isEmpty, "\(describe(r.findings))")
        #expect(hits.allSatisfy { $0.severity == .error })
        #expect(r.exitCode(strict: false) == .errors)
    }

    @Test func quickFailsMissingAudio() throws {
        let r = verify(f.path("noaudio.mp4"), quick: true)
        #expect(r.findings.first { $0.ruleID == "Q-AUD-01" }?.severity == .error, "\(describe(r.findings))")
        #expect(r.exitCode(strict: false) == .errors)
    }
}
