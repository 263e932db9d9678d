/// Named numeric limits a profile's rules compare against. A policy may change any of them; unknown
/// names are rejected so that a typo does not silently keep the default.
public struct Thresholds: Codable, Sendable, Equatable {
    /// Each threshold's value by name (e.g. `audio.maxSampleRate`: 48000 Hz); units per `descriptions`.
    public private(set) var values: [String: Double]

    /// Thresholds with these names and values; a policy may then change values but not invent names.
    public init(_ values: [String: Double]) { self.values = values }

    /// The value of `key`. A key the profile does not define reads as NaN (no comparison holds) and is
    /// reported by `reportingMisses`, which `RuleDefinition.hits(in:)` and `MediaCheck.run` wrap around
    /// every lookup: a rule reused in a profile without its threshold is an error, not a crash.
    public subscript(_ key: String) -> Double {
        guard let v = values[key] else {
            Thresholds.misses?.withLock { $0.append(key) }
            return .nan
        }
        return v
    }

    /// Keys read but not defined while `reportingMisses` runs on this task or thread.
    @TaskLocal static var misses: Locked<[String]>?

    /// Runs `body` and throws `MissingThresholdError` for the first threshold it read that is not defined.
    static func reportingMisses<T>(rule: String?, known: [String], _ body: () throws -> T) throws -> T {
        let seen = Locked<[String]>([])
        let result = try $misses.withValue(seen) { try body() }
        if let key = seen.withLock({ $0.first }) { throw MissingThresholdError(key: key, ruleID: rule, known: known) }
        return result
    }

    /// Throws `MissingThresholdError` unless every one of `keys` is defined.
    func require(_ keys: [String], by rule: String?) throws {
        if let key = keys.first(where: { values[$0] == nil }) { throw MissingThresholdError(key: key, ruleID: rule, known: self.keys) }
    }

    /// The value of `key`, or nil when the profile does not define it (not reported as a miss).
    public func value(_ key: String) -> Double? { values[key] }

    /// The defined threshold names, sorted.
    public var keys: [String] { values.keys.sorted() }

    /// Sets a known key; returns false for a key the profile does not define.
    @discardableResult
    public mutating func set(_ key: String, _ value: Double) -> Bool {
        guard values[key] != nil else { return false }
        values[key] = value
        return true
    }

    /// Adds a key that is not part of every profile (the plan cap a policy sets for a custom plan).
    mutating func add(_ key: String, _ value: Double) { values[key] = value }

    /// What each threshold means, for `preflight rules` and the policy documentation.
    public static let descriptions: [String: String] = [
        "video.maxSide": "largest accepted picture side, px (V-RES-01)",
        "video.maxPixels": "largest accepted width x height (V-RES-01; 4096x2160)",
        "video.minSide": "smallest side below which quality suffers, px (V-RES-02)",
        "video.recommendedHeight": "recommended short side, px (V-RES-03)",
        "video.recommendedBitrate": "recommended average bit rate at 1080p, bit/s (V-BITRATE-01)",
        "video.lowBitrateFraction": "V-BITRATE-01 fires below this fraction of the recommendation, scaled by pixel count",
        "video.requiredFrameRate": "the only accepted frame rate, fps (wav2lip W2L-FPS-01)",
        "audio.maxSampleRate": "sample rate above which audio is downsampled, Hz (A-SR-01)",
        "audio.minSampleRate": "sample rate below which quality suffers, Hz (A-SR-02)",
        "audio.maxChannels": "most channels accepted (A-CH-01; 7.1 = 8)",
        "audio.maxBits": "deepest sample format accepted, bits (A-BITS-01; 32-bit float)",
        "audio.maxDuration": "audio length above which the legacy API rejects, s (A-DUR-01)",
        "audio.comfyMaxDuration": "audio length the ComfyUI node rejects, s (A-DUR-02)",
        "audio.requiredSampleRate": "sample rate the model runs at, Hz (wav2lip W2L-AUDIO-01)",
        "upload.directMaxBytes": "largest direct multipart upload, bytes (S-SIZE-01; 20 MB)",
        "upload.assetMaxBytes": "largest asset upload, bytes (S-SIZE-02; 5 GiB)",
        "mode.nearEqualSeconds": "durations closer than this (or one frame) count as equal for sync_mode advice, s",
        "mode.mismatchRatio": "|audio - video| / max above which the mismatch is large (D-MODE-02)",
        "mode.remapMin": "lowest video/audio speed factor that looks natural with remap (D-MODE-03)",
        "mode.remapMax": "highest video/audio speed factor that looks natural with remap (D-MODE-03)",
        "mode.remapAdviseMin": "lowest speed factor for which auto advice picks remap",
        "mode.remapAdviseMax": "highest speed factor for which auto advice picks remap",
        "mode.cutoffTailSeconds": "audio cut by cut_off beyond which dropped speech is checked, s (D-MODE-04)",
        "mode.speechLevelDBFS": "RMS level of a 50 ms window that counts as sound in a dropped tail, dBFS (D-MODE-04)",
        "mode.cutoffSpeechSeconds": "speech in the tail cut_off drops above which it is reported, s (D-MODE-04)",
        "mode.silencePadSeconds": "video longer than audio by more than this under silence is reported, s (D-MODE-05)",
        "mode.loopMaxDifference": "mean luma difference (0-255) between first and last frame below which a clip loops seamlessly",
        "text.maxCharacters": "longest TTS script, Unicode code points (T-TXT-01)",
        "text.charactersPerSecond": "speech rate for the script's length, characters/s (T-TXT-02; ElevenLabs: ~1,000 characters a minute)",
        "text.speechMismatchFactor": "estimated speech longer or shorter than the video by more than this factor is reported (T-TXT-02)",
        "model.react1MaxDuration": "longest react-1 input, s (D-REACT-01)",
        "speech.minRatio": "share of the audio that must be speech (A-SPEECH-01, F-DUB-02; docs/CONTENT.md)",
        "speech.maxEdgeSilenceSeconds": "silence before the first or after the last speech above which lips stay still, s (A-SPEECH-02)",
        "speech.maxGapSeconds": "pause inside the speech above which it is reported, s (A-SPEECH-02)",
        "image.maxSide": "largest image side, px (F-IMG-02)",
        "image.maxPixels": "largest image width x height (F-IMG-02)",
        "plan.maxOutputSeconds": "a custom plan's per-generation output cap, s (D-PLAN-01; overrides --plan)",
    ]
}
