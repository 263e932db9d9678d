import Foundation
import MediaIO
import Testing
import TestMediaSupport

/// Headless Chromium for the HTML report tests (check's, verify's and batch's pages): runs it on a page, swaps in a probe
/// script that counts blocked requests, loaded resources and each image's natural width, reads the DOM back, and
/// counts a screenshot's colours through MediaIO.
enum HeadlessChromium {
    /// Debian's chromium, or nil when it is not installed (the browser tests are then skipped, saying so).
    static let path: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let missing = "chromium is not installed here (apt-get install chromium; .ci/run installs it)"

    /// The policy every report declares.
    static let policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

    /// Runs Chromium headless on `page` (a file URL) with a throw-away profile.
    static func run(_ extra: [String], page: URL) throws -> ExternalTool.Result {
        let profile = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: profile) }
        return try ExternalTool.run(path!, ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
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
        // The page's own policy meta, whatever it adds to `policy` (the batch page's script hash).
        let head = "<meta http-equiv=\"Content-Security-Policy\" content=\""
        guard let start = html.range(of: head), let end = html[start.upperBound...].range(of: "\">") else { return html }
        return html.replacingCharacters(in: start.lowerBound..<end.upperBound, with: probe)
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

    /// Static properties of every report: the policy, nothing but data: images and same-document links, and no
    /// script; or, with `script` (the batch page), exactly one inline script, the only one the policy lets run.
    static func expectSelfContained(_ html: String, _ label: String, script: Bool = false) {
        if script {
            #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy); script-src 'sha256-"), "\(label): no CSP meta with a script hash")
            #expect(html.lowercased().components(separatedBy: "<script").count == 2 && html.contains("<script>"), "\(label): not one inline script")
        } else {
            #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"), "\(label): no CSP meta")
            #expect(!html.lowercased().contains("<script"), "\(label): a script in the report")
        }
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("url(") && !html.contains("@import"),
                "\(label): an external reference")
    }

    /// Loads `html` (the report at `report`) in Chromium as the tests need it: the instrumented copy's DOM, with
    /// every image decoded (`imageCount` of them), no request attempted and no resource loaded; then the report
    /// itself as a user opens it, whose screenshot must show a page, not a blank. Returns the DOM.
    static func expectLoads(_ html: String, report: URL, imageCount: Int, in dir: URL) throws -> String {
        let probe = dir.appendingPathComponent("probe.html")
        try instrumented(html).write(to: probe, atomically: true, encoding: .utf8)
        let dump = try run(["--virtual-time-budget=5000", "--dump-dom"], page: probe)
        let dom = String(decoding: dump.stdout, as: UTF8.self)
        try #require(dom.contains("data-probe-widths"), "the probe did not run: \(dump.stderr.suffix(500))")
        let widths = (attribute("data-probe-widths", in: dom) ?? "").split(separator: ",").compactMap { Int($0) }
        #expect(widths.count == imageCount && attribute("data-probe-images", in: dom) == String(imageCount))
        #expect(widths.allSatisfy { $0 > 0 }, "an image did not decode: \(widths)")
        #expect(attribute("data-probe-violations", in: dom) == "0", "a request was attempted")
        #expect(attribute("data-probe-resources", in: dom) == "0", "a resource was loaded")

        let shot = dir.appendingPathComponent("shot.png")
        let s = try run(["--window-size=1000,1400", "--screenshot=\(shot.path)"], page: report)
        #expect(FileManager.default.fileExists(atPath: shot.path), "no screenshot: \(s.stderr.suffix(500))")
        #expect(try colours(ofPNG: shot.path) > 50)
        return dom
    }
}
