import Foundation
import Testing
import TestMediaSupport

/// `verify --format html` (issue 15 item 2) on the testmedia verify fixtures (testmedia/README.md, "Verify
/// fixtures"), each against its input `lip_input_a.mp4` as video and audio with cut_off, loaded in headless
/// Chromium: the DOM holds every finding id, every picture decodes, the page requests nothing, a screenshot shows
/// a page; what each case is about is drawn (the frozen runs, the +200 ms offset), and what was not measured is
/// said rather than drawn. The Chromium tests are skipped, saying why, only when no chromium is installed.
@Suite struct VerifyHTMLCLITests {
    static func run(_ args: [String]) throws -> ProbeCLITests.Run { try ProbeCLITests.run(args) }

    struct Case: Sendable, CustomTestStringConvertible {
        var output: String
        /// Markup the page must hold for what this output is about.
        var shows: [String]
        var testDescription: String { output }
    }

    static let cases: [Case] = [
        // Frame 0 held over the speech: frozen runs (Q-FREEZE-01) and a still mouth (Q-LIP-01).
        Case(output: "lip_still_a.mp4", shows: ["class=\"run-frozen\"", "class=\"run-still\"", "data-rule=\"Q-FREEZE-01\""]),
        // The audio 200 ms late: the correlation's peak marked at +200 ms (Q-SYNC-01).
        Case(output: "lip_delay200_a.mp4", shows: ["class=\"marker-text\"", ">+200 ms</text>", "data-rule=\"Q-SYNC-01\""]),
        // A good output: faces kept, the curve at 0.
        Case(output: "lip_ok_a.mp4", shows: ["class=\"tick-face\"", ">+0 ms</text>"]),
    ]

    static func args(_ output: String) -> [String] {
        let input = TestMedia.path("lip_input_a.mp4")
        return ["verify", TestMedia.path(output), "--video", input, "--audio", input, "--sync-mode", "cut_off"]
    }

    @Test(.enabled(if: HeadlessChromium.path != nil, Comment(rawValue: HeadlessChromium.missing)), arguments: cases)
    func reportLoadsInChromium(_ c: Case) throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = try Self.run(Self.args(c.output) + ["--format", "json"])
        let ids = Set(CheckCLITests.findings(try CheckCLITests.json(json)).compactMap { $0["ruleID"] as? String })
        // The JSON carries none of what only the page draws.
        for key in ["\"jpeg\"", "\"inputPicture\"", "\"audioCorrelation\"", "\"series\""] {
            #expect(!json.stdout.contains(key), "\(key) in the JSON")
        }

        let report = dir.appendingPathComponent("report.html")
        let r = try Self.run(Self.args(c.output) + ["--format", "html", "--report", report.path])
        #expect(r.status == json.status, "the same exit code as the JSON report: \(r.stderr)")
        #expect(r.stdout.isEmpty, "--report writes nothing to stdout")
        let html = try String(contentsOf: report, encoding: .utf8)
        HeadlessChromium.expectSelfContained(html, c.output)
        for s in c.shows { #expect(html.contains(s), "\(c.output): \(s) missing") }
        #expect(html.contains("<polyline class=\"curve-a\""), "the correlation and mouth curves")
        let imageCount = html.components(separatedBy: "<img ").count - 1
        #expect(imageCount >= 8, "input and output pictures side by side")

        let dom = try HeadlessChromium.expectLoads(html, report: report, imageCount: imageCount, in: dir)
        for id in ids { #expect(dom.contains("data-rule=\"\(id)\""), "\(id) missing from the DOM") }
        for id in ids { #expect(dom.contains("href=\"docs/RULES.md#\(id)\""), "\(id) not linked") }
    }

    /// --quick decodes no picture and no sound past the headers: the page says so for the pictures, the runs, the
    /// audio offset and the lips, and draws no picture and no curve. To stdout, without a browser.
    @Test func notMeasuredIsSaidNotDrawn() throws {
        let r = try Self.run(Self.args("lip_ok_a.mp4") + ["--quick", "--format", "html"])
        let html = r.stdout
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("</html>"), "\(r.stderr)")
        HeadlessChromium.expectSelfContained(html, "quick")
        #expect(!html.contains("<img ") && !html.contains("<polyline"))
        #expect(html.contains("Not measured: --quick does not decode the pictures"))
        #expect(html.contains("Not measured: --quick does not decode the audio"))
        #expect(html.contains("Not measured: --quick does not follow the mouth"))
        #expect(html.contains("not measured in --quick"), "the timeline rows")
    }

    /// A file name is text, and `--report` is checked before any work: naming the output is refused (exit 4) and
    /// leaves it untouched.
    @Test func fileNameIsEscapedAndReportIsChecked() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("<script>alert(1)</script>.mp4")
        try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestMedia.path("lip_ok_a.mp4"), toPath: output.path)
        let html = try Self.run(["verify", output.path, "--quick", "--format", "html"]).stdout
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;.mp4"))
        #expect(!html.lowercased().contains("<script"))
        let before = try Data(contentsOf: output)
        let refused = try Self.run(["verify", output.path, "--quick", "--format", "html", "--report", output.path])
        #expect(refused.status == 4 && refused.stderr.contains("--report"), "\(refused.stderr)")
        #expect(try Data(contentsOf: output) == before)
    }
}
