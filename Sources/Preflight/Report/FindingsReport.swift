/// What the CI renderers (JUnit, GitHub annotations) need from a `check` or `verify` report.
public protocol FindingsReport {
    var profile: String { get }
    var inputs: [CheckedInput] { get }
    var findings: [Finding] { get }
    var evaluations: [RuleEvaluation] { get }
    var verdict: Verdict { get }
    var counts: CheckReport.Counts { get }
    func exitCode(strict: Bool) -> PreflightExitCode
}

extension CheckReport: FindingsReport {}

extension Verdict {
    /// The verdict for a set of findings and unreadable inputs.
    static func of(findings: [Finding], unreadable: Int) -> (Verdict, CheckReport.Counts) {
        let counts = CheckReport.Counts(errors: findings.filter { $0.severity == .error }.count,
                                        warnings: findings.filter { $0.severity == .warning }.count,
                                        infos: findings.filter { $0.severity == .info }.count,
                                        unreadable: unreadable)
        let verdict: Verdict = counts.unreadable > 0 ? .unreadable : counts.errors > 0 ? .errors : counts.warnings > 0 ? .warnings : .pass
        return (verdict, counts)
    }

    func exitCode(strict: Bool) -> PreflightExitCode {
        switch self {
        case .unreadable: return .unreadable
        case .errors: return .errors
        case .warnings: return strict ? .warnings : .ok
        case .pass: return .ok
        }
    }
}
