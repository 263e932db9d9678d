import Foundation
import Testing
import TestMediaSupport

/// `check --dub-target-lang` (issue 11 item 4): the dubbing flow is checked (one video with audio, no audio or
/// text input, language codes) and `--emit-request` writes `dubParams` and no audio input.
@Suite struct DubbingCLITests {
    static let video = TestMedia.path("h264_aac.mp4")
    static let audio = TestMedia.path("speech_48k.wav")

    static func run(_ args: [String]) throws -> ProbeCLITests.Run { try ProbeCLITests.run(args) }

    static func findings(_ r: ProbeCLITests.Run, _ id: String) throws -> [[String: Any]] {
        CheckCLITests.findings(try CheckCLITests.json(r)).filter { $0["ruleID"] as? String == id }
    }

    @Test func cleanDubbingWritesDubParamsAndOnlyTheVideo() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("dub.json")
        let r = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "es", "--emit-request", target.path,
                              "--video-url", "https://cdn.example.com/clip.mp4", "--format", "json"])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let report = try CheckCLITests.json(r)
        let ids = CheckCLITests.findings(report).compactMap { $0["ruleID"] as? String }
        #expect(!ids.contains { $0.hasPrefix("F-DUB") }, "\(ids)")
        let evaluated = (report["evaluations"] as? [[String: Any]] ?? []).compactMap { $0["ruleID"] as? String }
        #expect(evaluated.contains("F-DUB-03") && evaluated.contains("F-DUB-04") && evaluated.contains("F-DUB-01"))
        let reported = try #require(report["dubParams"] as? [String: Any])
        #expect(reported["targetLang"] as? String == "es" && reported["sourceLang"] as? String == "auto")

        let raw = try Data(contentsOf: target)
        let body = try #require(try JSONSerialization.jsonObject(with: raw) as? [String: Any])
        #expect(Set(body.keys) == ["model", "input", "dubParams"], "\(body.keys)")
        let dub = try #require(body["dubParams"] as? [String: Any])
        #expect(dub["providerName"] as? String == "elevenlabs")
        #expect(dub["targetLang"] as? String == "es")
        #expect(dub["sourceLang"] as? String == "auto")
        #expect(dub["numSpeakers"] as? Int == 0)
        let input = try #require(body["input"] as? [[String: Any]])
        #expect(input.count == 1)
        #expect(input[0]["type"] as? String == "video" && input[0]["url"] as? String == "https://cdn.example.com/clip.mp4")
        // Round trip: what was written re-encodes to the same JSON.
        let again = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: raw), options: [.sortedKeys])
        let once = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        #expect(again == once)

        let t = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "pt-BR", "--dub-source-lang", "en", "--dub-speakers", "1"])
        #expect(t.status == 0, "\(t.stdout)")
        #expect(t.stdout.contains("dubbing: the video's own speech, en → pt-BR (elevenlabs, 1 speaker(s)): dubParams, no audio input"), "\(t.stdout)")
    }

    @Test func sourceLangAndSpeakersReachTheBody() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("dub.json")
        let r = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "ja", "--dub-source-lang", "en",
                              "--dub-speakers", "2", "--sync-mode", "cut_off", "--emit-request", target.path])
        #expect(r.status == 0, "\(r.stdout)\n\(r.stderr)")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: target)) as? [String: Any])
        let dub = try #require(body["dubParams"] as? [String: Any])
        #expect(dub["targetLang"] as? String == "ja" && dub["sourceLang"] as? String == "en" && dub["numSpeakers"] as? Int == 2)
        #expect((body["options"] as? [String: Any])?["sync_mode"] as? String == "cut_off")
    }

    @Test func anAudioOrTextInputWithDubbingIsF_DUB_03() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("dub.json")
        let r = try Self.run(["check", "--video", Self.video, "--audio", Self.audio, "--dub-target-lang", "fr",
                              "--emit-request", target.path, "--format", "json"])
        #expect(r.status == 2, "\(r.stdout)")
        let hit = try #require(try Self.findings(r, "F-DUB-03").first)
        #expect(hit["severity"] as? String == "error")
        #expect((hit["message"] as? String ?? "").contains("generation_input_dub_audio_conflict"))
        #expect(hit["measured"] as? String == "1 --audio input(s)")
        #expect(!FileManager.default.fileExists(atPath: target.path), "withheld: the API would refuse it")
        // Written anyway, the body still leaves the audio out.
        let a = try Self.run(["check", "--video", Self.video, "--audio", Self.audio, "--dub-target-lang", "fr",
                              "--emit-request", target.path, "--emit-request-anyway"])
        #expect(a.status == 2)
        let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: target)) as? [String: Any])
        #expect((body["input"] as? [[String: Any]])?.map { $0["type"] as? String } == ["video"])

        let script = dir.appendingPathComponent("script.txt")
        try "Hola a todos.".write(to: script, atomically: true, encoding: .utf8)
        let t = try Self.run(["check", "--video", Self.video, "--text", script.path, "--dub-target-lang", "fr"])
        #expect(t.status == 2)
        #expect(t.stdout.contains("F-DUB-03") && t.stdout.contains("a --text script"), "\(t.stdout)")
        // An image is no video to dub.
        let i = try Self.run(["check", "--image", TestMedia.path("still_320x240.png"), "--dub-target-lang", "fr", "--model", "sync-3"])
        #expect(i.status == 2)
        #expect(i.stdout.contains("F-DUB-03") && i.stdout.contains("an image has none"), "\(i.stdout)")
    }

    @Test func languageCodesAreChecked() throws {
        let bad = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "spanish", "--format", "json"])
        #expect(bad.status == 2)
        let hit = try #require(try Self.findings(bad, "F-DUB-04").first)
        #expect(hit["severity"] as? String == "error")
        #expect((hit["message"] as? String ?? "").contains("'spanish' is not a language code"))
        #expect((hit["limit"] as? String ?? "").contains("32 known codes"))

        let auto = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "auto"])
        #expect(auto.status == 2 && auto.stdout.contains("targetLang is 'auto'"), "\(auto.stdout)")

        // Well formed but not among the 32: a warning (Dubbing v2 names 90+ languages).
        let unlisted = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "sw", "--format", "json"])
        #expect(unlisted.status == 0)
        #expect(try Self.findings(unlisted, "F-DUB-04").first?["severity"] as? String == "warning")
        let strict = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "sw", "--strict"])
        #expect(strict.status == 1)

        let source = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "es", "--dub-source-lang", "en_US"])
        #expect(source.status == 2 && source.stdout.contains("sourceLang 'en_US' is not a language code"), "\(source.stdout)")
        let same = try Self.run(["check", "--video", Self.video, "--dub-target-lang", "es-MX", "--dub-source-lang", "es", "--format", "json"])
        #expect(same.status == 0)
        #expect((try Self.findings(same, "F-DUB-04").first?["message"] as? String ?? "").contains("already spoken"))
    }

    @Test func dubbingAVideoWithoutAudioIsF_DUB_01() throws {
        let r = try Self.run(["check", "--video", TestMedia.path("video_only.mp4"), "--dub-target-lang", "de", "--format", "json"])
        #expect(r.status == 2)
        #expect(try Self.findings(r, "F-DUB-01").count == 1)
    }

    @Test func noDubbingRuleFiresWithoutDubbing() throws {
        let r = try Self.run(["check", "--video", Self.video, "--audio", Self.audio, "--format", "json"])
        #expect(r.status == 0)
        let report = try CheckCLITests.json(r)
        #expect(report["dubParams"] == nil)
        #expect(!CheckCLITests.findings(report).contains { ($0["ruleID"] as? String ?? "").hasPrefix("F-DUB") })
    }

    @Test func usageErrors() throws {
        for args in [["--dub-source-lang", "en"], ["--dub-speakers", "2"], ["--dub-target-lang", "es", "--dub-speakers", "-1"]] {
            let r = try Self.run(["check", "--video", Self.video] + args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("--dub-"), "\(r.stderr)")
        }
    }
}
