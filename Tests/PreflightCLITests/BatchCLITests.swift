import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestMediaSupport

/// `preflight batch`: shards, resume, interruption, exit codes.
@Suite struct BatchCLITests {
    /// A manifest of `count` check jobs over the fixtures (ids job1...).
    static func manifest(count: Int, in dir: URL) throws -> String {
        let pairs = [("h264_aac.mp4", "speech_48k.wav"), ("vp9_opus.webm", "speech_8s.flac"), ("over4k_4104x2160.mp4", "speech_48k.wav"),
                     ("h264_aac.mov", "pcm_s16le_8000_mono.wav")]
        var lines: [String] = []
        for i in 1...count {
            let (v, a) = pairs[i % pairs.count]
            lines.append(#"{"id":"job\#(i)","video":"\#(TestMedia.path(v))","audio":"\#(TestMedia.path(a))","sync_mode":"cut_off"}"#)
        }
        let url = dir.appendingPathComponent("manifest.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    static func ids(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(obj["id"] as? String)
        }
    }

    /// Starts `preflight batch MANIFEST -o OUTPUT --jobs N EXTRA` and returns once 3 results are on disk (up to a
    /// minute): stopping it after a fixed sleep would depend on how loaded the machine is. Its stderr goes to
    /// `stderr` when given.
    static func startBatch(_ manifest: String, output: String, jobs: Int, extra: [String] = [], stderr: String? = nil) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProbeCLITests.binary)
        p.arguments = ["batch", manifest, "-o", output, "--jobs", String(jobs)] + extra
        if let stderr {
            _ = FileManager.default.createFile(atPath: stderr, contents: nil)
            p.standardError = FileHandle(forWritingAtPath: stderr)
        } else {
            p.standardError = FileHandle.nullDevice
        }
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? String(contentsOfFile: output, encoding: .utf8))?.filter { $0 == "\n" }.count ?? 0) < 3 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        return p
    }

    /// Waits up to `seconds` for `text` to appear in the file at `path`.
    static func wait(for text: String, in path: String, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? String(contentsOfFile: path, encoding: .utf8))?.contains(text) == true { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Temporary files in `dir`: PendingFiles (`.NAME.preflight-UUID.tmp`) and the old `NAME.tmp-PID`/`.body-PID`.
    static func temporaryFiles(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") || $0.contains(".tmp") || $0.contains(".body-") }
    }

    /// Every line of a results file parses and the file ends with a newline: valid JSON Lines.
    static func expectValidJSONLines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.isEmpty || text.hasSuffix("\n"), "last line cut short: \(text.suffix(80))")
        return try ids(path)
    }

    /// A manifest of `count` jobs with the public URLs `--emit-batch` needs (ids r1...).
    static func submittable(count: Int, in dir: URL, name: String = "m.jsonl", extra: String = "") throws -> String {
        let lines = (1...count).map { i in
            #"{"id":"r\#(i)","video":"\#(TestMedia.path("h264_aac.mp4"))","audio":"\#(TestMedia.path("speech_48k.wav"))","sync_mode":"cut_off","video_url":"https://cdn.example.com/v\#(i).mp4","audio_url":"https://cdn.example.com/a\#(i).wav"\#(extra)}"#
        }
        let url = dir.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    static func lines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func shardsCoverTheManifestExactlyOnce() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 10, in: dir)
        var all: [String] = []
        for i in 1...3 {
            let out = dir.appendingPathComponent("shard\(i).jsonl").path
            let r = try ProbeCLITests.run(["batch", m, "--shard", "\(i)/3", "-o", out])
            #expect(r.status == 2, "\(r.stderr)")   // the over-4K jobs are errors
            all += try Self.ids(out)
        }
        #expect(all.sorted() == (1...10).map { "job\($0)" }.sorted())
    }

    @Test func resumeCompletesOnlyTheRestAfterACutLine() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 8, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path
        _ = try ProbeCLITests.run(["batch", m, "--shard", "1/2", "-o", out])
        // A kill in the middle of a write leaves half a line.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"id":"job2","ver"#.utf8))
        try handle.close()
        let r = try ProbeCLITests.run(["batch", m, "-o", out, "--resume"])
        #expect(r.stderr.contains("4 job(s)"), "\(r.stderr)")
        let ids = try Self.ids(out)
        #expect(ids.sorted() == (1...8).map { "job\($0)" }.sorted())
        #expect(Set(ids).count == ids.count)
    }

    @Test func interruptLeavesValidJSONLines() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 600, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path
        let p = try Self.startBatch(m, output: out, jobs: 1)
        p.interrupt()
        p.waitUntilExit()
        #expect(p.terminationStatus == 130)
        let ids = try Self.ids(out)   // every line parses
        #expect(!ids.isEmpty && ids.count < 600, "\(ids.count) lines")
        let r = try ProbeCLITests.run(["batch", m, "-o", out, "--resume"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(try Self.ids(out).sorted() == (1...600).map { "job\($0)" }.sorted())
    }

    @Test func badManifestIsAUsageError() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bad.jsonl")
        try Data(#"{"id":"x","video":"a.mp4","colour":"blue"}"#.utf8).write(to: url)
        let r = try ProbeCLITests.run(["batch", url.path])
        #expect(r.status == 64)
        #expect(r.stderr.contains("bad.jsonl:1") && r.stderr.contains("unknown key 'colour'"), "\(r.stderr)")
        #expect(try ProbeCLITests.run(["batch", url.path, "--shard", "4/3"]).status == 64)
        #expect(try ProbeCLITests.run(["batch", url.path, "--resume"]).status == 64)
    }

    @Test func csvManifestAndDirectoryScan() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("jobs.csv")
        try Data("id,video,audio,sync_mode\nx,\"\(TestMedia.path("h264_aac.mp4"))\",\(TestMedia.path("speech_48k.wav")),cut_off\n".utf8).write(to: csv)
        let r = try ProbeCLITests.run(["batch", csv.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 1)
        let media = dir.appendingPathComponent("media/sub")
        try FileManager.default.createDirectory(at: media, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestMedia.path("h264_aac.mp4"), toPath: media.appendingPathComponent("a.mp4").path)
        try FileManager.default.copyItem(atPath: TestMedia.path("speech_48k.wav"), toPath: media.appendingPathComponent("b.wav").path)
        let d = try ProbeCLITests.run(["batch", dir.appendingPathComponent("media").path])
        let ids = try d.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? String }
        #expect(ids.compactMap { $0 }.sorted() == ["sub/a.mp4", "sub/b.wav"])
    }

    @Test func emitBatchWritesTheSyncBatchFileWithinItsLimits() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.submittable(count: 21, in: dir, extra: #","output_name":"take_1""#)
        let out = dir.appendingPathComponent("batch.jsonl").path
        let r = try ProbeCLITests.run(["batch", m, "--emit-batch", out])
        #expect(r.status == 0, "\(r.stderr)")
        let objs = try Self.lines(out)
        #expect(objs.count == 21)
        #expect(Set(objs.compactMap { $0["request_id"] as? String }).count == 21)
        #expect(objs.allSatisfy { $0["endpoint"] as? String == "/v2/generate" })
        let payload = try #require(objs.first { $0["request_id"] as? String == "r7" }?["payload"] as? [String: Any])
        #expect((payload["options"] as? [String: Any])?["sync_mode"] as? String == "cut_off")
        // Sendable: the URLs given, not placeholders; the output name.
        let urls = (payload["input"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
        #expect(urls == ["https://cdn.example.com/v7.mp4", "https://cdn.example.com/a7.wav"])
        #expect(payload["outputFileName"] as? String == "take_1")
        #expect(!(try String(contentsOfFile: out, encoding: .utf8)).contains("REPLACE"))
    }

    /// SIGKILL gives no chance to clean up. Each result line is one write, so every line but the last parses;
    /// the kernel may cut that one write short (a fatal signal stops a multi-page write), and `--resume` drops
    /// such a cut line and completes exactly the rest.
    @Test func killLeavesValidJSONLinesAndResumeCompletesTheRest() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 600, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path
        let p = try Self.startBatch(m, output: out, jobs: 2)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeLast()   // "" after the final "\n", or a last line the kill cut short
        let before = try lines.map { line in
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(obj["id"] as? String)
        }
        #expect(!before.isEmpty && before.count < 600, "\(before.count) lines")
        let r = try ProbeCLITests.run(["batch", m, "-o", out, "--resume"])
        #expect(r.stderr.contains("\(600 - before.count) job(s)"), "\(r.stderr)")
        let after = try Self.ids(out)
        #expect(after.sorted() == (1...600).map { "job\($0)" }.sorted())
        #expect(Set(after).count == after.count)
    }

    /// A results file that stops growing (here `ulimit -f 16`, as on a full disk) stops the batch with exit 4
    /// and a message, instead of a trap; the JUnit scratch file is gone and no report is half written.
    @Test(.disabled(if: SanitizerRuntime.thread, "the ThreadSanitizer runtime does not survive ulimit -f"))
    func fullDiskStopsWithExit4() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 20, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path
        let junit = dir.appendingPathComponent("report.xml").path
        let r = try ProbeCLITests.run(["batch", m, "-o", out, "--junit", junit, "--jobs", "1"], fileSizeLimitKB: 16)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write the results"), "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(try Self.temporaryFiles(in: dir).isEmpty && !names.contains("report.xml"), "\(names)")
    }

    /// `--junit`: one test case per job, named by its id; errors are failures naming the rule, an unreadable
    /// input is an error, and the totals match the JSON Lines.
    @Test func junitReportHasOneTestCasePerJob() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lines = [
            #"{"id":"clean","video":"\#(TestMedia.path("h264_aac.mp4"))","audio":"\#(TestMedia.path("speech_48k.wav"))","sync_mode":"cut_off"}"#,
            #"{"id":"too <big> & \"wide\"","video":"\#(TestMedia.path("over4k_4104x2160.mp4"))","audio":"\#(TestMedia.path("speech_48k.wav"))"}"#,
            #"{"id":"garbage","video":"\#(TestMedia.path("text_renamed.mp4"))","audio":"\#(TestMedia.path("speech_48k.wav"))"}"#,
        ]
        let m = dir.appendingPathComponent("m.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: m)
        let out = dir.appendingPathComponent("results.jsonl").path
        let junit = dir.appendingPathComponent("report.xml").path
        let r = try ProbeCLITests.run(["batch", m.path, "-o", out, "--junit", junit])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(try Self.ids(out).count == 3)
        let doc = try XMLDocument(data: try Data(contentsOf: URL(fileURLWithPath: junit)), options: [])
        let root = try #require(doc.rootElement())
        #expect(root.attribute(forName: "tests")?.stringValue == "3")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        let cases = try doc.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        let byName = Dictionary(uniqueKeysWithValues: cases.map { ($0.attribute(forName: "name")?.stringValue ?? "", $0) })
        #expect(Set(byName.keys) == ["clean", #"too <big> & "wide""#, "garbage"])
        #expect(byName["clean"]?.elements(forName: "failure").isEmpty == true)
        #expect(byName["clean"]?.elements(forName: "error").isEmpty == true)
        let failure = try #require(byName[#"too <big> & "wide""#]?.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue?.contains("V-RES-01") == true)
        #expect(byName["garbage"]?.elements(forName: "error").count == 1)
        let leftovers = try Self.temporaryFiles(in: dir)
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    // MARK: outputs (issue 10 item 2)

    /// No output may be the manifest (or any input), and no two outputs the same file; refused before any job runs.
    @Test func outputsThatAreTheManifestOrEachOtherAreRefused() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 2, in: dir)
        let sendable = try Self.submittable(count: 2, in: dir, name: "sendable.jsonl")
        for (manifest, option) in [(m, "-o"), (m, "--junit"), (sendable, "--emit-batch")] {
            let before = try Data(contentsOf: URL(fileURLWithPath: manifest))
            let spelled = dir.path + "/./" + URL(fileURLWithPath: manifest).lastPathComponent
            let r = try ProbeCLITests.run(["batch", manifest, option, spelled])
            #expect(r.status == 4, "\(option): \(r.stderr)")
            #expect(r.stderr.contains("the output would overwrite an input"), "\(option): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(option): no job ran")
            #expect(try Data(contentsOf: URL(fileURLWithPath: manifest)) == before, "\(option) replaced the manifest")
        }
        let res = dir.appendingPathComponent("results.jsonl").path
        let same = try ProbeCLITests.run(["batch", m, "-o", res, "--junit", dir.path + "/../" + dir.lastPathComponent + "/results.jsonl"])
        #expect(same.status == 64, "\(same.stderr)")
        #expect(same.stderr.contains("-o and --junit both name"), "\(same.stderr)")
        #expect(!FileManager.default.fileExists(atPath: res))
        let xml = dir.appendingPathComponent("r.xml").path
        let same2 = try ProbeCLITests.run(["batch", sendable, "--junit", xml, "--emit-batch", xml])
        #expect(same2.status == 64 && same2.stderr.contains("--junit and --emit-batch both name"), "\(same2.stderr)")
        #expect(try Self.temporaryFiles(in: dir).isEmpty)
    }

    /// `-o` never discards earlier results silently: a file holding results needs --resume or --overwrite.
    @Test func existingResultsNeedResumeOrOverwrite() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 4, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path
        _ = try ProbeCLITests.run(["batch", m, "--shard", "1/2", "-o", out])
        let first = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(try Self.ids(out).sorted() == ["job1", "job3"])
        let again = try ProbeCLITests.run(["batch", m, "-o", out])
        #expect(again.status == 64, "\(again.stderr)")
        #expect(again.stderr.contains("--resume") && again.stderr.contains("--overwrite"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == first, "the earlier results were touched")
        let replaced = try ProbeCLITests.run(["batch", m, "--shard", "2/2", "-o", out, "--overwrite"])
        #expect(replaced.status == 2, "\(replaced.stderr)")
        #expect(try Self.ids(out).sorted() == ["job2", "job4"])
        let both = try ProbeCLITests.run(["batch", m, "-o", out, "--overwrite", "--resume"])
        #expect(both.status == 64, "\(both.stderr)")
        // An empty file holds nothing to lose.
        let empty = dir.appendingPathComponent("empty.jsonl").path
        _ = FileManager.default.createFile(atPath: empty, contents: nil)
        #expect(try ProbeCLITests.run(["batch", m, "-o", empty]).status == 2)
        #expect(try Self.ids(empty).count == 4)
    }

    // MARK: signals (issue 10 items 4 and 13)

    /// A manifest of `count` verify jobs (slow enough that a job is still running when a signal arrives).
    static func verifyManifest(count: Int, in dir: URL) throws -> String {
        let v = try VerifyCLIMedia.get()
        let lines = (1...count).map { i in
            #"{"id":"v\#(i)","output":"\#(v.clean)","video":"\#(v.video)","audio":"\#(v.audio)","sync_mode":"cut_off"}"#
        }
        let url = dir.appendingPathComponent("verify.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    /// First Ctrl-C: says it finishes the running jobs, starts no new one, writes the JUnit report and the HTML page
    /// of the jobs done, no Sync batch file, no temporary file; exits 130.
    @Test func firstCtrlCFinishesRunningJobsAndSaysSo() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.verifyManifest(count: 60, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path, err = dir.appendingPathComponent("stderr.txt").path
        let junit = dir.appendingPathComponent("report.xml").path, emit = dir.appendingPathComponent("sync.jsonl").path
        let html = dir.appendingPathComponent("report.html").path
        let p = try Self.startBatch(m, output: out, jobs: 1, extra: ["--junit", junit, "--html", html, "--emit-batch", emit], stderr: err)
        p.interrupt()
        p.waitUntilExit()
        let stderr = try String(contentsOfFile: err, encoding: .utf8)
        #expect(p.terminationReason == .exit && p.terminationStatus == 130, "\(p.terminationReason) \(p.terminationStatus)")
        #expect(stderr.contains("finishing the running jobs") && stderr.contains("Ctrl-C again stops at once"), "\(stderr)")
        let ids = try Self.expectStoppedCleanly(dir: dir, results: out, of: 60)
        let doc = try XMLDocument(data: try Data(contentsOf: URL(fileURLWithPath: junit)), options: [])
        #expect(doc.rootElement()?.attribute(forName: "tests")?.stringValue == String(ids.count))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.components(separatedBy: "<section class=\"job\"").count - 1 == ids.count)
        #expect(page.contains("Interrupted: \(ids.count) of the 60 jobs finished"))
        #expect(!FileManager.default.fileExists(atPath: emit))
    }

    /// After an interrupted run: results valid JSON Lines with some but not all of `total` jobs, no temporary file.
    static func expectStoppedCleanly(dir: URL, results: String, of total: Int) throws -> [String] {
        let ids = try expectValidJSONLines(results)
        #expect(!ids.isEmpty && ids.count < total, "\(ids.count) lines")
        let leftovers = try temporaryFiles(in: dir)
        #expect(leftovers.isEmpty, "\(leftovers)")
        return ids
    }

    /// Second Ctrl-C: stops at once (ended by SIGINT) while a job runs, leaving valid JSON Lines, no temporary
    /// file and no half report.
    @Test func secondCtrlCStopsAtOnce() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.verifyManifest(count: 60, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path, err = dir.appendingPathComponent("stderr.txt").path
        let junit = dir.appendingPathComponent("report.xml").path
        let html = dir.appendingPathComponent("report.html").path
        let p = try Self.startBatch(m, output: out, jobs: 2, extra: ["--junit", junit, "--html", html], stderr: err)
        p.interrupt()
        _ = Self.wait(for: "Ctrl-C again", in: err, seconds: 5)
        p.interrupt()
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGINT, "\(p.terminationReason) \(p.terminationStatus)")
        _ = try Self.expectStoppedCleanly(dir: dir, results: out, of: 60)
        #expect(!FileManager.default.fileExists(atPath: junit) && !FileManager.default.fileExists(atPath: html))
    }

    /// SIGTERM while the JUnit report is being put in place (a big report, so the temporary file exists long
    /// enough to be seen): the temporary file is removed and the process ends by SIGTERM. Mid-run too.
    @Test func sigtermLeavesNoTemporaryFile() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 40 jobs with 1 MB ids: a 40 MB JUnit report.
        let long = String(repeating: "x", count: 1 << 20)
        let lines = (1...40).map { i in
            #"{"id":"\#(i)\#(long)","video":"\#(TestMedia.path("h264_aac.mp4"))","audio":"\#(TestMedia.path("speech_48k.wav"))","sync_mode":"cut_off"}"#
        }
        let m = dir.appendingPathComponent("big.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: m)
        let out = dir.appendingPathComponent("results.jsonl").path, junit = dir.appendingPathComponent("report.xml").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProbeCLITests.binary)
        p.arguments = ["batch", m.path, "-o", out, "--junit", junit, "--jobs", "2"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        var seen: String?
        while p.isRunning, seen == nil {
            seen = try Self.temporaryFiles(in: dir).first
        }
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        try #require(seen != nil, "the temporary report was never seen")
        #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGTERM)
        let leftovers = try Self.temporaryFiles(in: dir)
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(!FileManager.default.fileExists(atPath: junit))
        // Mid-run: valid JSON Lines, nothing else.
        let m2 = try Self.verifyManifest(count: 30, in: dir)
        let out2 = dir.appendingPathComponent("results2.jsonl").path
        let q = try Self.startBatch(m2, output: out2, jobs: 2, extra: ["--junit", junit])
        kill(q.processIdentifier, SIGTERM)
        q.waitUntilExit()
        #expect(q.terminationReason == .uncaughtSignal && q.terminationStatus == SIGTERM)
        _ = try Self.expectStoppedCleanly(dir: dir, results: out2, of: 30)
        #expect(!FileManager.default.fileExists(atPath: junit))
    }

    // MARK: resume and timeout (issue 10 item 13)

    @Test func resumeSaysHowManyJobsItSkipped() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 6, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path
        _ = try ProbeCLITests.run(["batch", m, "--shard", "1/3", "-o", out])
        let r = try ProbeCLITests.run(["batch", m, "-o", out, "--resume"])
        #expect(r.stderr.contains("skipping 2 job(s)"), "\(r.stderr)")
        #expect(try Self.ids(out).count == 6)
    }

    /// `--resume` over a results file of 3,000 earlier results, read in 64 KB chunks rather than whole: lines
    /// across chunk ends, one longer than a chunk, ids of other manifests, an `id` nested in a report, lines
    /// that are not results and a last line cut short. It skips exactly this manifest's jobs already there, keeps
    /// every earlier complete line byte for byte and appends only the others.
    @Test func resumeOverAResultsFileOfManyEntries() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(count: 8, in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path
        let first = try ProbeCLITests.run(["batch", m, "--shard", "1/2", "-o", out])   // job1, job3, job5, job7
        #expect(first.status == 0, "\(first.stderr)")
        let real = try Self.lines(out)
        #expect(real.count == 4)
        func line(_ obj: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        }
        // Real report lines under the ids of other manifests, with three of this run's own spread among them
        // (job1's result was lost: it runs again).
        var earlier: [String] = []
        for i in 0..<3000 {
            var obj = real[i % real.count]
            obj["id"] = "other/\(i)"
            earlier.append(try line(obj))
        }
        for (id, at) in [("job3", 700), ("job5", 1600), ("job7", 2900)] {
            earlier.insert(try line(try #require(real.first { $0["id"] as? String == id })), at: at)
        }
        earlier.insert(try line(["id": "long", "kind": "check", "note": String(repeating: "x", count: 70_000)]), at: 1500)
        earlier.insert(try line(["id": "nested", "check": ["id": "job2"]]), at: 10)
        earlier.insert(try line(["id": 4, "kind": "check"]), at: 20)
        earlier.insert("job6 is not a result line", at: 30)
        earlier.append("")   // a blank line
        let kept = Data((earlier.joined(separator: "\n") + "\n").utf8)
        try (kept + Data(#"{"id":"job8","ver"#.utf8)).write(to: URL(fileURLWithPath: out))

        let r = try ProbeCLITests.run(["batch", m, "-o", out, "--resume"])
        #expect(r.status == 2, "\(r.stderr)")   // job2's video is over 4K
        #expect(r.stderr.contains("skipping 3 job(s)") && r.stderr.contains("5 to run"), "\(r.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: out))
        #expect(data.prefix(kept.count) == kept)
        let appended = try data.dropFirst(kept.count).split(separator: UInt8(ascii: "\n")).map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])["id"] as? String
        }
        #expect(appended.compactMap { $0 }.sorted() == ["job2", "job4", "job6", "job8", "job1"].sorted())
    }

    /// `--timeout` bounds verify jobs too (it used to be raised to at least 600 s for them).
    @Test func timeoutAppliesToVerifyJobs() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.verifyManifest(count: 1, in: dir)
        let ok = try ProbeCLITests.run(["batch", m])
        #expect(ok.status == 0, "\(ok.stderr)")
        let r = try ProbeCLITests.run(["batch", m, "--timeout", "0.001"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stdout.contains("timed out after 0.001 s"), "\(r.stdout.prefix(400))")
    }

    /// The batch's `--policy` reaches its verify jobs: Q-DUR-01 lowered to a warning passes a short output.
    @Test func policyAppliesToVerifyJobs() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let v = try VerifyCLIMedia.get()
        let manifest = dir.appendingPathComponent("short.jsonl")
        try Data((#"{"id":"short","output":"\#(v.short)","video":"\#(v.video)","audio":"\#(v.audio)","sync_mode":"cut_off"}"# + "\n").utf8)
            .write(to: manifest)
        let policy = dir.appendingPathComponent("team.yml")
        try Data("rules:\n  Q-DUR-01: warning\n".utf8).write(to: policy)
        let unchanged = try ProbeCLITests.run(["batch", manifest.path])
        #expect(unchanged.status == 2, "\(unchanged.stderr)")
        #expect(unchanged.stdout.contains(#""verdict":"errors""#), "\(unchanged.stdout.prefix(400))")
        let lowered = try ProbeCLITests.run(["batch", manifest.path, "--policy", policy.path])
        #expect(lowered.status == 0, "\(lowered.stderr)")
        #expect(lowered.stdout.contains(#""verdict":"warnings""#), "\(lowered.stdout.prefix(400))")
    }

    // MARK: real submissions (issue 10 item 11)

    /// text, segments and output_name are checked like `check --text/--segments/--output-name`, and the TTS
    /// voice and segments reach the emitted payload.
    @Test func textSegmentsAndOutputNameAreChecked() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("script.txt")
        try Data("Every output is checked before it reaches the audience.".utf8).write(to: script)
        let segments = dir.appendingPathComponent("seg.json")
        try Data(#"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": "audio1"}}]"#.utf8).write(to: segments)
        let v = TestMedia.path("h264_aac.mp4"), a = TestMedia.path("speech_48k.wav")
        var lines = (1...19).map { i in
            #"{"id":"tts\#(i)","video":"\#(v)","text":"\#(script.path)","voice_id":"voice-1","video_url":"https://cdn.example.com/v.mp4"}"#
        }
        lines.append(#"{"id":"seg","video":"\#(v)","audio":"\#(a)","segments":"\#(segments.path)","sync_mode":"cut_off","video_url":"https://cdn.example.com/v.mp4","audio_url":"https://cdn.example.com/a.wav"}"#)
        lines.append(#"{"id":"badname","video":"\#(v)","audio":"\#(a)","output_name":"no spaces.mp4","sync_mode":"cut_off","video_url":"https://cdn.example.com/v.mp4","audio_url":"https://cdn.example.com/a.wav"}"#)
        lines.append(#"{"id":"noscript","video":"\#(v)","text":"\#(dir.path)/missing.txt","voice_id":"voice-1","video_url":"https://cdn.example.com/v.mp4"}"#)
        let m = dir.appendingPathComponent("m.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: m)
        let results = dir.appendingPathComponent("results.jsonl").path, emit = dir.appendingPathComponent("sync.jsonl").path
        let r = try ProbeCLITests.run(["batch", m.path, "-o", results, "--emit-batch", emit])
        #expect(r.status == 3, "\(r.stderr)")   // the missing script is unreadable: 3 wins over G-NAME-01's 2
        let byID = Dictionary(uniqueKeysWithValues: try Self.lines(results).map { ($0["id"] as? String ?? "", $0) })
        #expect(byID["noscript"]?["verdict"] as? String == "unreadable")
        #expect(byID["badname"]?["verdict"] as? String == "errors")
        #expect((byID["badname"]?["check"] as? [String: Any]).map { "\($0["findings"] ?? "")".contains("G-NAME-01") } == true)
        let emitted = Dictionary(uniqueKeysWithValues: try Self.lines(emit).map { ($0["request_id"] as? String ?? "", $0["payload"] as? [String: Any] ?? [:]) })
        #expect(emitted.count == 20)
        let tts = try #require((emitted["tts1"]?["input"] as? [[String: Any]])?.first { $0["type"] as? String == "text" })
        #expect((tts["provider"] as? [String: Any])?["voiceId"] as? String == "voice-1")
        #expect((tts["provider"] as? [String: Any])?["script"] as? String == "Every output is checked before it reaches the audience.")
        #expect((emitted["seg"]?["segments"] as? [[String: Any]])?.count == 1)
    }

    /// URLs must be https; --emit-batch needs one for each input of each check job (no placeholders).
    @Test func submissionURLsAreValidatedAndRequired() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.submittable(count: 2, in: dir)
        var text = try String(contentsOfFile: m, encoding: .utf8)
        text = text.replacingOccurrences(of: "https://cdn.example.com/a2.wav", with: "http://cdn.example.com/a2.wav")
        try Data(text.utf8).write(to: URL(fileURLWithPath: m))
        let r = try ProbeCLITests.run(["batch", m])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("m.jsonl:2") && r.stderr.contains("audio_url") && r.stderr.contains("https://"), "\(r.stderr)")
        let plain = try Self.manifest(count: 2, in: dir)
        let emit = dir.appendingPathComponent("sync.jsonl").path
        let r2 = try ProbeCLITests.run(["batch", plain, "--emit-batch", emit])
        #expect(r2.status == 64, "\(r2.stderr)")
        #expect(r2.stderr.contains("video_url") && r2.stderr.contains("audio_url"), "\(r2.stderr)")
        #expect(r2.stdout.isEmpty && !FileManager.default.fileExists(atPath: emit))
        // An audio alone is no generation: no visual input to send.
        let audioOnly = dir.appendingPathComponent("audio.jsonl")
        try Data(#"{"id":"a","audio":"\#(TestMedia.path("speech_48k.wav"))","audio_url":"https://cdn.example.com/a.wav"}"#.utf8).write(to: audioOnly)
        let r3 = try ProbeCLITests.run(["batch", audioOnly.path, "--emit-batch", emit])
        #expect(r3.status == 64 && r3.stderr.contains("job 'a' has no video, video_url"), "\(r3.stderr)")
    }

    /// Under 20 passing jobs: the file is written anyway, with a warning and the G-BATCH-01 finding (exit 2).
    @Test func fewerThan20PassingJobsAreWrittenWithAWarning() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.submittable(count: 3, in: dir)
        let emit = dir.appendingPathComponent("sync.jsonl").path
        let r = try ProbeCLITests.run(["batch", m, "--emit-batch", emit])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("G-BATCH-01") && r.stderr.contains("warning: wrote 3 request(s)"), "\(r.stderr)")
        #expect(try Self.lines(emit).count == 3)
    }

    /// G-BATCH-02: an input over 30 s fails its job for the batch API (it is left out of the file); an
    /// unreadable input still exits 3 when batch rules fail.
    @Test func inputsOver30SecondsFailG_BATCH_02AndUnreadableStillWins() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let longAudio = dir.appendingPathComponent("long.wav").path
        try FFmpegTool.generate(["-f", "lavfi", "-i", "sine=f=300:r=48000:d=31", "-ac", "1"], to: longAudio)
        let m = try Self.submittable(count: 21, in: dir)
        var text = try String(contentsOfFile: m, encoding: .utf8)
        text += #"{"id":"long","video":"\#(TestMedia.path("h264_aac.mp4"))","audio":"\#(longAudio)","sync_mode":"cut_off","video_url":"https://cdn.example.com/v.mp4","audio_url":"https://cdn.example.com/long.wav"}"# + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: m))
        let results = dir.appendingPathComponent("results.jsonl").path, emit = dir.appendingPathComponent("sync.jsonl").path
        let r = try ProbeCLITests.run(["batch", m, "-o", results, "--emit-batch", emit])
        #expect(r.status == 2, "\(r.stderr)")
        let long = try #require(try Self.lines(results).first { $0["id"] as? String == "long" })
        #expect(long["verdict"] as? String == "errors")
        let findings = (long["check"] as? [String: Any])?["findings"] as? [[String: Any]] ?? []
        #expect(findings.contains { $0["ruleID"] as? String == "G-BATCH-02" && $0["input"] as? String == "audio" }, "\(findings)")
        #expect(try Self.lines(emit).compactMap { $0["request_id"] as? String }.sorted() == (1...21).map { "r\($0)" }.sorted())
        // Without --emit-batch the 30 s limit does not apply (a single /v2/generate takes it).
        let plain = try ProbeCLITests.run(["batch", m])
        #expect(!plain.stdout.contains("G-BATCH-02"))
        // Too few passing jobs (G-BATCH-01) and an unreadable input: 3, not 2.
        let few = try Self.submittable(count: 2, in: dir, name: "few.jsonl")
        var fewText = try String(contentsOfFile: few, encoding: .utf8)
        fewText += #"{"id":"garbage","video":"\#(TestMedia.path("text_renamed.mp4"))","audio":"\#(TestMedia.path("speech_48k.wav"))","video_url":"https://cdn.example.com/g.mp4","audio_url":"https://cdn.example.com/g.wav"}"# + "\n"
        try Data(fewText.utf8).write(to: URL(fileURLWithPath: few))
        let r3 = try ProbeCLITests.run(["batch", few, "--emit-batch", dir.appendingPathComponent("few-sync.jsonl").path])
        #expect(r3.status == 3, "\(r3.stderr)")
        #expect(r3.stderr.contains("G-BATCH-01"), "\(r3.stderr)")
    }

    /// Windows editors: CRLF line ends and a UTF-8 byte order mark, in JSON Lines and CSV.
    @Test func crlfManifestsAreRead() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let v = TestMedia.path("h264_aac.mp4"), a = TestMedia.path("speech_48k.wav")
        let jsonl = dir.appendingPathComponent("m.jsonl")
        try Data(("\u{FEFF}" + #"{"id":"a","video":"\#(v)","audio":"\#(a)","sync_mode":"cut_off"}"# + "\r\n"
                  + #"{"id":"b","video":"\#(v)","audio":"\#(a)","sync_mode":"cut_off"}"# + "\r\n").utf8).write(to: jsonl)
        let r = try ProbeCLITests.run(["batch", jsonl.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 2)
        let csv = dir.appendingPathComponent("m.csv")
        try Data("\u{FEFF}id,video,audio,sync_mode\r\na,\(v),\(a),cut_off\r\nb,\"\(v)\",\(a),cut_off\r\n".utf8).write(to: csv)
        let c = try ProbeCLITests.run(["batch", csv.path])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(c.stdout.split(separator: "\n").count == 2, "\(c.stderr)")
    }

    /// A duplicated CSV column is a usage error naming it (it used to crash: exit 132); quoting edge cases
    /// parse or are usage errors, never a crash.
    @Test func csvDuplicateHeaderAndQuotingEdgeCases() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let v = TestMedia.path("h264_aac.mp4"), a = TestMedia.path("speech_48k.wav")
        func run(_ text: String) throws -> ProbeCLITests.Run {
            let url = dir.appendingPathComponent("m.csv")
            try Data(text.utf8).write(to: url)
            return try ProbeCLITests.run(["batch", url.path])
        }
        let dup = try run("id,video,audio,video\nx,\(v),\(a),\(v)\n")
        #expect(dup.status == 64, "\(dup.stderr)")
        #expect(dup.stderr.contains("m.csv:1") && dup.stderr.contains("column 'video' appears twice"), "\(dup.stderr)")
        // A quoted id holding a comma, a CRLF and an escaped quote; then a record on the next line.
        let quoted = try run("id,video,audio,sync_mode\n\"a,\r\nb \"\"q\"\"\",\(v),\(a),cut_off\nc,\(v),\(a),cut_off\n")
        #expect(quoted.status == 0, "\(quoted.stderr)")
        let ids = try quoted.stdout.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["id"] as? String }
        #expect(ids.compactMap { $0 }.sorted() == ["a,\r\nb \"q\"", "c"])
        let unterminated = try run("id,video\nx,\(v)\ny,\"\(v)\n")
        #expect(unterminated.status == 64 && unterminated.stderr.contains("m.csv:3") && unterminated.stderr.contains("never closed"), "\(unterminated.stderr)")
        for text in ["id,video,\nx,\(v),\n", ",video\nx,\(v)\n", "id,video\nx,\(v),extra\n", "id,video\n\"\"\"\n", "\"", "\"\"\n\"\"\n",
                     "id,video\nx\"y,\(v)\n", "id,video\n\"x\"y,\(v)\n", "id,video\n"] {
            let r = try run(text)
            #expect([0, 2, 3, 64].contains(r.status), "\(text.debugDescription): \(r.status) \(r.stderr.prefix(300))")
        }
    }
}
