/// What a batch job's result says, for reports other than its JSON line (`--junit`, `--html`).
public struct BatchJobOutcome: Sendable {
    /// The job's id in the manifest.
    public var id: String
    /// `check` or `verify` (`error` for a job that could not be run).
    public var kind: String
    /// `pass`, `warnings`, `errors` or `unreadable` (a `Verdict`).
    public var verdict: String
    /// The inputs as the check or verify read them; empty for a job that could not be run.
    public var inputs: [CheckedInput]
    /// What the job's rules found, the info findings too.
    public var findings: [Finding]
}
