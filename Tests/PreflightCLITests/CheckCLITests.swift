import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestMediaSupport

/// `preflight check` as a pipeline runs it: exit codes for every verdict, the same findings in text, JSON,
/// JUnit (parsed as XML) and GitHub annotations, specific errors for bad input, usage and policy, and
/// `--emit-request`. Runs the built binary through `ProbeCLITests.run`.
@Suite struct CheckCLITests {
    static let video = TestMedia.path("h264_aac.mp4")
    static let audio = TestMedia.path("speech_48k.wav")

    static func run(_ args: [String]) throws -> ProbeCLITests.Run { try ProbeCLITests.run(args) }

    static func json(_ r: ProbeCLITests.Run) throws -> [String: Any] {
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        return try #require(obj as? [String: Any], "stdout is not a JSON object: \(r.stdout.prefix(300))")
    }

    static func findings(_ obj: [String: Any]) -> [[String: Any]] { obj["findings"] as? [[String: Any]] ?? [] }

    static func elements(_ node: XMLNode, named name: String) -> [XMLElement] {
        var out: [XMLElement] = []
        if let e = node as? XMLElement, e.name == name { out.append(e) }
        for child in node.children ?? [] { out += elements(child, named: name) }
        return out
    }

    static func xml(_ r: ProbeCLITests.Run) throws -> XMLDocument {
        try XMLDocument(data: Data(r.stdout.utf8), options: [])
    }

    static func stderrLines(_ r: ProbeCLITests.Run) -> [Substring] { r.stderr.split(separator: "\n") }

