/// A named set of rules with their thresholds: the built-in `sync` profile follows the Sync media contract;
/// `wav2lip` serves teams that run open-source lip-sync models locally.
public struct Profile: Sendable {
    /// The name `--profile` and policies select it by, e.g. `sync`.
    public var name: String
    /// One line on what the profile checks against, for `preflight rules`.
    public var summary: String
    /// The profile's rules with the code that evaluates them, in the order they run.
    public var definitions: [RuleDefinition]
    /// The rules `verify` judges a generated output by (the Q-* rules), in the order they run; a policy changes
    /// them as it changes `definitions`.
    public var outputDefinitions: [RuleDefinition]
    /// The default limits its rules read; a policy may change them.
    public var thresholds: Thresholds
    /// Whether sync_mode advice applies (the Sync API); local pipelines have one fixed length behaviour.
    public var usesSyncModes: Bool

    /// A profile of one's own: built-in rules (`Profile.sync.definitions`), custom `RuleDefinition`s, or both, with
    /// the thresholds they read (a rule reading a threshold the profile lacks throws `MissingThresholdError`).
    /// `verify` judges an output by `outputDefinitions`, the built-in Q-* rules unless given.
    public init(name: String, summary: String, definitions: [RuleDefinition], outputDefinitions: [RuleDefinition] = VerifyRules.all,
                thresholds: Thresholds, usesSyncModes: Bool) {
        self.name = name
        self.summary = summary
        self.definitions = definitions
        self.outputDefinitions = outputDefinitions
        self.thresholds = thresholds
        self.usesSyncModes = usesSyncModes
    }

    /// The rules' data without their code (ids, titles, severities, fixes).
    public var rules: [Rule] { definitions.map(\.rule) }

    /// The rule with this id, e.g. `V-RES-01`; nil when the profile has none.
    public func definition(_ id: String) -> RuleDefinition? { definitions.first { $0.rule.id == id } }

    /// The profiles shipped with preflight.
    public static let builtIn: [Profile] = [.sync, .wav2lip]

    /// The built-in profile with this name; nil for an unknown name.
    public static func named(_ name: String) -> Profile? { builtIn.first { $0.name == name } }

    /// The Sync Labs `/v2/generate` media contract: Sync API limits and sync_mode advice.
    public static let sync = Profile(
        name: "sync",
        summary: "Sync Labs /v2/generate media contract (docs/CONTRACT.md: what each rule relies on, with its sources)",
        definitions: VideoRules.all + AudioRules.all + DurationRules.all + RequestRules.all + DubRules.all + SpeechRules.all + FaceRules.all,
        thresholds: Thresholds([
            .videoMaxSide: 4096, .videoMaxPixels: 4096 * 2160, .videoMinSide: 480, .videoRecommendedHeight: 1080,
            .videoRecommendedBitrate: 50_000_000, .videoLowBitrateFraction: 0.1,
            .audioMaxSampleRate: 48000, .audioMinSampleRate: 44100, .audioMaxChannels: 8, .audioMaxBits: 32,
            .audioMaxDuration: 300, .audioComfyMaxDuration: 600,
            .uploadDirectMaxBytes: 20_000_000, .uploadAssetMaxBytes: 5 * 1024 * 1024 * 1024,
            .modeNearEqualSeconds: 0.1, .modeMismatchRatio: 0.2, .modeRemapMin: 0.8, .modeRemapMax: 1.25,
            .modeRemapAdviseMin: 0.9, .modeRemapAdviseMax: 1.1, .modeCutoffTailSeconds: 0.5,
            .modeSpeechLevelDBFS: -45, .modeCutoffSpeechSeconds: 0.2, .modeSilencePadSeconds: 2, .modeLoopMaxDifference: 4,
            .textMaxCharacters: 5000, .textCharactersPerSecond: 16.7, .textSpeechMismatchFactor: 1.5,
            .modelReact1MaxDuration: 15,
            .speechMinRatio: 0.05, .speechMaxEdgeSilenceSeconds: 1.5, .speechMaxGapSeconds: 3,
            .imageMaxSide: 4096, .imageMaxPixels: 4096 * 2160,
            // Faces and motion (FaceRules)
            .faceMinHeightShare: 0.12, .faceMinHeightPixels: 80, .faceMaxNoFaceShare: 0.1, .faceMaxNoFaceSeconds: 1,
            .faceMaxYawDegrees: 35, .videoStillSeconds: 2,
        ]),
        usesSyncModes: true)

    /// Local Wav2Lip-style pipelines: 25 fps video, 16 kHz audio, output as long as the audio.
    public static let wav2lip = Profile(
        name: "wav2lip",
        summary: "open-source Wav2Lip-style pipelines: 25 fps constant video, 16 kHz mono audio, output as long as the audio",
        definitions: Wav2LipRules.all,
        thresholds: Thresholds([
            .videoRequiredFrameRate: 25, .videoRecommendedHeight: 720, .audioRequiredSampleRate: 16000,
            .modeLoopMaxDifference: 4, .modeNearEqualSeconds: 0.1, .modeRemapAdviseMin: 0.9, .modeRemapAdviseMax: 1.1,
        ]),
        usesSyncModes: false)
}
