import Foundation

/// What the `head` and `header` partials of every HTML page read (`ReportPagePartials`): the command that made
/// the page, its title, the verdict badge, the counts line and the settings line. One type for the check, verify
/// and batch pages, so the three headers cannot drift apart.
struct PageHeading {
    /// "check", "verify" or "batch": the page's `<title>`, generator and `<h1>`.
    var command: String
    /// The option that asked for the page ("--format html", "--html"), for the generator tag.
    var htmlOption: String
    /// Base64 SHA-256 of the page's one inline script, allowed by the Content-Security-Policy; nil: no script.
    var scriptHash: String? = nil
    var title: String
    /// The verdict's raw value, the header's class and the badge's `data-verdict`.
    var verdict: String
    var verdictText: String
    var countsLine: String
    var settings: String
}

extension PageHeading {
    /// A check's or verify's page: the report's verdict, counts and exit code (under `strict`).
    init(command: String, report: some FindingsReport, strict: Bool, title: String, settings: String) {
        self.init(command: command, htmlOption: "--format html", title: title, verdict: report.verdict.rawValue,
                  verdictText: ReportPagePartials.verdictText(report.verdict),
                  countsLine: ReportPagePartials.countsLine(report, strict: strict), settings: settings)
    }
}
