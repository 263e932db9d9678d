import Foundation
import Testing
import TestMediaSupport

/// `check --emit-request` writes a body only for a check the API would accept (or with --emit-request-anyway),
/// names every placeholder left in it, takes only https:// URLs, and its report's exit code says whether the
/// body was written (issue 10, items 7 and 13).
@Suite struct EmitRequestCLITests {
    static let video = TestMedia.path("h264_aac.mp4")
    static let audio = TestMedia.path("speech_48k.wav")

    static func run(_ args: [String], fileSizeLimitKB: Int? = nil) throws -> ProbeCLITests.Run {
        try ProbeCLITests.run(args, fileSizeLimitKB: fileSizeLimitKB)
    }

    static func body(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func ruleIDs(_ r: ProbeCLITests.Run) throws -> [String] {
        CheckCLITests.findings(try CheckCLITests.json(r)).compactMap { $0["ruleID"] as? String }
    }

    // MARK: - Item 7: no body for a check with errors

    @Test func noBodyWhenTheCheckFindsErrors() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        for format in ["text", "json"] {
            let r = try Self.run(["check", "--video", TestMedia.path("video_only.mp4"), "--emit-request", target.path, "--format", format])
            #expect(r.status == 2, "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target.path), "a body was written for a check with errors")
            #expect(!r.stderr.contains("wrote"), "\(r.stderr)")
            #expect(r.stderr.contains("\(target.path) was NOT written"), "\(r.stderr)")
            #expect(r.stderr.contains("F-DUB-01") && r.stderr.contains("--emit-request-anyway"), "\(r.stderr)")
            if format == "json" {
                let status = try #require(try CheckCLITests.json(r)["requestBody"] as? [String: Any])
                #expect(status["outcome"] as? String == "withheld")
            } else {
                #expect(r.stdout.contains("request body: not written"), "\(r.stdout)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        // An unreadable input withholds it too.
        let u = try Self.run(["check", "--video", Self.video, "--audio", TestMedia.path("empty.mp4"), "--emit-request", target.path])
        #expect(u.status == 3)
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(u.stderr.contains("could not be read"), "\(u.stderr)")
    }

    @Test func anywayWritesTheBodyAndKeepsTheVerdict() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        let r = try Self.run(["check", "--video", TestMedia.path("video_only.mp4"), "--emit-request", target.path, "--emit-request-anyway"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("wrote the /v2/generate request body to \(target.path)"), "\(r.stderr)")
        #expect(try Self.body(target)["model"] as? String == "lipsync-2")
    }

    // MARK: - Item 7: placeholders are named

    @Test func everyPlaceholderIsNamedWithWhatReplacesIt() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let segments = try CheckCLITests.twoSegments(in: dir)
        let target = dir.appendingPathComponent("request.json")
        // No URL at all: both placeholders named.
        let none = try Self.run(CheckCLITests.cleanArgs + ["--sync-mode", "cut_off", "--emit-request", target.path])
        #expect(none.status == 0, "\(none.stderr)")
        let warnings = none.stderr.split(separator: "\n").filter { $0.contains("not ready to submit") }
        #expect(warnings.count == 2, "\(none.stderr)")
        #expect(warnings.contains { $0.contains("input[0].url") && $0.contains("--video-url") && $0.contains(Self.video) })
        #expect(warnings.contains { $0.contains("input[1].url") && $0.contains("--audio-url") && $0.contains(Self.audio) })
        #expect(none.stdout.contains("2 placeholder(s) to replace"), "\(none.stdout)")
        // Some: the video and the first of two audios given, the second audio named as the one left.
        let some = try Self.run(["check", "--video", Self.video, "--audio", "a1=" + Self.audio, "--audio", "a2=" + Self.audio,
                                 "--segments", segments.path, "--sync-mode", "cut_off", "--video-url", "https://cdn.example.com/v.mp4",
                                 "--audio-url", "https://cdn.example.com/a1.wav", "--emit-request", target.path, "--format", "json"])
        #expect(some.status == 0, "\(some.stderr)")
        let left = some.stderr.split(separator: "\n").filter { $0.contains("not ready to submit") }
        #expect(left.count == 1 && left.first?.contains("input[2].url") == true && left.first?.contains("2nd of 2") == true, "\(some.stderr)")
        let status = try #require(try CheckCLITests.json(some)["requestBody"] as? [String: Any])
        #expect(status["outcome"] as? String == "written")
        #expect((status["placeholders"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["input[2].url"])
        // All given: no warning.
        let all = try Self.run(CheckCLITests.cleanArgs + ["--sync-mode", "cut_off", "--video-url", "https://cdn.example.com/v.mp4",
                                                          "--audio-url", "https://cdn.example.com/a.wav", "--emit-request", target.path])
        #expect(all.status == 0)
        #expect(!all.stderr.contains("not ready to submit"), "\(all.stderr)")
    }

    // MARK: - Item 7: URLs are https:// URLs

    @Test(arguments: [
        (["--video-url", "http://cdn.example.com/v.mp4"], "--video-url"),
        (["--audio-url", "ftp://cdn.example.com/a.wav"], "--audio-url"),
        (["--audio-url", "/local/a.wav"], "--audio-url"),
        (["--image-url", "https://"], "--image-url"),
        (["--video-url", "https://cdn.example.com/my clip.mp4"], "--video-url"),
        (["--audio-url", "https://cdn.example.com/a.wav", "--audio-url", "https://cdn.example.com/b.wav"], "--audio-url"),
    ])
    func urlsMustBeHTTPS(_ flags: [String], _ flag: String) throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        let r = try Self.run(CheckCLITests.cleanArgs + flags + ["--emit-request", target.path])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains(flag), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: target.path))
    }

    // MARK: - Item 7: the rules know a body will be emitted

    /// D-MODE-01 (no sync_mode chosen) does not fire when the emitted body carries the advised mode.
    @Test func emittedBodyCarriesTheModeSoDMode01IsQuiet() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        let plain = try Self.run(CheckCLITests.cleanArgs + ["--format", "json"])
        #expect(try Self.ruleIDs(plain).contains("D-MODE-01"))
        let r = try Self.run(CheckCLITests.cleanArgs + ["--emit-request", target.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!(try Self.ruleIDs(r)).contains("D-MODE-01"))
        let advised = try CheckCLITests.json(r)["syncMode"] as? String
        #expect(advised == "cut_off")   // both inputs last 2.00 s: durations match, cut_off keeps both whole
        #expect((try Self.body(target)["options"] as? [String: Any])?["sync_mode"] as? String == advised)
    }

    /// S-SIZE-01 (direct upload size) does not fire for an input the body sends by URL. A policy lowers the
    /// limit so that the fixtures are over it.
    @Test func directUploadSizeIsNotCheckedForInputsGivenByURL() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("small.yml")
        try Data("thresholds:\n  upload.directMaxBytes: 1000\n".utf8).write(to: policy)
        let target = dir.appendingPathComponent("request.json")
        func sizeInputs(_ extra: [String]) throws -> [String] {
            let r = try Self.run(CheckCLITests.cleanArgs + ["--sync-mode", "cut_off", "--policy", policy.path, "--format", "json"] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            return CheckCLITests.findings(try CheckCLITests.json(r)).filter { $0["ruleID"] as? String == "S-SIZE-01" }
                .compactMap { $0["input"] as? String }.sorted()
        }
        #expect(try sizeInputs([]) == ["audio", "video"])
        #expect(try sizeInputs(["--emit-request", target.path]) == ["audio", "video"])
        #expect(try sizeInputs(["--emit-request", target.path, "--video-url", "https://cdn.example.com/v.mp4"]) == ["audio"])
        #expect(try sizeInputs(["--emit-request", target.path, "--video-url", "https://cdn.example.com/v.mp4",
                                "--audio-url", "https://cdn.example.com/a.wav"]) == [])
    }

    // MARK: - Item 13: the verdict line and the exit code agree

    /// A body that cannot be written (file size limit 0: EFBIG on the first byte) makes the report itself say
    /// exit 4, in every format, and nothing is left behind.
    @Test(arguments: ["text", "json", "github"])
    func unwritableBodyIsExit4InTheReport(_ format: String) throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        let r = try Self.run(CheckCLITests.cleanArgs + ["--sync-mode", "cut_off", "--emit-request", target.path, "--format", format],
                             fileSizeLimitKB: 0)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("could not write \(target.path): File too large"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        switch format {
        case "json":
            let obj = try CheckCLITests.json(r)
            #expect(obj["exitCode"] as? Int == 4)
            #expect((obj["requestBody"] as? [String: Any])?["outcome"] as? String == "failed")
        case "github":
            #expect(r.stdout.hasSuffix("exit 4\n"), "\(r.stdout)")
        default:
            #expect(r.stdout.contains("→ exit 4") && !r.stdout.contains("→ exit 0"), "\(r.stdout)")
            #expect(r.stdout.contains("request body: could not be written"), "\(r.stdout)")
        }
    }
}
