import Foundation
import Testing
import TestMediaSupport

/// `check --text`: the script is counted as the API counts it (Unicode code points), limited at the contract's
/// 5000 with a message that says so, and its estimated speech is compared with the video (issue 10, item 10).
@Suite struct TextInputCLITests {
    static let video = TestMedia.path("h264_aac.mp4")   // 2.00 s

    /// Runs check on a script written to a temporary file.
    static func check(_ script: String, _ extra: [String] = []) throws -> ProbeCLITests.Run {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("script.txt")
        try Data(script.utf8).write(to: path)
        return try ProbeCLITests.run(["check", "--video", video, "--text", path.path, "--sync-mode", "cut_off"] + extra)
    }

    static func findings(_ r: ProbeCLITests.Run, _ id: String) throws -> [[String: Any]] {
        CheckCLITests.findings(try CheckCLITests.json(r)).filter { $0["ruleID"] as? String == id }
    }

    /// 2,600 thumbs-up with a skin tone are 2,600 characters to a reader but 5,200 code points: over the limit.
    @Test func emojiWithSkinTonesAreCountedAsCodePoints() throws {
        let r = try Self.check(String(repeating: "👍🏽", count: 2600), ["--format", "json"])
        #expect(r.status == 2, "\(r.stderr)")
        let hit = try #require(try Self.findings(r, "T-TXT-01").first)
        #expect(hit["severity"] as? String == "error")
        #expect(hit["measured"] as? String == "5200 characters")
        #expect((hit["message"] as? String)?.contains("2600 as a reader counts them") == true, "\(hit)")
        let text = try CheckCLITests.json(r)["inputs"] as? [[String: Any]] ?? []
        let script = try #require(text.first { $0["role"] as? String == "text" }?["script"] as? [String: Any])
        #expect(script["characters"] as? Int == 5200 && script["graphemeClusters"] as? Int == 2600 && script["utf16CodeUnits"] as? Int == 10400)
    }

    /// The contract's range is 1–5000: 5000 passes, 5001 fails, and the message says "at most 5000".
    @Test func limitAndMessageAgree() throws {
        let words = String(repeating: "word ", count: 1200)   // 6000 characters of ordinary text
        let at = try Self.check(String(words.prefix(4999)) + ".", ["--format", "json"])
        #expect(try Self.findings(at, "T-TXT-01").isEmpty, "5000 characters must pass")
        let over = try Self.check(String(words.prefix(5000)) + ".", ["--format", "json"])
        #expect(over.status == 2)
        let hit = try #require(try Self.findings(over, "T-TXT-01").first)
        let message = hit["message"] as? String ?? ""
        #expect(message.contains("5001 characters") && message.contains("at most 5000"), "\(message)")
        #expect(!message.contains("fewer than"), "\(message)")
        #expect(hit["limit"] as? String == "≤ 5000")
    }

    /// Within 5000 code points but over 5000 UTF-16 units (what JavaScript's String.length counts): a warning.
    @Test func utf16OverTheLimitIsAWarning() throws {
        let r = try Self.check(String(repeating: "😀", count: 2600), ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let hit = try #require(try Self.findings(r, "T-TXT-01").first)
        #expect(hit["severity"] as? String == "warning")
        #expect((hit["message"] as? String)?.contains("5200 UTF-16 code units") == true, "\(hit)")
    }

    /// The script's estimated speech against the 2 s video: about 30 s of speech is reported with the numbers,
    /// about 2 s is not; the text report shows the count and the estimate.
    @Test func estimatedSpeechAgainstTheVideo() throws {
        let long = String(repeating: "This sentence is read aloud. ", count: 17)   // 493 characters, ~29.5 s
        let r = try Self.check(long, ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let hit = try #require(try Self.findings(r, "T-TXT-02").first)
        #expect(hit["severity"] as? String == "warning")
        let message = hit["message"] as? String ?? ""
        #expect(message.contains("492 characters") && message.contains("29.5 s of speech") && message.contains("2.00 s video"), "\(message)")
        let short = try Self.check("Hello there, how are you?", ["--format", "json"])   // 25 characters, ~1.5 s
        #expect(try Self.findings(short, "T-TXT-02").isEmpty)
        let text = try Self.check(long)
        #expect(text.stdout.contains("492 characters (code points), 85 words, ~29.5 s of speech"), "\(text.stdout)")
        #expect(text.stdout.contains("T-TXT-02"))
    }
}
