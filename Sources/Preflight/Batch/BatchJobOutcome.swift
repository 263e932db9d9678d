/// What a batch job's result says, for reports other than its JSON line (`--junit`, `--html`).
public struct BatchJobOutcome: Sendable {
    public var id: String
    /// `check` or `verify` (`error` for a job that could not be run).
    public var kind: String
    /// `pass`, `warnings`, `errors` or `unreadable` (a `Verdict`).
    public var verdict: String
    public var inputs: [CheckedInput]
    public var findings: [Finding]
}
