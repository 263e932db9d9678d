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
    /// The output's mouth: how it moves in and out of speech, and its lag behind the sound (full mode, content on).
    public var mouth: MouthMotion?
    /// The lips' lag behind the sound in the output, ms (positive: the lips come after the sound), and its
    /// confidence 0–1 (below 0.5 the lag is not trusted).
    public var lipLagMs: Double?
    public var lipLagConfidence: Double?
    /// The same measured on the input video with its own audio (the first 20 s), when it has a face and speech.
    public var inputMouth: MouthMotion?
    public var inputLipLagMs: Double?
    public var inputLipLagConfidence: Double?
    /// True when the output's audio is the input video's own audio (same speech): the two lags must then agree.
    public var sameSpeechAsInput: Bool?
}

/// A stretch of the output, seconds.
public struct TimeRun: Codable, Sendable, Equatable {
    public var start: Double
    public var end: Double
    public var duration: Double { end - start }
}
