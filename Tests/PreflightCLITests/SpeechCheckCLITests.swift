import Foundation
import Testing
import TestMediaSupport

/// The speech analysis through `preflight check` (text and JSON): `content.speech` on real speech, speech over
/// music, music, silence and near-silence; A-SPEECH-01, A-SPEECH-02, F-DUB-02 and D-MODE-04 fire on their
/// triggering case and stay silent on clean speech; any rate and channel layout is measured alike.
@Suite struct SpeechCheckCLITests {
    static let speech = TestMedia.path("speech_real.flac")
    static let video = TestMedia.path("h264_aac.mp4")

    static func run(_ args: [String]) throws -> ProbeCLITests.Run { try ProbeCLITests.run(args) }

    static func json(_ args: [String]) throws -> (run: ProbeCLITests.Run, report: [String: Any]) {
        let r = try run(["check", "--format", "json"] + args)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        return (r, obj)
    }

    static func speechFigures(_ report: [String: Any], input: Int = 0) -> [String: Any]? {
        let inputs = report["inputs"] as? [[String: Any]] ?? []
        return (inputs[input]["content"] as? [String: Any])?["speech"] as? [String: Any]
    }

    static func findings(_ report: [String: Any], _ id: String) -> [[String: Any]] {
        (report["findings"] as? [[String: Any]] ?? []).filter { $0["ruleID"] as? String == id }
    }

    /// Files made from the fixtures with ffmpeg at test time, once per process.
    static let scratch: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-speech-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func made(_ name: String, _ args: [String]) throws -> String {
        let path = scratch.appendingPathComponent(name).path
        if !FileManager.default.fileExists(atPath: path) { try FFmpegTool.generate(args, to: path) }
        return path
    }