    // MARK: - Error rules in every format

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var ruleID: String
        var args: [String]
        /// The file the finding names.
        var path: String
        var testDescription: String { ruleID }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(ruleID: "V-RES-01", args: ["--video", TestMedia.path("over4k_4104x2160.mp4"), "--audio", audio, "--sync-mode", "bounce"],
                  path: TestMedia.path("over4k_4104x2160.mp4")),
        ErrorCase(ruleID: "A-BITS-01", args: ["--video", video, "--audio", TestMedia.path("pcm_f64le_48000_mono.wav"), "--sync-mode", "cut_off"],
                  path: TestMedia.path("pcm_f64le_48000_mono.wav")),
        ErrorCase(ruleID: "F-DUB-01", args: ["--video", TestMedia.path("video_only.mp4")], path: TestMedia.path("video_only.mp4")),
        ErrorCase(ruleID: "V-META-01", args: ["--video", TestMedia.path("nodur_mediarecorder.webm"), "--audio", audio],
                  path: TestMedia.path("nodur_mediarecorder.webm")),
        ErrorCase(ruleID: "A-CH-01", args: ["--video", video, "--audio", TestMedia.path("pcm_s16le_8000_10ch.wav"), "--sync-mode", "cut_off"],
                  path: TestMedia.path("pcm_s16le_8000_10ch.wav")),
        ErrorCase(ruleID: "W2L-FPS-01", args: ["--video", TestMedia.path("fps2997.mp4"), "--audio", audio, "--profile", "wav2lip"],
                  path: TestMedia.path("fps2997.mp4")),
        ErrorCase(ruleID: "V-DEC-01", args: ["--video", TestMedia.path("avs2_nodecoder.avi"), "--audio", audio, "--sync-mode", "cut_off"],
                  path: TestMedia.path("avs2_nodecoder.avi")),
        ErrorCase(ruleID: "A-DEC-01", args: ["--video", video, "--audio", TestMedia.path("mpegh_nodecoder.m4a"), "--sync-mode", "cut_off"],
                  path: TestMedia.path("mpegh_nodecoder.m4a")),
    ]

    /// A stream FFmpeg 5.1 cannot decode, or a file with no packet, is an error that says so and how to re-encode.
    @Test(arguments: [
        ("--video", "avs2_nodecoder.avi", "V-DEC-01", "preflight cannot decode this video: stream #0 (avs2 video): FFmpeg 5.1 has no avs2 decoder",
         "ffmpeg -i IN -c:v libx264"),
        ("--audio", "mpegh_nodecoder.m4a", "A-DEC-01",
         "preflight cannot decode this audio: stream #0 (mpegh_3d_audio audio): FFmpeg 5.1 has no mpegh_3d_audio decoder", "ffmpeg -i IN -vn -c:a pcm_s16le"),
        ("--audio", "no_packets.m4a", "A-DEC-01", "the audio holds nothing to send: the file declares 2.0 s", "again"),
    ])
    func undecodableInputIsAnError(_ role: String, _ file: String, _ ruleID: String, _ message: String, _ fix: String) throws {
        let other = role == "--video" ? ["--audio", Self.audio] : ["--video", Self.video]
        for exact in [false, true] {
            let r = try Self.run(["check", role, TestMedia.path(file)] + other + ["--sync-mode", "cut_off", "--format", "json"] + (exact ? ["--exact"] : []))
            #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
            let hits = Self.findings(try Self.json(r)).filter { $0["ruleID"] as? String == ruleID }
            #expect(hits.count == 1, "\(r.stdout)")
            let hit = try #require(hits.first)
            #expect(hit["severity"] as? String == "error")
            #expect((hit["message"] as? String ?? "").hasPrefix(message), "\(hit)")
            #expect((hit["fix"] as? String ?? "").contains(fix), "\(hit)")
        }
    }

    @Test(arguments: errorCases)
    func errorText(_ c: ErrorCase) throws {
        let r = try Self.run(["check"] + c.args + ["--format", "text"])
        #expect(r.status == 2, "stderr: \(r.stderr)")
        let line = r.stdout.split(separator: "\n").first { $0.contains(c.ruleID) }
        #expect(line?.contains("error") == true, "no error line for \(c.ruleID) in:\n\(r.stdout)")
        #expect(r.stdout.contains("verdict: ERRORS"))
        #expect(r.stdout.contains("→ exit 2"))
        #expect(r.stderr.isEmpty)
    }

    @Test(arguments: errorCases)
    func errorJSON(_ c: ErrorCase) throws {
        let r = try Self.run(["check"] + c.args + ["--format", "json"])
        #expect(r.status == 2, "stderr: \(r.stderr)")
        let obj = try Self.json(r)
        #expect(obj["verdict"] as? String == "errors")
        #expect(obj["exitCode"] as? Int == 2)
        let hits = Self.findings(obj).filter { $0["ruleID"] as? String == c.ruleID }
        #expect(!hits.isEmpty)
        #expect(hits.allSatisfy { $0["severity"] as? String == "error" })
        #expect(hits.contains { $0["path"] as? String == c.path })
        let counts = try #require(obj["counts"] as? [String: Any])
        #expect((counts["errors"] as? Int ?? 0) >= 1)
        #expect(counts["unreadable"] as? Int == 0)
    }

    @Test(arguments: errorCases)
    func errorJUnit(_ c: ErrorCase) throws {
        let r = try Self.run(["check"] + c.args + ["--format", "junit"])
        #expect(r.status == 2, "stderr: \(r.stderr)")
        let doc = try Self.xml(r)
        let root = try #require(doc.rootElement())
        #expect(root.name == "testsuites")
        let cases = Self.elements(root, named: "testcase")
        let mine = cases.filter { $0.attribute(forName: "name")?.stringValue?.hasPrefix(c.ruleID) == true }
        #expect(!mine.isEmpty, "no testcase for \(c.ruleID)")
        let failing = mine.filter { !Self.elements($0, named: "failure").isEmpty }
        #expect(!failing.isEmpty, "testcase \(c.ruleID) has no <failure>")
        #expect(failing.flatMap { Self.elements($0, named: "failure") }.allSatisfy { $0.attribute(forName: "type")?.stringValue == "error" })
        // The root's counts agree with the document.
        let failures = Self.elements(root, named: "failure").count
        #expect(root.attribute(forName: "failures")?.stringValue == String(failures))
        #expect(root.attribute(forName: "tests")?.stringValue == String(cases.count))
        #expect(root.attribute(forName: "errors")?.stringValue == "0")
        for suite in Self.elements(root, named: "testsuite") {
            let n = Self.elements(suite, named: "testcase").count
            #expect(suite.attribute(forName: "tests")?.stringValue == String(n))
        }
    }

    @Test(arguments: errorCases)
    func errorGitHub(_ c: ErrorCase) throws {
        let r = try Self.run(["check"] + c.args + ["--format", "github"])
        #expect(r.status == 2, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        let mine = lines.filter { $0.hasPrefix("::error ") && $0.contains("title=\(c.ruleID)") }
        #expect(!mine.isEmpty, "no ::error line for \(c.ruleID) in:\n\(r.stdout)")
        #expect(mine.allSatisfy { $0.contains("file=\(c.path)") })
        #expect(lines.last?.hasPrefix("preflight: errors,") == true)
        #expect(lines.last?.hasSuffix("exit 2") == true)
        // Every line is a workflow command except the summary.
        #expect(lines.dropLast().allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") })
    }

    // MARK: - Clean pair, warnings and --strict

    static let cleanArgs = ["check", "--video", video, "--audio", audio]

    @Test func cleanPairWithModePasses() throws {
        let r = try Self.run(Self.cleanArgs + ["--sync-mode", "cut_off", "--format", "json"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let obj = try Self.json(r)
        #expect(["pass", "warnings"].contains(obj["verdict"] as? String))
        #expect((obj["counts"] as? [String: Any])?["errors"] as? Int == 0)
        #expect(!Self.findings(obj).contains { $0["severity"] as? String == "error" })
        #expect(obj["syncMode"] as? String == "cut_off")
        #expect(obj["syncModeRequested"] as? Bool == true)
        #expect(obj["exitCode"] as? Int == 0)
        #expect(r.stderr.isEmpty)
    }

    @Test func cleanPairJUnitHasNoFailures() throws {
        let r = try Self.run(Self.cleanArgs + ["--sync-mode", "cut_off", "--format", "junit"])
        #expect(r.status == 0)
        let root = try #require(try Self.xml(r).rootElement())
        #expect(root.attribute(forName: "failures")?.stringValue == "0")
        #expect(root.attribute(forName: "errors")?.stringValue == "0")
        #expect(Self.elements(root, named: "failure").isEmpty)
        #expect(!Self.elements(root, named: "testcase").isEmpty)
    }

    /// File names with XML's special characters, a tab and a newline reach the JUnit report intact: an
    /// independent parser (libxml2 through FoundationXML) reads back the exact path from attributes and text.
    @Test func junitKeepsHostileFileNamesIntact() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pf-junit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let video = dir.appendingPathComponent("a&b <\"v\">\t'x'\n.mp4").path
        let audio = dir.appendingPathComponent("]]><b onclick=\"x\">&amp;.mp4").path
        try FileManager.default.copyItem(atPath: Self.video, toPath: video)
        try FileManager.default.copyItem(atPath: TestMedia.path("empty.mp4"), toPath: audio)
        let r = try Self.run(["check", "--video", video, "--audio", audio, "--format", "junit"])
        #expect(r.status == 3, "stderr: \(r.stderr)")
        let root = try #require(try Self.xml(r).rootElement())
        let suites = Self.elements(root, named: "testsuite").compactMap { $0.attribute(forName: "name")?.stringValue }
        #expect(suites.contains("video " + video), "\(suites)")
        let files = Set(Self.elements(root, named: "testcase").compactMap { $0.attribute(forName: "file")?.stringValue })
        #expect(files.contains(video), "\(files)")
        // The unreadable audio is an <error> whose text names it.
        let errors = Self.elements(root, named: "error")
        #expect(errors.count == 1 && root.attribute(forName: "errors")?.stringValue == "1")
        #expect(suites.contains("audio " + audio), "\(suites)")
        #expect(Self.elements(root, named: "b").isEmpty)
    }

    /// The clean pair without --sync-mode gives the D-MODE-01 warning (and V-RES-02 for 320x240): exit 0, or 1 with --strict.
    @Test(arguments: ["text", "json", "junit", "github"])
    func warningsAndStrict(_ format: String) throws {
        let plain = try Self.run(Self.cleanArgs + ["--format", format])
        #expect(plain.status == 0, "stderr: \(plain.stderr)")
        let strict = try Self.run(Self.cleanArgs + ["--format", format, "--strict"])
        #expect(strict.status == 1, "stderr: \(strict.stderr)")
        switch format {
        case "json":
            let p = try Self.json(plain), s = try Self.json(strict)
            #expect(p["verdict"] as? String == "warnings" && s["verdict"] as? String == "warnings")
            #expect(p["exitCode"] as? Int == 0 && s["exitCode"] as? Int == 1)
            #expect(Self.findings(p).contains { $0["ruleID"] as? String == "D-MODE-01" && $0["severity"] as? String == "warning" })
        case "junit":
            // Warnings are failures only with --strict.
            let p = try #require(try Self.xml(plain).rootElement()), s = try #require(try Self.xml(strict).rootElement())
            #expect(p.attribute(forName: "failures")?.stringValue == "0")
            let sf = Self.elements(s, named: "failure")
            #expect(!sf.isEmpty && s.attribute(forName: "failures")?.stringValue == String(sf.count))
            #expect(sf.allSatisfy { $0.attribute(forName: "type")?.stringValue == "warning" })
            #expect(Self.elements(s, named: "testcase").contains {
                $0.attribute(forName: "name")?.stringValue?.hasPrefix("D-MODE-01") == true && !Self.elements($0, named: "failure").isEmpty
            })
        case "github":
            #expect(plain.stdout.split(separator: "\n").contains { $0.hasPrefix("::warning ") && $0.contains("title=D-MODE-01") })
            #expect(plain.stdout.hasSuffix("exit 0\n") && strict.stdout.hasSuffix("exit 1\n"))
        default:
            #expect(plain.stdout.contains("D-MODE-01") && plain.stdout.contains("warning"))
            #expect(plain.stdout.contains("verdict: WARNINGS") && plain.stdout.contains("→ exit 0"))
            #expect(strict.stdout.contains("→ exit 1"))
        }
    }

    /// Every verdict maps to its documented code (docs/EXIT-CODES.md), with and without --strict.
    @Test(arguments: [
        ("pass", ["--image", TestMedia.path("still_320x240.png"), "--audio", audio, "--model", "sync-3"], Int32(0), Int32(0)),
        ("warnings", ["--video", video, "--audio", audio], 0, 1),
        ("errors", ["--video", TestMedia.path("video_only.mp4")], 2, 2),
        ("unreadable", ["--video", TestMedia.path("over4k_4104x2160.mp4"), "--audio", TestMedia.path("empty.mp4")], 3, 3),
    ])
    func verdictExitCodes(_ verdict: String, _ args: [String], _ code: Int32, _ strictCode: Int32) throws {
        for (strict, expected) in [(false, code), (true, strictCode)] {
            let r = try Self.run(["check"] + args + ["--format", "json"] + (strict ? ["--strict"] : []))
            #expect(r.status == expected, "strict \(strict): stderr \(r.stderr)")
            let obj = try Self.json(r)
            #expect(obj["verdict"] as? String == verdict)
            #expect(obj["exitCode"] as? Int == Int(expected))
        }
    }

    // MARK: - Unreadable input

    @Test(arguments: [
        (["--video", "/nonexistent/clip.mp4", "--audio", audio], "/nonexistent/clip.mp4", "no such file"),
        (["--video", "https://example.com/a.mp4", "--audio", audio], "https://example.com/a.mp4", "not a local file path"),
        (["--video", video, "--audio", TestMedia.path("empty.mp4")], TestMedia.path("empty.mp4"), "file is empty"),
        (["--video", video, "--audio", "http://example.com/a.wav"], "http://example.com/a.wav", "not a local file path"),
        (["--video", video, "--text", "/nonexistent/script.txt"], "/nonexistent/script.txt", "no such file"),
    ])
    func unreadableInput(_ args: [String], _ path: String, _ message: String) throws {
        for format in ["text", "json", "junit", "github"] {
            let r = try Self.run(["check"] + args + ["--format", format])
            #expect(r.status == 3, "\(format): \(r.stderr)")
            let lines = Self.stderrLines(r)
            #expect(lines.count == 1, "\(format): \(r.stderr)")
            #expect(lines.first?.hasPrefix("preflight: \(path): ") == true)
            #expect(lines.first?.contains(message) == true, "\(r.stderr)")
            switch format {
            case "json":
                let obj = try Self.json(r)
                #expect(obj["verdict"] as? String == "unreadable")
                #expect(obj["exitCode"] as? Int == 3)
                let inputs = obj["inputs"] as? [[String: Any]] ?? []
                #expect(inputs.contains { $0["path"] as? String == path && $0["error"] != nil })
            case "junit":
                let root = try #require(try Self.xml(r).rootElement())
                #expect(root.attribute(forName: "errors")?.stringValue == "1")
                #expect(Self.elements(root, named: "error").count == 1)
            case "github":
                #expect(r.stdout.split(separator: "\n").contains { $0.hasPrefix("::error ") && $0.contains("title=unreadable input") })
            default:
                #expect(r.stdout.contains("UNREADABLE"))
            }
        }
    }

    // MARK: - Usage errors

    @Test(arguments: [
        ([String](), "give at least one input"),
        (["--video", video, "--plan", "platinum"], "platinum"),
        (["--video", video, "--model", "lipsync-9"], "lipsync-9"),
        (["--video", video, "--sync-mode", "sideways"], "--sync-mode"),
        (["--video", video, "--format", "yaml"], "yaml"),
        (["--video", video, "--timeout", "0"], "--timeout"),
        (["--video", video, "--profile", "nope"], "unknown profile 'nope'"),
        (["--video", video, "--no-such-flag"], "no-such-flag"),
    ])
    func usageErrors(_ args: [String], _ message: String) throws {
        let r = try Self.run(["check"] + args)
        #expect(r.status == 64, "stderr: \(r.stderr)")
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    // MARK: - Policy errors

    @Test(arguments: [
        ("malformed YAML", "rules: [unclosed\n", 2, "not valid YAML"),
        ("unknown top-level key", "plan: free\nbogus: 1\n", 2, "unknown key 'bogus'"),
        ("unknown rule id", "rules:\n  V-RES-01: off\n  X-NOPE-99: off\n", 3, "unknown rule id 'X-NOPE-99'"),
        ("unknown threshold", "thresholds:\n  video.maxSide: 100\n  video.bogus: 3\n", 3, "unknown threshold 'video.bogus'"),
        ("bad severity", "rules:\n  V-RES-01:\n    severity: fatal\n", 3, "severity must be error, warning or info"),
        ("bad rule value", "rules:\n  V-RES-01: fatal\n", 2, "rule V-RES-01"),
        ("unknown plan", "model: sync-3\nplan: platinum\n", 2, "unknown plan 'platinum'"),
        ("unknown model", "model: lipsync-9\n", 1, "unknown model 'lipsync-9'"),
        ("bad constraint", "constraints:\n  - id: C1\n    expect: \"abs(video.duration - ) <= 0.5\"\n", 3, "constraint C1"),
        ("unknown constraint field", "constraints:\n  - id: C1\n    expect: video.bogus <= 1\n", 3, "unknown field 'video.bogus'"),
    ])
    func policyErrors(_ label: String, _ yaml: String, _ line: Int, _ message: String) throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("policy.yml")
        try Data(yaml.utf8).write(to: policy)
        for format in ["text", "json"] {
            let r = try Self.run(Self.cleanArgs + ["--policy", policy.path, "--format", format])
            #expect(r.status == 64, "\(label): \(r.stderr)")
            #expect(r.stderr.hasPrefix("preflight: \(policy.path):\(line): "), "\(label): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(label): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func missingPolicyFile() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("missing.yml").path
        let r = try Self.run(Self.cleanArgs + ["--policy", path])
        #expect(r.status == 64)
        #expect(r.stderr == "preflight: \(path): no such policy file\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func policyConstraintInOutput() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let policy = dir.appendingPathComponent("team.yml")
        try Data("""
            rules:
              V-RES-02: off
            constraints:
              - id: POL-DUR-01
                expect: abs(video.duration - audio.duration) <= 0.5
                severity: error
            """.utf8).write(to: policy)
        let long = try Self.run(["check", "--video", Self.video, "--audio", TestMedia.path("speech_8s.flac"), "--sync-mode", "bounce",
                                 "--policy", policy.path, "--format", "json"])
        #expect(long.status == 2)
        let obj = try Self.json(long)
        #expect(Self.findings(obj).contains { $0["ruleID"] as? String == "POL-DUR-01" && $0["severity"] as? String == "error" })
        #expect(!Self.findings(obj).contains { $0["ruleID"] as? String == "V-RES-02" })
        let junit = try Self.run(["check", "--video", Self.video, "--audio", TestMedia.path("speech_8s.flac"), "--sync-mode", "bounce",
                                  "--policy", policy.path, "--format", "junit"])
        let root = try #require(try Self.xml(junit).rootElement())
        #expect(Self.elements(root, named: "testcase").contains {
            $0.attribute(forName: "name")?.stringValue?.hasPrefix("POL-DUR-01") == true && !Self.elements($0, named: "failure").isEmpty
        })
        // The bundled pair's picture is a test card, no face: content checks would warn (FaceCheckCLITests covers them).
        let clean = try Self.run(Self.cleanArgs + ["--sync-mode", "cut_off", "--policy", policy.path, "--format", "json", "--strict", "--content", "off"])
        #expect(clean.status == 0, "\(clean.stdout)")
        #expect(try Self.json(clean)["verdict"] as? String == "pass")
    }

    // MARK: - --emit-request

    /// The body is written to a temporary name beside the target and renamed: nothing else is left there.
    @Test func emitRequestForThePair() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        let r = try Self.run(Self.cleanArgs + ["--sync-mode", "cut_off", "--video-url", "https://cdn.example.com/v.mp4",
                                               "--audio-url", "https://cdn.example.com/a.wav", "--emit-request", target.path, "--format", "json"])
        // Whatever happens, no temporary file is left beside the target.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "request.json" }
        #expect(leftovers.isEmpty, "left beside the target: \(leftovers)")
        do {
            #expect(r.status == 0, "stderr: \(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["request.json"])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: target)) as? [String: Any])
            #expect(body["model"] as? String == "lipsync-2")
            let input = body["input"] as? [[String: Any]] ?? []
            #expect(input.count == 2)
            #expect(input.first?["type"] as? String == "video")
            #expect(input.first?["url"] as? String == "https://cdn.example.com/v.mp4")
            #expect(input.last?["type"] as? String == "audio")
            #expect(input.last?["url"] as? String == "https://cdn.example.com/a.wav")
            #expect((body["options"] as? [String: Any])?["sync_mode"] as? String == "cut_off")
        }
    }

    /// `seg.json` in `dir`: 0–1 s played by refId a1, 1–2 s by a2.
    static func twoSegments(in dir: URL) throws -> URL {
        let segments = dir.appendingPathComponent("seg.json")
        try Data(#"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a1"}}, {"startTime": 1, "endTime": 2, "audioInput": {"refId": "a2"}}]"#.utf8)
            .write(to: segments)
        return segments
    }

    @Test func emitRequestWithSegments() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let segments = try Self.twoSegments(in: dir)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let target = out.appendingPathComponent("request.json")
        let r = try Self.run(["check", "--video", Self.video, "--audio", "a1=" + Self.audio, "--audio", "a2=" + Self.audio,
                              "--segments", segments.path, "--sync-mode", "cut_off", "--emit-request", target.path, "--format", "json"])
        let obj = try Self.json(r)
        #expect(obj["verdict"] as? String == "warnings")   // V-RES-02 only: the segments are valid
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0 != "request.json" }.isEmpty)
        do {
            #expect(r.status == 0, "stderr: \(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["request.json"])
            let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: target)) as? [String: Any])
            let input = body["input"] as? [[String: Any]] ?? []
            #expect(input.filter { $0["type"] as? String == "audio" }.compactMap { $0["refId"] as? String } == ["a1", "a2"])
            let segs = body["segments"] as? [[String: Any]] ?? []
            #expect(segs.compactMap { ($0["audioInput"] as? [String: Any])?["refId"] as? String } == ["a1", "a2"])
        }
    }

    /// An existing target is replaced only by a complete new body.
    @Test func emitRequestReplacesAnExistingFile() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("request.json")
        try Data("{\"old\": true}".utf8).write(to: target)
        let r = try Self.run(Self.cleanArgs + ["--sync-mode", "cut_off", "--emit-request", target.path])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0 != "request.json" }.isEmpty)
        do {
            #expect(r.status == 0, "stderr: \(r.stderr)")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: target)) as? [String: Any])
            #expect(body["old"] == nil)
            #expect(body["model"] as? String == "lipsync-2")
        }
    }

    // MARK: - rules

    @Test func rulesListsEveryID() throws {
        let r = try Self.run(["rules"])
        #expect(r.status == 0)
        let ids = ["V-CONT-01", "V-STREAM-01", "V-META-01", "V-META-02", "V-RES-01", "V-RES-02", "V-RES-03", "V-FPS-01", "V-FPS-02",
                   "V-CODEC-01", "V-BITRATE-01", "V-HDR-01", "V-ALPHA-01", "V-COLOR-01", "V-CHROMA-01", "V-ROT-01", "V-INTL-01",
                   "V-AUDIO-01", "V-CONT-02", "A-CONT-01", "A-CONT-02", "A-META-01", "A-SR-01", "A-SR-02", "A-BITS-01", "A-CH-01",
                   "A-CH-02", "A-STREAMS-01", "A-DUR-01", "A-DUR-02", "D-PLAN-01", "D-REACT-01", "D-MODE-01", "D-MODE-02",
                   "D-MODE-03", "D-MODE-04", "D-MODE-05", "D-MODE-06", "F-VIS-01", "F-DUB-01", "F-IMG-01", "F-IMG-02", "S-SIZE-01",
                   "S-SIZE-02", "T-TXT-01", "T-TXT-02", "G-NAME-01", "G-SEG-01", "G-SEG-02", "G-SEG-03", "G-SEG-04",
                   "G-SEG-05", "G-SEG-06", "W2L-FPS-01",
                   "W2L-AUDIO-01", "W2L-RES-01", "W2L-LEN-01", "V-DEC-01", "A-DEC-01",
                   "F-DUB-03", "F-DUB-04", "A-SPEECH-01", "A-SPEECH-02", "F-DUB-02",
                   "F-FACE-01", "F-FACE-02", "F-FACE-03", "F-FACE-04", "F-FACE-05", "V-STILL-01"]
        for id in ids { #expect(r.stdout.contains(id), "\(id) missing from `preflight rules`") }
        // And every id the JSON catalogue knows is in the text listing.
        let json = try Self.run(["rules", "--format", "json"])
        #expect(json.status == 0)
        let profiles = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let all = profiles.flatMap { ($0["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        #expect(Set(all) == Set(ids))
        for id in all { #expect(r.stdout.contains(id)) }
    }

    @Test func rulesMarkdown() throws {
        let r = try Self.run(["rules", "--format", "markdown"])
        #expect(r.status == 0)
        // Each id's first row carries the anchor the HTML report links to (RULES.md#V-RES-01).
        #expect(r.stdout.contains("| <a id=\"V-RES-01\"></a>V-RES-01 |"))
        #expect(r.stdout.contains("| <a id=\"W2L-FPS-01\"></a>W2L-FPS-01 |"))
    }

    @Test func rulesUnknownProfileIsUsage() throws {
        let r = try Self.run(["rules", "--profile", "nope"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("unknown profile 'nope'"))
    }
}
