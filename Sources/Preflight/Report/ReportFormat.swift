/// The forms a check or verify report takes (`--format`): text for a person (ANSI colours on a terminal), JSON
/// (docs/CHECK-JSON.md), JUnit XML and GitHub annotations for CI, and one self-contained HTML page
/// (docs/HTML-REPORT.md).
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Lines for a person; with `color`, ANSI colours.
    case text
    /// The report's JSON (docs/CHECK-JSON.md).
    case json
    /// A JUnit XML test suite: one test case per rule evaluation.
    case junit
    /// GitHub Actions workflow commands: one annotation per finding.
    case github
    /// One self-contained HTML page (docs/HTML-REPORT.md).
    case html

    /// `report` in this form; `strict` makes warnings fail (the exit code the report states); `color` applies
    /// to `.text` only.
    public func render(_ report: CheckReport, strict: Bool, color: Bool = false) -> String {
        switch self {
        case .text: CheckTextRenderer.render(report, strict: strict, color: color)
        case .json: ReportJSON.render(report, strict: strict)
        case .junit: JUnitRenderer.render(report, strict: strict, suiteName: "preflight check")
        case .github: GitHubAnnotationRenderer.render(report, strict: strict)
        case .html: CheckHTMLRenderer.render(report, strict: strict)
        }
    }

    /// `report` in this form, as for a check report.
    public func render(_ report: VerifyReport, strict: Bool, color: Bool = false) -> String {
        switch self {
        case .text: VerifyRenderer.text(report, strict: strict, color: color)
        case .json: VerifyRenderer.json(report, strict: strict)
        case .junit: JUnitRenderer.render(report, strict: strict, suiteName: "preflight verify")
        case .github: GitHubAnnotationRenderer.render(report, strict: strict)
        case .html: VerifyHTMLRenderer.render(report, strict: strict)
        }
    }
}
