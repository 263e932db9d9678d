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
            "video.maxSide": 4096, "video.maxPixels": 4096 * 2160, "video.minSide": 480, "video.recommendedHeight": 1080,
            "video.recommendedBitrate": 50_000_000, "video.lowBitrateFraction": 0.1,
            "audio.maxSampleRate": 48000, "audio.minSampleRate": 44100, "audio.maxChannels": 8, "audio.maxBits": 32,
            "audio.maxDuration": 300, "audio.comfyMaxDuration": 600,
            "upload.directMaxBytes": 20_000_000, "upload.assetMaxBytes": 5 * 1024 * 1024 * 1024,
            "mode.nearEqualSeconds": 0.1, "mode.mismatchRatio": 0.2, "mode.remapMin": 0.8, "mode.remapMax": 1.25,
            "mode.remapAdviseMin": 0.9, "mode.remapAdviseMax": 1.1, "mode.cutoffTailSeconds": 0.5,
            "mode.speechLevelDBFS": -45, "mode.cutoffSpeechSeconds": 0.2, "mode.silencePadSeconds": 2, "mode.loopMaxDifference": 4,
            "text.maxCharacters": 5000, "text.charactersPerSecond": 16.7, "text.speechMismatchFactor": 1.5,
            "model.react1MaxDuration": 15,
            "speech.minRatio": 0.05, "speech.maxEdgeSilenceSeconds": 1.5, "speech.maxGapSeconds": 3,
            "image.maxSide": 4096, "image.maxPixels": 4096 * 2160,
            // Faces and motion (FaceRules)
            "face.minHeightShare": 0.12, "face.minHeightPixels": 80, "face.maxNoFaceShare": 0.1, "face.maxNoFaceSeconds": 1,
            "face.maxYawDegrees": 35, "video.stillSeconds": 2,
        ]),
        usesSyncModes: true)

    /// Local Wav2Lip-style pipelines: 25 fps video, 16 kHz audio, output as long as the audio.
    public static let wav2lip = Profile(
        name: "wav2lip",
        summary: "open-source Wav2Lip-style pipelines: 25 fps constant video, 16 kHz mono audio, output as long as the audio",
        definitions: Wav2LipRules.all,
        thresholds: Thresholds([
            "video.requiredFrameRate": 25, "video.recommendedHeight": 720, "audio.requiredSampleRate": 16000,
            "mode.loopMaxDifference": 4, "mode.nearEqualSeconds": 0.1, "mode.remapAdviseMin": 0.9, "mode.remapAdviseMax": 1.1,
        ]),
        usesSyncModes: false)
}
