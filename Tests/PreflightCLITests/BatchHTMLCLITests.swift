import Foundation
import Testing
import TestMediaSupport

/// `batch --html FILE` (issue 15 item 3) over testmedia jobs (a good pair, no face, an unreadable file, a file and
/// a job id holding `<script>alert(1)</script>`, a verify job with the audio 200 ms late), loaded in headless
/// Chromium: every job is in the index and links to its own section holding its findings, names stay text, the
/// page requests nothing, its one script runs under the page's own policy and filters and sorts the index. Also
/// the output checks before any job runs, and that a failed write leaves nothing behind. The Chromium tests are
/// skipped, saying why, only when no chromium is installed.
@Suite struct BatchHTMLCLITests {
    static let hostile = "<script>alert(1)</script>"

    /// The jobs: their manifest in `dir`, with a copy of face_none.mp4 under the hostile name.
    static func manifest(in dir: URL) throws -> String {
        let video = dir.appendingPathComponent(hostile + ".mp4")
        try FileManager.default.createDirectory(at: video.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestMedia.path("face_none.mp4"), toPath: video.path)
        func t(_ name: String) -> String { TestMedia.path(name) }
        let jobs: [[String: String]] = [
            ["id": "good pair", "video": t("face_talk.mp4"), "audio": t("speech_real.flac"), "sync_mode": "cut_off"],
            ["id": "no-face", "video": t("face_none.mp4"), "audio": t("speech_real.flac")],
            ["id": "broken", "video": t("text_renamed.mp4"), "audio": t("speech_48k.wav")],
            ["id": hostile, "video": video.path, "audio": t("speech_8s.flac")],
            ["id": "lag 200 ms", "output": t("lip_delay200_a.mp4"), "video": t("lip_input_a.mp4"), "audio": t("lip_input_a.mp4"),
             "sync_mode": "cut_off"],
        ]
        let lines = try jobs.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        let url = dir.appendingPathComponent("m.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    /// What the results file says of each job: its verdict and the rule ids of its findings.
    struct Result { var id: String; var verdict: String; var rules: Set<String>; var errors: Int }

    static func results(_ path: String) throws -> [Result] {
        try BatchCLITests.lines(path).map { line in
            let report = (line["check"] ?? line["verify"]) as? [String: Any] ?? [:]
            let findings = report["findings"] as? [[String: Any]] ?? []
            return Result(id: try #require(line["id"] as? String), verdict: try #require(line["verdict"] as? String),
                          rules: Set(findings.compactMap { $0["ruleID"] as? String }),
                          errors: findings.filter { $0["severity"] as? String == "error" }.count)
        }
    }

    /// Text as Chromium's `--dump-dom` writes a text node: `&`, `<`, `>` escaped.
    static func domText(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The element from `<section class="job" id="ANCHOR"` to its `</section>` in `dom`.
    static func section(_ anchor: String, in dom: String) -> Substring? {
        guard let start = dom.range(of: "<section class=\"job\" id=\"\(anchor)\"") else { return nil }
        return dom[start.lowerBound...].range(of: "</section>").map { dom[start.lowerBound..<$0.upperBound] }
    }

    /// Runs the page's controls in the page (an extra script in the instrumented copy) and writes what it saw into
    /// the DOM: rows shown with verdict "errors", with rule Q-SYNC-01, and the first row's errors cell and verdict
    /// after sorting the errors column twice (descending) and the verdict column twice.
    static let controlsCheck = """
    <script>
    window.addEventListener("load", function () {
      function visible() { return Array.prototype.filter.call(document.querySelectorAll("#jobs tbody tr"), function (r) { return !r.hidden; }).length; }
      function visibleSections() { return Array.prototype.filter.call(document.querySelectorAll("section.job"), function (s) { return !s.hidden; }).length; }
      var v = document.getElementById("filter-verdict"), r = document.getElementById("filter-rule"), b = document.body;
      v.value = "errors"; v.dispatchEvent(new Event("change"));
      b.setAttribute("data-check-errors", visible() + "/" + visibleSections());
      v.value = ""; r.value = "Q-SYNC-01"; r.dispatchEvent(new Event("change"));
      b.setAttribute("data-check-rule", visible() + "/" + visibleSections());
      r.value = ""; r.dispatchEvent(new Event("change"));
      b.setAttribute("data-check-all", String(visible()));
      var heads = document.querySelectorAll("#jobs thead th");
      heads[4].click(); heads[4].click();
      b.setAttribute("data-check-sorted-errors", document.querySelector("#jobs tbody tr").cells[4].textContent);
      heads[3].click(); heads[3].click();
      b.setAttribute("data-check-sorted-verdict", document.querySelector("#jobs tbody tr").getAttribute("data-verdict"));
    });
    </script>
    </body>
    """

    @Test(.enabled(if: HeadlessChromium.path != nil, Comment(rawValue: HeadlessChromium.missing)))
    func pageLoadsInChromium() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try Self.manifest(in: dir)
        let out = dir.appendingPathComponent("results.jsonl").path
        let report = dir.appendingPathComponent("batch.html")
        let r = try ProbeCLITests.run(["batch", m, "-o", out, "--html", report.path])
        #expect(r.status == 3, "the unreadable job: \(r.stderr)")
        let jobs = try Self.results(out)
        #expect(jobs.count == 5)
        #expect(Set(jobs.map(\.verdict)).isSuperset(of: ["warnings", "errors", "unreadable"]), "\(jobs.map(\.verdict))")
        let html = try String(contentsOf: report, encoding: .utf8)
        HeadlessChromium.expectSelfContained(html, "batch", script: true)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4"))
        #expect(try BatchCLITests.temporaryFiles(in: dir).isEmpty)

        let dom = try HeadlessChromium.expectLoads(html, report: report, imageCount: 0, in: dir)
        for job in jobs {
            // The row links to the job's section, which lists its findings.
            let link = ">\(Self.domText(job.id))</a>"
            let row = try #require(dom.range(of: link).map { dom[..<$0.lowerBound] }, "\(job.id) is not in the index")
            let href = try #require(row.range(of: "<a href=\"#", options: .backwards).map { String(row[$0.upperBound...].prefix { $0 != "\"" }) })
            let section = try #require(Self.section(href, in: dom), "\(job.id): no section \(href)")
            #expect(section.contains("data-verdict=\"\(job.verdict)\""))
            for id in job.rules { #expect(section.contains("data-rule=\"\(id)\""), "\(job.id): \(id) missing from its section") }
            for id in job.rules { #expect(section.contains("href=\"docs/RULES.md#\(id)\""), "\(job.id): \(id) not linked") }
            if job.verdict == "unreadable" { #expect(section.contains("UNREADABLE:"), "\(job.id): the input's error") }
        }
        #expect(jobs.contains { $0.rules.contains("Q-SYNC-01") }, "the verify job's lag")

        // The page as a user opens it: the name and the id stay text; the page's one script ran under its own policy.
        let plain = String(decoding: try HeadlessChromium.run(["--virtual-time-budget=3000", "--dump-dom"], page: report).stdout, as: UTF8.self)
        #expect(plain.contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4") && plain.contains(">&lt;script&gt;alert(1)&lt;/script&gt;</a>"))
        #expect(plain.lowercased().components(separatedBy: "<script").count == 2, "an id or name became a script element")
        #expect(HeadlessChromium.attribute("data-shown", in: plain) == "5", "the page's script did not run")
        #expect(plain.contains("<div class=\"filters\" id=\"filters\">"), "the filters stay hidden")

        // Its controls: filter by verdict and by rule, sort by a column.
        let probe = dir.appendingPathComponent("controls.html")
        let instrumented = HeadlessChromium.instrumented(html)
        let end = try #require(instrumented.range(of: "</body>", options: .backwards))
        try instrumented.replacingCharacters(in: end, with: Self.controlsCheck).write(to: probe, atomically: true, encoding: .utf8)
        let checked = String(decoding: try HeadlessChromium.run(["--virtual-time-budget=5000", "--dump-dom"], page: probe).stdout, as: UTF8.self)
        let errors = jobs.filter { $0.verdict == "errors" }.count, lagging = jobs.filter { $0.rules.contains("Q-SYNC-01") }.count
        #expect(HeadlessChromium.attribute("data-check-errors", in: checked) == "\(errors)/\(errors)")
        #expect(HeadlessChromium.attribute("data-check-rule", in: checked) == "\(lagging)/\(lagging)")
        #expect(HeadlessChromium.attribute("data-check-all", in: checked) == "5")
        #expect(HeadlessChromium.attribute("data-check-sorted-errors", in: checked) == String(jobs.map(\.errors).max() ?? -1))
        #expect(HeadlessChromium.attribute("data-check-sorted-verdict", in: checked) == "unreadable")
    }

    /// The Content-Security-Policy's hash is that of the page's script (Chromium would otherwise refuse to run it).
    @Test func scriptHashIsTheScripts() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try BatchCLITests.manifest(count: 1, in: dir)
        let report = dir.appendingPathComponent("b.html")
        _ = try ProbeCLITests.run(["batch", m, "--html", report.path])
        let html = try String(contentsOf: report, encoding: .utf8)
        let open = try #require(html.range(of: "<script>"))
        let close = try #require(html.range(of: "</script>", range: open.upperBound..<html.endIndex))
        let script = dir.appendingPathComponent("script.js")
        try Data(html[open.upperBound..<close.lowerBound].utf8).write(to: script)
        let hex = String(String(decoding: try ExternalTool.run("/usr/bin/sha256sum", [script.path]).stdout, as: UTF8.self).prefix(64))
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            bytes.append(try #require(UInt8(hex[i..<j], radix: 16)))
            i = j
        }
        #expect(html.contains("script-src 'sha256-\(Data(bytes).base64EncodedString())'"))
    }

    /// `--html` is checked with the other outputs before any job runs: the manifest is refused (exit 4, as for
    /// `--junit`), another output's file is a usage error (64), a directory that cannot be written exits 4.
    @Test func htmlPathIsCheckedBeforeAnyJob() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let m = try BatchCLITests.manifest(count: 2, in: dir)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: m)
        let before = try Data(contentsOf: URL(fileURLWithPath: m))
        let input = try ProbeCLITests.run(["batch", m, "--html", dir.path + "/./manifest.jsonl"])
        #expect(input.status == 4 && input.stderr.contains("--html") && input.stderr.contains("would overwrite an input"), "\(input.stderr)")
        #expect(input.stdout.isEmpty, "no job ran")
        #expect(try Data(contentsOf: URL(fileURLWithPath: m)) == before)
        let junit = dir.appendingPathComponent("r.xml").path
        let same = try ProbeCLITests.run(["batch", m, "--junit", junit, "--html", junit])
        #expect(same.status == 64 && same.stderr.contains("--junit and --html both name"), "\(same.stderr)")
        #expect(same.stdout.isEmpty)
        let locked = try UnwritableDirectory(in: dir)
        defer { locked.restore() }
        let unwritable = try ProbeCLITests.run(["batch", m, "--html", locked.url.appendingPathComponent("b.html").path], as: locked.user)
        #expect(unwritable.status == 4 && unwritable.stderr.contains("cannot write in this directory"), "\(unwritable.stderr)")
        #expect(unwritable.stdout.isEmpty, "no job ran")
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.url.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["locked", "manifest.jsonl"])
    }

    /// A page that cannot be written whole (here `ulimit -f 16`, as on a full disk; the results go to a pipe)
    /// exits 4 with a message and leaves neither the page nor a temporary file.
    @Test(.disabled(if: SanitizerRuntime.thread, "the ThreadSanitizer runtime does not survive ulimit -f"))
    func failedWriteLeavesNothing() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let m = try BatchCLITests.manifest(count: 20, in: dir)
        let report = dir.appendingPathComponent("b.html").path
        let r = try ProbeCLITests.run(["batch", m, "--html", report, "--jobs", "1"], fileSizeLimitKB: 16)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write the HTML report"), "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 20, "every job ran")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["manifest.jsonl"])
    }
}
