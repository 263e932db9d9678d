/// Everything a verify rule looks at: the output, the inputs, the mode and what the scan measured.
public struct VerifyContext: Sendable {
    /// The generated file, as probed.
    public var output: MediaInfo
    /// The submitted video, as probed; nil when not given.
    public var video: MediaInfo?
    /// The submitted audio, as probed; nil when not given.
    public var audio: MediaInfo?
    /// The sync_mode the generation used; nil when unknown.
    public var syncMode: SyncMode?
    /// Output duration the sync_mode formula gives, seconds.
    public var expectedDuration: Double?
    /// `outputDuration` from the generation payload, seconds (Q-DUR-02); nil when not given.
    public var payloadDuration: Double?
    /// What verify measured in the output.
    public var measurements: VerifyMeasurements
    /// Set by the scan (full mode): problems with the decode and timestamps.
    public var integrityProblems: [RuleHit]
    /// Set by the scan (full mode): timestamps that go backwards, and video gaps with no picture.
    public var timestampProblems: [RuleHit]
    /// RMS per 100 ms of the output audio (full mode).
    public var blockRMS: [Float]
}
