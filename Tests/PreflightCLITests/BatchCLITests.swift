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

    /// Starts `preflight batch MANIFEST -o OUTPUT --jobs N` and returns once 3 results are on disk (up to a minute):
    /// stopping it after a fixed sleep would depend on how loaded the machine is.
    static func startBatch(_ manifest: String, output: String, jobs: Int) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ProbeCLITests.binary)
        p.arguments = ["batch", manifest, "-o", output, "--jobs", String(jobs)]
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, ((try? String(contentsOfFile: output, encoding: .utf8))?.filter { $0 == "\n" }.count ?? 0) < 3 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        return p
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
        var lines: [String] = []
        for i in 1...21 {
            lines.append(#"{"id":"r\#(i)","video":"\#(TestMedia.path("h264_aac.mp4"))","audio":"\#(TestMedia.path("speech_48k.wav"))","sync_mode":"cut_off"}"#)
        }
        let m = dir.appendingPathComponent("m.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: m)
        let out = dir.appendingPathComponent("batch.jsonl").path
        let r = try ProbeCLITests.run(["batch", m.path, "-o", "/dev/null", "--emit-batch", out])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let objs = try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objs.count == 21)
        #expect(Set(objs.compactMap { $0["request_id"] as? String }).count == 21)
        #expect(objs.allSatisfy { $0["endpoint"] as? String == "/v2/generate" })
        let payload = try #require(objs.first?["payload"] as? [String: Any])
        #expect((payload["options"] as? [String: Any])?["sync_mode"] as? String == "cut_off")
        // Too few passing jobs for the batch API: G-BATCH-01, exit 2, no file.
        let few = dir.appendingPathComponent("few.jsonl")
        try Data((lines.prefix(3).joined(separator: "\n") + "\n").utf8).write(to: few)
        let out2 = dir.appendingPathComponent("batch2.jsonl").path
        let r2 = try ProbeCLITests.run(["batch", few.path, "-o", "/dev/null", "--emit-batch", out2])
        #expect(r2.status == 2)
        #expect(r2.stderr.contains("G-BATCH-01"), "\(r2.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out2))
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
        #expect(!names.contains { $0.contains(".body-") || $0.contains(".tmp-") || $0 == "report.xml" }, "\(names)")
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
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") || $0.contains(".body-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
