import Foundation
import Testing
import TestMediaSupport
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Media for the `verify` CLI tests, generated once per run with the ffmpeg CLI.
struct VerifyCLIMedia: Sendable {
    struct Failure: Error, Sendable, CustomStringConvertible { var description: String }

    let dir: String
    func path(_ name: String) -> String { dir + "/" + name }
    /// The submitted pair: 320x240 25 fps testsrc2 and 48 kHz speech over pink noise, both 7 s.
    var video: String { path("video.mp4") }
    var audio: String { path("audio.wav") }
    /// What the API would return for cut_off.
    var clean: String { path("clean.mp4") }
    /// Half the resolution: a warning (Q-RES-01) only.
    var half: String { path("half.mp4") }
    /// One second short for cut_off: an error (Q-DUR-01).
    var short: String { path("short.mp4") }
    /// The pair encoded with `n` B-frames in a pyramid (x264's default is 3): packets come in decode order.
    func bFrames(_ n: Int) -> String { path("bf\(n).mp4") }
    /// `bFrames(3)` stream-copied from 1.5 s, inside a GOP: an edit list hides pictures with negative times.
    var bFramesEditList: String { path("bf3_editlist.mp4") }
    /// The pair with 3 B-frames and no edit list: the pictures start at 80 ms.
    var bFramesNoEditList: String { path("bf3_noeditlist.mp4") }
    /// `bFrames(3)` with the second 3–4 s cut out by a stream-copy remux: a real timestamp jump.
    var gap: String { path("gap.mp4") }

    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-verify-cli-\(UUID().uuidString)").path
    static let shared: Result<VerifyCLIMedia, Failure> = {
        do { return .success(try make()) } catch { return .failure(Failure(description: "\(error)")) }
    }()
    static func get() throws -> VerifyCLIMedia { try shared.get() }

    /// `ffmpeg -y -v error ARGS`; throws (failing the test) with its stderr when it exits non-zero.
    static func ffmpeg(_ args: [String]) throws { try FFmpegTool.checked(["-v", "error"] + args) }

    static func make() throws -> VerifyCLIMedia {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: VerifyCLIMedia.directory) }
        let m = VerifyCLIMedia(dir: directory)
        let encode = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac", "-movflags", "+faststart"]
        try ffmpeg([
            "-f", "lavfi", "-i", "flite=text='Every output is checked before it reaches the editors and the audience':voice=slt",
            "-f", "lavfi", "-i", "anoisesrc=c=pink:a=0.03:seed=5:r=48000",
            "-filter_complex", "[0:a]aresample=48000,apad[s];[s][1:a]amix=inputs=2:duration=shortest:normalize=0,atrim=0:7,asetpts=N/SR/TB[a]",
            "-map", "[a]", "-ac", "1", m.audio,
        ])
        try ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=7", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", m.video])
        let pair = ["-i", m.video, "-i", m.audio, "-map", "0:v", "-map", "1:a"]
        try ffmpeg(pair + encode + [m.clean])
        try ffmpeg(pair + ["-vf", "scale=160:120"] + encode + [m.half])
        try ffmpeg(pair + ["-t", "6"] + encode + [m.short])
        let bFrames = ["-c:v", "libx264", "-preset", "ultrafast", "-x264-params", "b-adapt=0", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac"]
        for n in [2, 3, 8] { try ffmpeg(pair + bFrames + ["-bf", "\(n)", "-movflags", "+faststart", m.bFrames(n)]) }
        try ffmpeg(["-ss", "1.5", "-i", m.bFrames(3), "-c", "copy", "-movflags", "+faststart", m.bFramesEditList])
        try ffmpeg(pair + bFrames + ["-bf", "3", "-use_editlist", "0", m.bFramesNoEditList])
        // Split at the keyframes at 3 s and 4 s, then join the first and last parts keeping the 4 s start.
        try ffmpeg(["-i", m.bFrames(3), "-map", "0", "-c", "copy", "-f", "segment", "-segment_times", "3,4", m.path("part%d.mp4")])
        try "ffconcat version 1.0\nfile part0.mp4\nduration 4\nfile part2.mp4\n".write(toFile: m.path("cut.ffconcat"), atomically: true, encoding: .utf8)
        try ffmpeg(["-f", "concat", "-i", m.path("cut.ffconcat"), "-c", "copy", "-movflags", "+faststart", m.gap])
        return m
    }
}

/// `preflight verify` as scripts and CI run it: exit codes, report formats, --request.
@Suite struct VerifyCLITests {
    let m: VerifyCLIMedia
    init() throws { m = try VerifyCLIMedia.get() }

    func verify(_ output: String, _ extra: [String]) throws -> ProbeCLITests.Run {
        try ProbeCLITests.run(["verify", output] + extra)
    }

    var inputs: [String] { ["--video", m.video, "--audio", m.audio] }

    // MARK: - Exit codes

