import Foundation
import MediaIO
import Testing
import TestMediaSupport

/// `check --format html` (issue 15 item 1) rendered for real testmedia cases and loaded in headless Chromium
/// (Debian's `chromium`, installed by .ci/run): the DOM holds every finding id and the advised mode, every
/// picture decodes, the page requests nothing, a screenshot shows a page, and a file name stays text.
/// The Chromium tests are skipped, saying why, only when no chromium is installed.
@Suite struct CheckHTMLCLITests {
    static func run(_ args: [String]) throws -> ProbeCLITests.Run { try ProbeCLITests.run(args) }

    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let noChromium = "chromium is not installed here (apt-get install chromium; .ci/run installs it)"

    /// The policy every report declares.
    static let policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

    struct Case: Sendable, CustomTestStringConvertible {
        var video: String
        var audio: String
        var testDescription: String { "\(video) + \(audio)" }
    }

    static let cases: [Case] = [
        Case(video: "face_none.mp4", audio: "speech_real.flac"),   // no face: F-FACE-01/04
        Case(video: "face_two.mp4", audio: "speech_8s.flac"),      // two faces, a longer tone: F-FACE-02, bounce
        Case(video: "face_talk.mp4", audio: "speech_real.flac"),   // the good pair
    ]

    /// Runs Chromium headless on `page` (a file URL) with a throw-away profile.
    static func chromium(_ extra: [String], page: URL) throws -> ExternalTool.Result {
        let profile = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: profile) }
        return try ExternalTool.run(chromium!, ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                                "--no-default-browser-check", "--disable-background-networking",
                                                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                                                "--user-data-dir=\(profile.path)"] + extra + [page.absoluteString])
    }

    /// The report with a probe script: the report's own policy plus inline scripts, so that the script can count
    /// policy violations (any request other than a `data:` image or inline style) and resource loads, and write
    /// every image's natural width into the DOM once the page has loaded.
    static func instrumented(_ html: String) -> String {
        let probe = """
        <meta http-equiv="Content-Security-Policy" content="\(policy); script-src 'unsafe-inline'">
        <script>
        var violations = [];
        document.addEventListener("securitypolicyviolation", function (e) { violations.push(e.blockedURI || e.violatedDirective); });
        window.addEventListener("load", function () {
          var b = document.body;
          b.setAttribute("data-probe-widths", Array.prototype.map.call(document.images, function (i) { return i.complete ? i.naturalWidth : -1; }).join(","));
          b.setAttribute("data-probe-images", String(document.images.length));
          b.setAttribute("data-probe-resources", String(performance.getEntriesByType("resource").length));
          b.setAttribute("data-probe-violations", String(violations.length) + (violations.length ? ":" + violations.join(" ") : ""));
        });
        </script>
        """
        let own = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"
        return html.replacingOccurrences(of: own, with: probe)
    }

    static func attribute(_ name: String, in dom: String) -> String? {
        guard let r = dom.range(of: "\(name)=\"") else { return nil }
        let rest = dom[r.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// Distinct colours of a PNG, decoded by libav through MediaIO (scaled to at most 400 px wide).
    static func colours(ofPNG path: String) throws -> Int {
        let file = try InputFile(path: path)
        let stream = try #require(file.streams.first { $0.mediaType == .video })
        var seen = Set<UInt32>()
        _ = try file.samplePictureCopies(streamIndex: stream.index, targets: [0], tolerance: 1, keyframesOnly: false,
                                         requests: [PictureCopyRequest(kind: .rgb, maxWidth: 400)]) { _, _, copies in
            guard let rgb = copies.first?.rgb else { return }
            var i = 0
            while i + 2 < rgb.pixels.count {
                seen.insert(UInt32(rgb.pixels[i]) << 16 | UInt32(rgb.pixels[i + 1]) << 8 | UInt32(rgb.pixels[i + 2]))
                i += 3
            }
        }
        return seen.count
    }

    /// Static properties of every report: the policy, no script, nothing but data: images and same-document links.
    static func expectSelfContained(_ html: String, _ label: String) {
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"), "\(label): no CSP meta")
        #expect(!html.lowercased().contains("<script"), "\(label): a script in the report")
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url(") && !html.contains("@import"),
                "\(label): an external reference")
    }

    @Test(.enabled(if: chromium != nil, Comment(rawValue: noChromium)), arguments: cases)
    func reportLoadsInChromium(_ c: Case) throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["check", "--video", TestMedia.path(c.video), "--audio", TestMedia.path(c.audio)]
        let json = try CheckCLITests.json(try Self.run(args + ["--format", "json"]))
        let ids = Set(CheckCLITests.findings(json).compactMap { $0["ruleID"] as? String })
        let advised = try #require((json["advice"] as? [String: Any])?["mode"] as? String)

        let report = dir.appendingPathComponent("report.html")
        let r = try Self.run(args + ["--format", "html", "--report", report.path])
        #expect(r.status == 0 || r.status == 1 || r.status == 2, "\(r.stderr)")
        #expect(r.stdout.isEmpty, "--report writes nothing to stdout")
        let html = try String(contentsOf: report, encoding: .utf8)
        Self.expectSelfContained(html, c.testDescription)
        let imageCount = html.components(separatedBy: "<img ").count - 1
        #expect(imageCount >= 2, "the first frame and the filmstrip")

        let probe = dir.appendingPathComponent("probe.html")
        try Self.instrumented(html).write(to: probe, atomically: true, encoding: .utf8)
        let dump = try Self.chromium(["--virtual-time-budget=5000", "--dump-dom"], page: probe)
        let dom = String(decoding: dump.stdout, as: UTF8.self)
        try #require(dom.contains("data-probe-widths"), "the probe did not run: \(dump.stderr.suffix(500))")
        for id in ids { #expect(dom.contains("data-rule=\"\(id)\""), "\(id) missing from the DOM") }
        #expect(Self.attribute("data-advised-mode", in: dom) == advised)
        #expect(dom.contains("class=\"mode advised") && dom.contains("data-mode=\"\(advised)\""))
        let widths = (Self.attribute("data-probe-widths", in: dom) ?? "").split(separator: ",").compactMap { Int($0) }
        #expect(widths.count == imageCount && Self.attribute("data-probe-images", in: dom) == String(imageCount))
        #expect(widths.allSatisfy { $0 > 0 }, "an image did not decode: \(widths)")
        #expect(Self.attribute("data-probe-violations", in: dom) == "0", "a request was attempted")
        #expect(Self.attribute("data-probe-resources", in: dom) == "0", "a resource was loaded")

        // The report itself, as a user opens it: the screenshot shows a page, not a blank.
        let shot = dir.appendingPathComponent("shot.png")
        let s = try Self.chromium(["--window-size=1000,1400", "--screenshot=\(shot.path)"], page: report)
        #expect(FileManager.default.fileExists(atPath: shot.path), "no screenshot: \(s.stderr.suffix(500))")
        #expect(try Self.colours(ofPNG: shot.path) > 50)
    }

    /// A path holding `<script>alert(1)</script>.mp4` (a `/` cannot be in a file name: the file `script>.mp4` in
    /// the folder `<script>alert(1)<`) appears as text in the DOM, never as an element.
    @Test(.enabled(if: chromium != nil, Comment(rawValue: noChromium)))
    func fileNameIsTextNotMarkup() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hostile = "<script>alert(1)</script>.mp4"
        let video = dir.appendingPathComponent(hostile)
        try FileManager.default.createDirectory(at: video.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestMedia.path("face_none.mp4"), toPath: video.path)
        #expect(video.path.hasSuffix(hostile))
        let report = dir.appendingPathComponent("report.html")
        let r = try Self.run(["check", "--video", video.path, "--audio", TestMedia.path("speech_real.flac"), "--format", "html", "--report", report.path])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOf: report, encoding: .utf8)
        Self.expectSelfContained(html, "hostile name")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4"))
        let dump = try Self.chromium(["--virtual-time-budget=3000", "--dump-dom"], page: report)
        let dom = String(decoding: dump.stdout, as: UTF8.self)
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4"), "the name is not shown as text: \(dump.stderr.suffix(300))")
        #expect(!dom.lowercased().contains("<script"), "the name became an element")
    }

    /// The probe is not blind: a page that asks for a remote image and a remote style sheet under the same policy
    /// counts the blocked requests, and its one image reads as not decoded.
    @Test(.enabled(if: chromium != nil, Comment(rawValue: noChromium)))
    func probeSeesBlockedRequests() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("remote.html")
        let html = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"\(Self.policy)\">"
            + "<link rel=\"stylesheet\" href=\"https://cdn.example.com/a.css\"></head><body><img src=\"https://example.com/a.png\"></body></html>"
        try Self.instrumented(html).write(to: page, atomically: true, encoding: .utf8)
        let dom = String(decoding: try Self.chromium(["--virtual-time-budget=3000", "--dump-dom"], page: page).stdout, as: UTF8.self)
        let violations = Self.attribute("data-probe-violations", in: dom) ?? ""
        #expect(violations.hasPrefix("2:"), "\(violations)")
        #expect(Self.attribute("data-probe-widths", in: dom) == "0")
    }

    /// No unescaped Mustache tag in the template: every value goes through HTML escaping.
    @Test func templateEscapesEveryValue() throws {
        let source = TestMedia.directory.deletingLastPathComponent().appendingPathComponent("Sources/Preflight/Report/CheckHTMLTemplate.swift")
        let text = try String(contentsOf: source, encoding: .utf8)
        #expect(text.contains("{{title}}"))
        #expect(!text.contains("{{{") && !text.contains("{{&"))
    }

    /// A 2 s case, quick without a browser: the page is one document with the pictures inline, and the JSON of the
    /// same check carries no picture or level data.
    @Test func htmlToStdoutAndJSONWithoutVisuals() throws {
        let args = ["check", "--video", TestMedia.path("face_two.mp4"), "--audio", TestMedia.path("speech_8s.flac")]
        let html = try Self.run(args + ["--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("</html>"))
        #expect(html.stdout.contains("data:image/jpeg;base64,/9j/"), "JPEG data URIs")
        #expect(html.stdout.contains("class=\"level\""), "the level curve")
        #expect(html.stdout.contains("href=\"docs/RULES.md#F-FACE-02\""))
        Self.expectSelfContained(html.stdout, "stdout")
        let json = try Self.run(args + ["--format", "json"])
        #expect(!json.stdout.contains("\"picture\"") && !json.stdout.contains("\"levels\"") && !json.stdout.contains("\"jpeg\""))
    }

    /// `--report` is checked before any work like `--emit-request`: an input is refused (exit 4, untouched), and a
    /// written report leaves no temporary file beside it.
    @Test func reportFileIsCheckedAndReplacedWhole() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let video = dir.appendingPathComponent("v.mp4")
        try FileManager.default.copyItem(atPath: TestMedia.path("face_two.mp4"), toPath: video.path)
        let before = try Data(contentsOf: video)
        let refused = try Self.run(["check", "--video", video.path, "--format", "html", "--report", video.path])
        #expect(refused.status == 4 && refused.stderr.contains("--report"), "\(refused.stderr)")
        #expect(try Data(contentsOf: video) == before)
        let out = dir.appendingPathComponent("r.json")
        try Data("old".utf8).write(to: out)
        let ok = try Self.run(["check", "--video", video.path, "--content", "off", "--format", "json", "--report", out.path])
        #expect(ok.stdout.isEmpty)
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix("{"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["r.json", "v.mp4"])
        let same = try Self.run(["check", "--video", video.path, "--format", "html", "--report", dir.path + "/./b.json",
                                 "--emit-request", dir.path + "/b.json"])
        #expect(same.status == 64 && same.stderr.contains("same file"), "\(same.stderr)")
    }
}
