/// The outcome of `check`: every input with its probe, the findings, the sync_mode advice and the verdict.
/// Stable JSON schema: docs/CHECK-JSON.md.
public struct CheckReport: Codable, Sendable {
    /// The name of the profile whose rules ran, e.g. `sync`.
    public var profile: String
    /// The subscription plan checked against (`free`, `creator`...); nil when none was given.
    public var plan: Plan?
    /// The lip-sync model checked for, e.g. `lipsync-2`.
    public var model: LipsyncModel
    /// Every input as checked (video, audio, image, script, segments file), with its probe.
    public var inputs: [CheckedInput]
    /// The sync_mode that will be used: the requested one, or the advised one.
    public var syncMode: SyncMode?
    /// Whether the user asked for `syncMode`; false means it is preflight's advice.
    public var syncModeRequested: Bool
    /// The sync_mode advice from the video and audio durations; nil when not advised (an image, or a profile without sync modes).
    public var advice: SyncModeAdvice?
    /// With segments: the advice for each segment (`advice` follows the one that differs most).
    public var segmentAdvice: [SegmentAdvice]? = nil
    /// Output duration the sync_mode produces, seconds.
    public var outputDuration: Double?
    /// Every rule hit, with its severity and fix.
    public var findings: [Finding]
    /// One entry per rule evaluated, passed or failed.
    public var evaluations: [RuleEvaluation]
    /// The one-word outcome from the findings and unreadable inputs.
    public var verdict: Verdict
    /// Findings per severity and unreadable inputs.
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
