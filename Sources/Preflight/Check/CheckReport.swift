/// The outcome of `check`: every input with its probe, the findings, the sync_mode advice and the verdict.
/// Stable JSON schema: docs/CHECK-JSON.md.
public struct CheckReport: Codable, Sendable {
    public var profile: String
    public var plan: String?
    public var model: String
    public var inputs: [CheckedInput]
    /// The sync_mode that will be used: the requested one, or the advised one.
    public var syncMode: String?
    public var syncModeRequested: Bool
    public var advice: SyncModeAdvice?
    /// With segments: the advice for each segment (`advice` follows the one that differs most).
    public var segmentAdvice: [SegmentAdvice]? = nil
    /// Output duration the sync_mode produces, seconds.
    public var outputDuration: Double?
    public var findings: [Finding]
    public var evaluations: [RuleEvaluation]
    public var verdict: Verdict
    public var counts: Counts
    /// Set by `RequestEmitter.emit` when a request body was asked for.
    public var requestBody: RequestBodyStatus? = nil
    /// The dubbing flow checked (`--dub-target-lang`): the `dubParams` the body carries.
    public var dubParams: DubParams? = nil

    /// The counts check and verify share (`FindingCounts`), by their former name.
    public typealias Counts = FindingCounts

    /// The process exit code a pipeline acts on: 4 when the requested body could not be written, else the verdict's.
    public func exitCode(strict: Bool) -> PreflightExitCode {
        requestBody?.outcome == .failed ? .outputFailed : verdict.exitCode(strict: strict)
    }
}

extension CheckReport: FindingsReport {}
