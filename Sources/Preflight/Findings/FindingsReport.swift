/// What a `check` or `verify` report holds in common: what the renderers (JUnit, GitHub annotations, the
/// HTML pages' headers) and a batch need from either.
public protocol FindingsReport {
    var profile: String { get }
    var inputs: [CheckedInput] { get }
    var findings: [Finding] { get }
    var evaluations: [RuleEvaluation] { get }
    var verdict: Verdict { get }
    var counts: FindingCounts { get }
    func exitCode(strict: Bool) -> PreflightExitCode
}

