/// The outcome of `verify`: the output and inputs as probed, what was measured, findings and verdict.
/// Same findings, verdicts and exit codes as `check`.
public struct VerifyReport: Codable, Sendable, FindingsReport {
    public var profile: String
    public var mode: String   // "full" or "quick"
    public var inputs: [CheckedInput]
    public var syncMode: String?
    /// Output duration the sync_mode formula gives from the measured inputs, seconds.
    public var expectedDuration: Double?
    public var measurements: VerifyMeasurements
    public var findings: [Finding]
    public var evaluations: [RuleEvaluation]
    public var verdict: Verdict
    public var counts: CheckReport.Counts

    public func exitCode(strict: Bool) -> PreflightExitCode { verdict.exitCode(strict: strict) }
}

/// What verify measured in the output.
public struct VerifyMeasurements: Codable, Sendable, Equatable {
    public var outputDuration: Double?
    public var videoDuration: Double?
    public var audioDuration: Double?
    public var videoFrames: Int?
    public var decodeErrors: Int
    public var firstDecodeErrorAt: Double?
    /// Output audio lag against the submitted audio, ms (positive: the output's audio comes late).
    public var audioOffsetMs: Double?
    /// Normalised cross-correlation at that lag, 0–1.
    public var audioSimilarity: Double?
    /// Output audio level relative to the submitted audio over the compared span, dB.
    public var audioLevelChangeDB: Double?
    public var frozenRuns: [TimeRun]
    public var blackRuns: [TimeRun]
    /// Keyframes decoded in quick mode.
    public var sampledKeyframes: Int?
}

/// A stretch of the output, seconds.
public struct TimeRun: Codable, Sendable, Equatable {
    public var start: Double
    public var end: Double
    public var duration: Double { end - start }
}
