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

    @Test(.enabled(if: HeadlessChromium.path != nil, Comment(rawValue: HeadlessChromium.missing)), arguments: cases)
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
        HeadlessChromium.expectSelfContained(html, c.testDescription)
        let imageCount = html.components(separatedBy: "<img ").count - 1
        #expect(imageCount >= 2, "the first frame and the filmstrip")

        let dom = try HeadlessChromium.expectLoads(html, report: report, imageCount: imageCount, in: dir)
        for id in ids { #expect(dom.contains("data-rule=\"\(id)\""), "\(id) missing from the DOM") }
        #expect(HeadlessChromium.attribute("data-advised-mode", in: dom) == advised)
        #expect(dom.contains("class=\"mode advised") && dom.contains("data-mode=\"\(advised)\""))
    }

    /// A path holding `<script>alert(1)</script>.mp4` (a `/` cannot be in a file name: the file `script>.mp4` in
    /// the folder `<script>alert(1)<`) appears as text in the DOM, never as an element.
    @Test(.enabled(if: HeadlessChromium.path != nil, Comment(rawValue: HeadlessChromium.missing)))
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
        HeadlessChromium.expectSelfContained(html, "hostile name")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4"))
        let dump = try HeadlessChromium.run(["--virtual-time-budget=3000", "--dump-dom"], page: report)
        let dom = String(decoding: dump.stdout, as: UTF8.self)
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4"), "the name is not shown as text: \(dump.stderr.suffix(300))")
        #expect(!dom.lowercased().contains("<script"), "the name became an element")
    }

    /// The probe is not blind: a page that asks for a remote image and a remote style sheet under the same policy
    /// counts the blocked requests, and its one image reads as not decoded.
    @Test(.enabled(if: HeadlessChromium.path != nil, Comment(rawValue: HeadlessChromium.missing)))
    func probeSeesBlockedRequests() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("remote.html")
        let html = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"\(HeadlessChromium.policy)\">"
            + "<link rel=\"stylesheet\" href=\"https://cdn.example.com/a.css\"></head><body><img src=\"https://example.com/a.png\"></body></html>"
        try HeadlessChromium.instrumented(html).write(to: page, atomically: true, encoding: .utf8)
        let dom = String(decoding: try HeadlessChromium.run(["--virtual-time-budget=3000", "--dump-dom"], page: page).stdout, as: UTF8.self)
        let violations = HeadlessChromium.attribute("data-probe-violations", in: dom) ?? ""
        #expect(violations.hasPrefix("2:"), "\(violations)")
        #expect(HeadlessChromium.attribute("data-probe-widths", in: dom) == "0")
    }

    /// No unescaped Mustache tag in check's, verify's or batch's template or their shared partials: every value is HTML-escaped.
    @Test func templateEscapesEveryValue() throws {
        for file in ["CheckHTMLTemplate.swift", "VerifyHTMLTemplate.swift", "BatchHTMLTemplate.swift", "ReportPagePartials.swift"] {
            let source = TestMedia.directory.deletingLastPathComponent().appendingPathComponent("Sources/Preflight/Report/" + file)
            let text = try String(contentsOf: source, encoding: .utf8)
            #expect(text.contains("{{"), "\(file)")
            #expect(!text.contains("{{{") && !text.contains("{{&"), "\(file)")
        }
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
        HeadlessChromium.expectSelfContained(html.stdout, "stdout")
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