    @Test func cleanOutputExitsZero() throws {
        let r = try verify(m.clean, inputs + ["--sync-mode", "cut_off"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("PASS"), "\(r.stdout)")
        #expect(try verify(m.clean, inputs + ["--sync-mode", "cut_off", "--strict"]).status == 0)
        #expect(try verify(m.clean, inputs + ["--sync-mode", "cut_off", "--quick"]).status == 0)
    }

    @Test func warningOnlyExitsZeroAndOneWithStrict() throws {
        let r = try verify(m.half, inputs + ["--sync-mode", "cut_off"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Q-RES-01"), "\(r.stdout)")
        let strict = try verify(m.half, inputs + ["--sync-mode", "cut_off", "--strict"])
        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")
    }

    @Test func errorDefectExitsTwo() throws {
        let r = try verify(m.short, inputs + ["--sync-mode", "cut_off"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Q-DUR-01"), "\(r.stdout)")
    }

    /// `--policy` changes a Q-* rule's severity, so the verdict and the exit code; an unknown Q-id is refused
    /// like an unknown check rule id.
    @Test func policyChangesAQRuleSeverity() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("team.yml")
        try Data("rules:\n  Q-DUR-01: {severity: warning}\n".utf8).write(to: policy)
        let r = try verify(m.short, inputs + ["--sync-mode", "cut_off", "--policy", policy.path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Q-DUR-01"), "\(r.stdout)")
        let strict = try verify(m.short, inputs + ["--sync-mode", "cut_off", "--policy", policy.path, "--strict"])
        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")

        let unknown = dir.appendingPathComponent("bad.yml")
        try Data("rules:\n  Q-NOPE-01: off\n".utf8).write(to: unknown)
        let bad = try verify(m.short, inputs + ["--sync-mode", "cut_off", "--policy", unknown.path])
        #expect(bad.status == 64, "\(bad.stdout)\(bad.stderr)")
        #expect(bad.stderr.contains("bad.yml:2: unknown rule id 'Q-NOPE-01' in profile sync"), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)
    }

    @Test func missingInputVideoExitsThree() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("sent.mp4").path
        let r = try verify(m.clean, ["--video", missing, "--audio", m.audio, "--sync-mode", "cut_off"])
        #expect(r.status == 3, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("no such file"), "\(r.stderr)")
    }

    @Test func usageErrorsExit64() throws {
        #expect(try ProbeCLITests.run(["verify"]).status == 64)
        #expect(try ProbeCLITests.run(["verify", "--video", m.video, "--audio", m.audio, "--sync-mode", "cut_off"]).status == 64)
        let sideways = try verify(m.clean, inputs + ["--sync-mode", "sideways"])
        #expect(sideways.status == 64, "\(sideways.stderr)")
        #expect(sideways.stderr.contains("sideways"))
        #expect(try verify(m.clean, inputs + ["--format", "yaml"]).status == 64)
    }

    // MARK: - Timestamps

    func findings(_ r: ProbeCLITests.Run) throws -> [[String: Any]] {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)\(r.stderr)")
        return try #require(obj["findings"] as? [[String: Any]])
    }

    /// B-frames put later pictures first in decode order; in presentation order they are evenly 40 ms apart.
    @Test(arguments: [2, 3, 8])
    func bFramesAreNoTimestampJump(_ n: Int) throws {
        let r = try verify(m.bFrames(n), inputs + ["--sync-mode", "cut_off", "--format", "json"])
        let hits = try findings(r).filter { ($0["ruleID"] as? String ?? "").hasPrefix("Q-INT") }
        #expect(hits.isEmpty, "\(hits)")
        #expect(r.status == 0, "\(r.stdout)")
    }

    /// Leading pictures hidden by an edit list (negative times), or a start after 0 without one, are no jump either.
    @Test func editListsAndLateStartsAreNoTimestampJump() throws {
        for output in [m.bFramesEditList, m.bFramesNoEditList] {
            let r = try verify(output, inputs + ["--sync-mode", "cut_off", "--format", "json"])
            let hits = try findings(r).filter { ($0["ruleID"] as? String ?? "").hasPrefix("Q-INT") }
            #expect(hits.isEmpty, "\(output): \(hits)")
        }
    }

    @Test func cutOutSecondIsATimestampError() throws {
        let r = try verify(m.gap, inputs + ["--sync-mode", "cut_off", "--format", "json"])
        #expect(r.status == 2, "\(r.stdout)")
        let hits = try findings(r).filter { $0["ruleID"] as? String == "Q-INT-02" }
        #expect(hits.count == 1, "\(hits)")
        let hit = try #require(hits.first)
        #expect(hit["severity"] as? String == "error")
        let start = try #require(hit["start"] as? Double), end = try #require(hit["end"] as? Double)
        #expect(abs(start - 3) <= 0.1 && abs(end - 4) <= 0.1, "jump \(start)…\(end) s, the cut is 3…4 s")
    }

    // MARK: - Formats

    @Test func jsonReport() throws {
        let r = try verify(m.short, inputs + ["--sync-mode", "cut_off", "--format", "json"])
        #expect(r.status == 2)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        #expect(obj["verdict"] as? String == "errors")
        #expect(obj["exitCode"] as? Int == 2)
        let measurements = try #require(obj["measurements"] as? [String: Any])
        let offset = try #require(measurements["audioOffsetMs"] as? Double)
        #expect(abs(offset) < 5, "offset \(offset)")
        let findings = try #require(obj["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["ruleID"] as? String == "Q-DUR-01" && $0["severity"] as? String == "error" }, "\(r.stdout)")

        let clean = try verify(m.clean, inputs + ["--sync-mode", "cut_off", "--format", "json"])
        let cleanObj = try #require(try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [String: Any])
        #expect(cleanObj["verdict"] as? String == "pass")
        #expect((cleanObj["measurements"] as? [String: Any])?["audioOffsetMs"] is Double)
    }

    @Test func junitReport() throws {
        let r = try verify(m.short, inputs + ["--sync-mode", "cut_off", "--format", "junit"])
        #expect(r.status == 2)
        let doc = try XMLDocument(data: Data(r.stdout.utf8))
        let cases = try doc.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        #expect(!cases.isEmpty)
        let failing = cases.filter { ($0.attribute(forName: "name")?.stringValue ?? "").hasPrefix("Q-DUR-01") }
        #expect(failing.count == 1, "\(r.stdout)")
        #expect(failing.first?.elements(forName: "failure").isEmpty == false, "\(r.stdout)")
        // The passing rules are test cases without a failure.
        let integrity = cases.first { ($0.attribute(forName: "name")?.stringValue ?? "").hasPrefix("Q-INT-01") }
        #expect(integrity?.elements(forName: "failure").isEmpty == true)
    }

    @Test func githubAnnotations() throws {
        let r = try verify(m.short, inputs + ["--sync-mode", "cut_off", "--format", "github"])
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("::error ") && $0.contains("title=Q-DUR-01") }, "\(r.stdout)")
        let half = try verify(m.half, inputs + ["--sync-mode", "cut_off", "--format", "github"])
        #expect(half.stdout.split(separator: "\n").contains { $0.hasPrefix("::warning ") && $0.contains("title=Q-RES-01") }, "\(half.stdout)")
    }

    // MARK: - --request

    func body(_ syncMode: String?, files: Bool, in dir: URL) throws -> String {
        var obj: [String: Any] = [
            "model": "lipsync-2",
            "input": [["type": "video", "url": files ? URL(fileURLWithPath: m.video).absoluteString : "https://example.com/v.mp4"],
                      ["type": "audio", "url": files ? URL(fileURLWithPath: m.audio).absoluteString : "https://example.com/a.wav"]],
        ]
        if let syncMode { obj["options"] = ["sync_mode": syncMode] }
        let url = dir.appendingPathComponent("body-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: obj).write(to: url)
        return url.path
    }

    @Test func requestBodySuppliesTheSyncMode() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Without a mode there is no formula: the short output is not a duration error.
        let none = try verify(m.short, inputs)
        #expect(!none.stdout.contains("Q-DUR-01"), "\(none.stdout)")
        #expect(none.status == 0, "\(none.stdout)")

        let r = try verify(m.short, inputs + ["--request", try body("cut_off", files: false, in: dir), "--format", "json"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(obj["syncMode"] as? String == "cut_off")
        let findings = try #require(obj["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["ruleID"] as? String == "Q-DUR-01" }, "\(r.stdout)")

        // An explicit --sync-mode wins over the body.
        let explicit = try verify(m.short, inputs + ["--request", try body("cut_off", files: false, in: dir), "--sync-mode", "remap", "--format", "json"])
        let explicitObj = try #require(try JSONSerialization.jsonObject(with: Data(explicit.stdout.utf8)) as? [String: Any])
        #expect(explicitObj["syncMode"] as? String == "remap")
    }

    @Test func requestBodySuppliesFileInputs() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try verify(m.short, ["--request", try body("cut_off", files: true, in: dir)])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Q-DUR-01"), "\(r.stdout)")
        let clean = try verify(m.clean, ["--request", try body("cut_off", files: true, in: dir)])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
    }

    @Test func badRequestBodyIsAUsageError() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknown = try verify(m.clean, inputs + ["--request", try body("sideways", files: false, in: dir)])
        #expect(unknown.status == 64, "\(unknown.stderr)")
        #expect(unknown.stderr.contains("sideways"), "\(unknown.stderr)")
        let notJSON = dir.appendingPathComponent("body.json")
        try Data("not json".utf8).write(to: notJSON)
        #expect(try verify(m.clean, inputs + ["--request", notJSON.path]).status == 64)
        #expect(try verify(m.clean, inputs + ["--request", dir.appendingPathComponent("absent.json").path]).status == 64)
    }
}