    @Test func cleanSpeechIsSpeechAndNoRuleFires() throws {
        let (r, report) = try Self.json(["--audio", Self.speech])
        #expect(r.status == 0, "\(r.stdout)")
        let s = try #require(Self.speechFigures(report))
        #expect(s["class"] as? String == "speech")
        #expect((s["speechRatio"] as? Double ?? 0) > 0.8)
        #expect((s["confidence"] as? Double ?? 0) > 0.5)
        #expect((s["segments"] as? [[String: Any]])?.isEmpty == false)
        for id in ["A-SPEECH-01", "A-SPEECH-02"] { #expect(Self.findings(report, id).isEmpty, "\(id) fired on clean speech") }
        let text = try Self.run(["check", "--audio", Self.speech])
        #expect(!text.stdout.contains("A-SPEECH"), "\(text.stdout)")
    }

    @Test func speechOverMusicHasSpeech() throws {
        let (_, report) = try Self.json(["--audio", TestMedia.path("speech_over_music.flac")])
        let s = try #require(Self.speechFigures(report))
        // A speech class. With Silero deciding speech (docs/CONTENT.md) every second of this 3 s mix is speech and
        // the voiced-pause test calls it plain `speech` (it was `speech-over-music` with the hand-set weights,
        // which found speech in fewer blocks): the music under speech is not reliably named (held-out 2/6).
        #expect(["speech", "speech-over-music"].contains(s["class"] as? String ?? ""))
        #expect((s["speechRatio"] as? Double ?? 0) >= 0.3)   // 0.93 measured (0.5 before Silero)
        #expect(Self.findings(report, "A-SPEECH-01").isEmpty)
    }

    struct NoSpeechCase: Sendable, CustomTestStringConvertible {
        var file: String
        var expectedClass: String
        var severity: String
        var testDescription: String { file }
    }

    @Test(arguments: [
        NoSpeechCase(file: "music_only.flac", expectedClass: "music", severity: "warning"),
        NoSpeechCase(file: "silence_digital.flac", expectedClass: "silence", severity: "error"),
        NoSpeechCase(file: "near_silence.flac", expectedClass: "near-silence", severity: "error"),
    ])
    func noSpeechFiresASpeech01(_ c: NoSpeechCase) throws {
        let path = TestMedia.path(c.file)
        let (r, report) = try Self.json(["--audio", path])
        let s = try #require(Self.speechFigures(report))
        #expect(s["class"] as? String == c.expectedClass)
        #expect(s["speechRatio"] as? Double == 0)
        let hit = try #require(Self.findings(report, "A-SPEECH-01").first)
        #expect(hit["severity"] as? String == c.severity)
        #expect((hit["measured"] as? String)?.contains("0% speech") == true)
        #expect(r.status == (c.severity == "error" ? 2 : 0))
        let text = try Self.run(["check", "--audio", path])
        #expect(text.stdout.contains("A-SPEECH-01"), "\(text.stdout)")
        #expect(text.stdout.contains(c.expectedClass))
    }

    @Test func longSilenceBeforeTheSpeechAndLongPause() throws {
        let (_, late) = try Self.json(["--audio", TestMedia.path("speech_late_start.flac")])
        let lead = try #require(Self.findings(late, "A-SPEECH-02").first)
        #expect(abs((lead["start"] as? Double ?? -1) - 0) < 0.01)
        #expect(abs((lead["end"] as? Double ?? 0) - 2.5) < 0.15, "\(lead)")
        let s = try #require(Self.speechFigures(late))
        #expect(abs((s["leadingSilence"] as? Double ?? 0) - 2.5) < 0.15)

        // Speech, 4 s of silence, speech: a long pause inside it.
        let gap = try Self.made("gap.flac", ["-i", Self.speech, "-i", Self.speech, "-filter_complex",
                                             "[0]apad=pad_dur=4[a];[a][1]concat=n=2:v=0:a=1", "-c:a", "flac"])
        let (_, report) = try Self.json(["--audio", gap])
        let hits = Self.findings(report, "A-SPEECH-02")
        let pause = try #require(hits.first { ($0["message"] as? String)?.contains("pause") == true }, "\(hits)")
        #expect((pause["start"] as? Double).map { abs($0 - 3) < 0.4 } == true, "\(pause)")
        #expect((pause["end"] as? Double).map { abs($0 - 7) < 0.4 } == true, "\(pause)")
        let text = try Self.run(["check", "--audio", gap])
        #expect(text.stdout.contains("A-SPEECH-02"))
    }

    @Test func dubbingAVideoWithoutSpeechIsAnError() throws {
        let musicVideo = try Self.made("music_video.mp4", ["-i", Self.video, "-i", TestMedia.path("music_only.flac"),
                                                            "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-t", "2"])
        let (r, report) = try Self.json(["--video", musicVideo])
        let hit = try #require(Self.findings(report, "F-DUB-02").first, "\(r.stdout.prefix(2000))")
        #expect(hit["severity"] as? String == "error")
        #expect(r.status == 2)
        #expect(Self.speechFigures(report)?["class"] as? String == "music")
        #expect(Self.findings(report, "A-SPEECH-01").isEmpty, "F-DUB-02 speaks for the video's own audio")
        let text = try Self.run(["check", "--video", musicVideo])
        #expect(text.stdout.contains("F-DUB-02"))

        // The video with its own speech: no F-DUB-02; a video with an audio input is no dubbing.
        let speechVideo = try Self.made("speech_video.mp4", ["-i", Self.video, "-i", Self.speech,
                                                             "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-t", "2"])
        let (_, clean) = try Self.json(["--video", speechVideo])
        #expect(Self.findings(clean, "F-DUB-02").isEmpty)
        #expect(Self.speechFigures(clean)?["class"] as? String == "speech")
        let (_, pair) = try Self.json(["--video", musicVideo, "--audio", Self.speech, "--sync-mode", "cut_off"])
        #expect(Self.findings(pair, "F-DUB-02").isEmpty)
    }

    @Test func cutOffDropsSpeechDecidedBySpeech() throws {
        // Speech from 2.5 s; the 2 s video cuts it all.
        let (_, report) = try Self.json(["--video", Self.video, "--audio", TestMedia.path("speech_late_start.flac"), "--sync-mode", "cut_off"])
        let hit = try #require(Self.findings(report, "D-MODE-04").first)
        #expect((hit["measured"] as? String)?.hasSuffix("s of speech") == true, "\(hit)")
        // A loud tone tail is no speech: silent with content, the loudness test with --content off.
        let tone = TestMedia.path("speech_8s.flac")
        let (_, toneReport) = try Self.json(["--video", Self.video, "--audio", tone, "--sync-mode", "cut_off"])
        #expect(Self.findings(toneReport, "D-MODE-04").isEmpty)
        let (_, off) = try Self.json(["--video", Self.video, "--audio", tone, "--sync-mode", "cut_off", "--content", "off"])
        #expect((Self.findings(off, "D-MODE-04").first?["measured"] as? String)?.hasSuffix("dBFS") == true)
    }

    @Test func contentOffMeasuresNoSpeech() throws {
        let (_, report) = try Self.json(["--audio", TestMedia.path("silence_digital.flac"), "--content", "off"])
        #expect(Self.speechFigures(report) == nil)
        #expect(Self.findings(report, "A-SPEECH-01").isEmpty)
    }

    @Test(arguments: [("8000", "1"), ("44100", "2"), ("96000", "6"), ("22050", "4")])
    func anyRateAndLayoutIsMeasured(_ rate: String, _ channels: String) throws {
        let path = try Self.made("speech_\(rate)_\(channels).wav", ["-i", Self.speech, "-ar", rate, "-ac", channels, "-c:a", "pcm_s16le"])
        let (_, report) = try Self.json(["--audio", path])
        let s = try #require(Self.speechFigures(report), "\(report["inputs"] ?? "")")
        #expect(s["class"] as? String == "speech")
        #expect((s["speechRatio"] as? Double ?? 0) > 0.8)
        #expect(abs((s["duration"] as? Double ?? 0) - 3) < 0.05)
    }
}

extension SpeechCheckCLITests {
    /// `prepare --fit-video V --sync-mode cut_off` says when its cut drops speech, and not when the tail is silent.
    @Test func prepareCutOffWarnsWhenItDropsSpeech() throws {
        func out(_ name: String) -> String { Self.scratch.appendingPathComponent(name).path }
        let r = try Self.run(["prepare", TestMedia.path("speech_late_start.flac"), "-o", out("cut1.wav"),
                              "--fit-video", Self.video, "--sync-mode", "cut_off", "--format", "json"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        let warnings = obj["warnings"] as? [String] ?? []
        #expect(warnings.contains { $0.contains("cut_off drops") && $0.contains("of speech") }, "\(warnings) \(r.stderr)")
        let dropped = (obj["fit"] as? [String: Any])?["droppedSpeech"] as? [[String: Any]] ?? []
        #expect((dropped.first?["start"] as? Double).map { $0 >= 2 && $0 < 3 } == true, "\(dropped)")
        let text = try Self.run(["prepare", TestMedia.path("speech_late_start.flac"), "-o", out("cut2.wav"),
                                 "--fit-video", Self.video, "--sync-mode", "cut_off"])
        #expect(text.stdout.contains("warning cut_off drops") || text.stderr.contains("warning cut_off drops"), "\(text.stdout)")
        // Speech that ends before the cut: nothing dropped.
        let quiet = try Self.run(["prepare", TestMedia.path("speech_48k.wav"), "-o", out("cut3.wav"),
                                  "--fit-video", TestMedia.path("video_only.mp4"), "--sync-mode", "cut_off", "--format", "json"])
        let q = try #require(try JSONSerialization.jsonObject(with: Data(quiet.stdout.utf8)) as? [String: Any], "\(quiet.stderr)")
        #expect((q["warnings"] as? [String] ?? []).isEmpty)
    }
}

extension SpeechCheckCLITests {
    /// The speech thresholds are a policy's to change like any other.
    @Test func policyRaisesTheEdgeSilenceLimit() throws {
        let policy = Self.scratch.appendingPathComponent("speech-policy.yml")
        try Data("thresholds:\n  speech.maxEdgeSilenceSeconds: 3\n".utf8).write(to: policy)
        let late = TestMedia.path("speech_late_start.flac")
        let (_, strict) = try Self.json(["--audio", late])
        #expect(!Self.findings(strict, "A-SPEECH-02").isEmpty)
        let (_, relaxed) = try Self.json(["--audio", late, "--policy", policy.path])
        #expect(Self.findings(relaxed, "A-SPEECH-02").isEmpty)
    }
}
