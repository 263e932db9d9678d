/// Everything a verify rule looks at: the output, the inputs, the mode and what the scan measured.
public struct VerifyContext: Sendable {
    public var output: MediaInfo
    public var video: MediaInfo?
    public var audio: MediaInfo?
    public var syncMode: SyncMode?
    /// Output duration the sync_mode formula gives, seconds.
    public var expectedDuration: Double?
    public var payloadDuration: Double?
    public var measurements: VerifyMeasurements
    /// Set by the scan (full mode): problems with the decode and timestamps.
    public var integrityProblems: [RuleHit]
    public var timestampProblems: [RuleHit]
    /// RMS per 100 ms of the output audio (full mode).
    public var blockRMS: [Float]
}

/// A verify rule: data plus evaluation over a `VerifyContext`.
public struct VerifyRule: Sendable {
    public var rule: Rule
    public var evaluate: @Sendable (VerifyContext) -> [RuleHit]
    /// Quick mode skips rules that need the full decode.
    public var needsFullScan: Bool
}
