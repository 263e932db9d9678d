/// What a `check` or `verify` report holds in common: what the renderers (JUnit, GitHub annotations, the
/// HTML pages' headers) and a batch need from either.
public protocol FindingsReport {
    /// The name of the profile whose rules ran, e.g. `sync`.
    var profile: String { get }
    /// Every input as checked, in the order given.
    var inputs: [CheckedInput] { get }
    /// Every rule hit, with its severity and fix.
    var findings: [Finding] { get }
    /// One entry per rule evaluated, passed or failed (JUnit lists passes too).
    var evaluations: [RuleEvaluation] { get }
    /// The one-word outcome from the findings and unreadable inputs.
    var verdict: Verdict { get }
    /// Findings per severity and unreadable inputs.
    var counts: FindingCounts { get }
    /// The process exit code a pipeline acts on; `strict` makes warnings fail (exit 1).
    func exitCode(strict: Bool) -> PreflightExitCode
}

