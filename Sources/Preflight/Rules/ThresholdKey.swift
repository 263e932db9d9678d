/// The name of a threshold, with what it means and its unit: the one list of the thresholds preflight knows.
/// Rules read `thresholds[.videoMaxSide]`, so a misspelt name does not compile; a policy names thresholds by
/// `rawValue` (`video.maxSide`), and `init(rawValue:)` is nil for a name that is not in `all`.
public struct ThresholdKey: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The name policies and `preflight rules` use, e.g. `video.maxSide`.
    public let rawValue: String
    /// What the threshold limits, for `preflight rules` and the policy documentation.
    public let meaning: String
    /// The unit of its value (`px`, `Hz`, `s`...); nil for a ratio or a count.
    public let unit: String?

    private init(_ name: String, _ unit: String?, _ meaning: String) {
        rawValue = name
        self.unit = unit
        self.meaning = meaning
    }

    /// The known threshold with this name; nil for any other name.
    public init?(rawValue: String) {
        guard let key = Self.byName[rawValue] else { return nil }
        self = key
    }

    /// The name.
    public var description: String { rawValue }
    /// Keys are equal by name (the meaning and unit follow from it).
    public static func == (a: Self, b: Self) -> Bool { a.rawValue == b.rawValue }
    /// Hashes the name only, as `==` compares.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
    /// Ordered by name, as `preflight rules` lists them.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// Every known threshold (a profile defines the ones its rules read).
    public static let all: [ThresholdKey] = [
        .videoMaxSide, .videoMaxPixels, .videoMinSide, .videoRecommendedHeight, .videoRecommendedBitrate, .videoLowBitrateFraction,
        .videoRequiredFrameRate, .videoStillSeconds,
        .audioMaxSampleRate, .audioMinSampleRate, .audioMaxChannels, .audioMaxBits, .audioMaxDuration, .audioComfyMaxDuration,
        .audioRequiredSampleRate,
        .uploadDirectMaxBytes, .uploadAssetMaxBytes,
        .modeNearEqualSeconds, .modeMismatchRatio, .modeRemapMin, .modeRemapMax, .modeRemapAdviseMin, .modeRemapAdviseMax,
        .modeCutoffTailSeconds, .modeSpeechLevelDBFS, .modeCutoffSpeechSeconds, .modeSilencePadSeconds, .modeLoopMaxDifference,
        .textMaxCharacters, .textCharactersPerSecond, .textSpeechMismatchFactor,
        .modelReact1MaxDuration,
        .speechMinRatio, .speechMaxEdgeSilenceSeconds, .speechMaxGapSeconds,
        .imageMaxSide, .imageMaxPixels,
        .faceMinHeightShare, .faceMinHeightPixels, .faceMaxNoFaceShare, .faceMaxNoFaceSeconds, .faceMaxYawDegrees,
        .planMaxOutputSeconds,
    ]
    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.rawValue, $0) })

    // Video
    /// `video.maxSide`: largest accepted picture side, px (V-RES-01).
    public static let videoMaxSide = Self("video.maxSide", "px", "largest accepted picture side, px (V-RES-01)")
    /// `video.maxPixels`: largest accepted width x height (V-RES-01; 4096x2160).
    public static let videoMaxPixels = Self("video.maxPixels", "pixels", "largest accepted width x height (V-RES-01; 4096x2160)")
    /// `video.minSide`: smallest side below which quality suffers, px (V-RES-02).
    public static let videoMinSide = Self("video.minSide", "px", "smallest side below which quality suffers, px (V-RES-02)")
    /// `video.recommendedHeight`: recommended short side, px (V-RES-03).
    public static let videoRecommendedHeight = Self("video.recommendedHeight", "px", "recommended short side, px (V-RES-03)")
    /// `video.recommendedBitrate`: recommended average bit rate at 1080p, bit/s (V-BITRATE-01).
    public static let videoRecommendedBitrate = Self("video.recommendedBitrate", "bit/s", "recommended average bit rate at 1080p, bit/s (V-BITRATE-01)")
    /// `video.lowBitrateFraction`: V-BITRATE-01 fires below this fraction of the recommendation, scaled by pixel count.
    public static let videoLowBitrateFraction = Self("video.lowBitrateFraction", nil, "V-BITRATE-01 fires below this fraction of the recommendation, scaled by pixel count")
    /// `video.requiredFrameRate`: the only accepted frame rate, fps (wav2lip W2L-FPS-01).
    public static let videoRequiredFrameRate = Self("video.requiredFrameRate", "fps", "the only accepted frame rate, fps (wav2lip W2L-FPS-01)")
    /// `video.stillSeconds`: run of unchanging pictures at which lipsync-2/-pro is reported, s (V-STILL-01).
    public static let videoStillSeconds = Self("video.stillSeconds", "s", "run of unchanging pictures at which lipsync-2/-pro is reported, s (V-STILL-01)")
    // Audio
    /// `audio.maxSampleRate`: sample rate above which audio is downsampled, Hz (A-SR-01).
    public static let audioMaxSampleRate = Self("audio.maxSampleRate", "Hz", "sample rate above which audio is downsampled, Hz (A-SR-01)")
    /// `audio.minSampleRate`: sample rate below which quality suffers, Hz (A-SR-02).
    public static let audioMinSampleRate = Self("audio.minSampleRate", "Hz", "sample rate below which quality suffers, Hz (A-SR-02)")
    /// `audio.maxChannels`: most channels accepted (A-CH-01; 7.1 = 8).
    public static let audioMaxChannels = Self("audio.maxChannels", nil, "most channels accepted (A-CH-01; 7.1 = 8)")
    /// `audio.maxBits`: deepest sample format accepted, bits (A-BITS-01; 32-bit float).
    public static let audioMaxBits = Self("audio.maxBits", "bits", "deepest sample format accepted, bits (A-BITS-01; 32-bit float)")
    /// `audio.maxDuration`: audio length above which the legacy API rejects, s (A-DUR-01).
    public static let audioMaxDuration = Self("audio.maxDuration", "s", "audio length above which the legacy API rejects, s (A-DUR-01)")
    /// `audio.comfyMaxDuration`: audio length the ComfyUI node rejects, s (A-DUR-02).
    public static let audioComfyMaxDuration = Self("audio.comfyMaxDuration", "s", "audio length the ComfyUI node rejects, s (A-DUR-02)")
    /// `audio.requiredSampleRate`: sample rate the model runs at, Hz (wav2lip W2L-AUDIO-01).
    public static let audioRequiredSampleRate = Self("audio.requiredSampleRate", "Hz", "sample rate the model runs at, Hz (wav2lip W2L-AUDIO-01)")
    // Upload
    /// `upload.directMaxBytes`: largest direct multipart upload, bytes (S-SIZE-01; 20 MB).
    public static let uploadDirectMaxBytes = Self("upload.directMaxBytes", "bytes", "largest direct multipart upload, bytes (S-SIZE-01; 20 MB)")
    /// `upload.assetMaxBytes`: largest asset upload, bytes (S-SIZE-02; 5 GiB).
    public static let uploadAssetMaxBytes = Self("upload.assetMaxBytes", "bytes", "largest asset upload, bytes (S-SIZE-02; 5 GiB)")
    // sync_mode advice and duration rules
    /// `mode.nearEqualSeconds`: durations closer than this (or one frame) count as equal for sync_mode advice, s.
    public static let modeNearEqualSeconds = Self("mode.nearEqualSeconds", "s", "durations closer than this (or one frame) count as equal for sync_mode advice, s")
    /// `mode.mismatchRatio`: |audio - video| / max above which the mismatch is large (D-MODE-02).
    public static let modeMismatchRatio = Self("mode.mismatchRatio", nil, "|audio - video| / max above which the mismatch is large (D-MODE-02)")
    /// `mode.remapMin`: lowest video/audio speed factor that looks natural with remap (D-MODE-03).
    public static let modeRemapMin = Self("mode.remapMin", nil, "lowest video/audio speed factor that looks natural with remap (D-MODE-03)")
    /// `mode.remapMax`: highest video/audio speed factor that looks natural with remap (D-MODE-03).
    public static let modeRemapMax = Self("mode.remapMax", nil, "highest video/audio speed factor that looks natural with remap (D-MODE-03)")
    /// `mode.remapAdviseMin`: lowest speed factor for which auto advice picks remap.
    public static let modeRemapAdviseMin = Self("mode.remapAdviseMin", nil, "lowest speed factor for which auto advice picks remap")
    /// `mode.remapAdviseMax`: highest speed factor for which auto advice picks remap.
    public static let modeRemapAdviseMax = Self("mode.remapAdviseMax", nil, "highest speed factor for which auto advice picks remap")
    /// `mode.cutoffTailSeconds`: audio cut by cut_off beyond which dropped speech is checked, s (D-MODE-04).
    public static let modeCutoffTailSeconds = Self("mode.cutoffTailSeconds", "s", "audio cut by cut_off beyond which dropped speech is checked, s (D-MODE-04)")
    /// `mode.speechLevelDBFS`: RMS level of a 50 ms window that counts as sound in a dropped tail, dBFS (D-MODE-04).
    public static let modeSpeechLevelDBFS = Self("mode.speechLevelDBFS", "dBFS", "RMS level of a 50 ms window that counts as sound in a dropped tail, dBFS (D-MODE-04)")
    /// `mode.cutoffSpeechSeconds`: speech in the tail cut_off drops above which it is reported, s (D-MODE-04).
    public static let modeCutoffSpeechSeconds = Self("mode.cutoffSpeechSeconds", "s", "speech in the tail cut_off drops above which it is reported, s (D-MODE-04)")
    /// `mode.silencePadSeconds`: video longer than audio by more than this under silence is reported, s (D-MODE-05).
    public static let modeSilencePadSeconds = Self("mode.silencePadSeconds", "s", "video longer than audio by more than this under silence is reported, s (D-MODE-05)")
    /// `mode.loopMaxDifference`: mean luma difference (0-255) between first and last frame below which a clip loops seamlessly.
    public static let modeLoopMaxDifference = Self("mode.loopMaxDifference", "luma 0-255", "mean luma difference (0-255) between first and last frame below which a clip loops seamlessly")
    // Script (text-to-speech)
    /// `text.maxCharacters`: longest TTS script, Unicode code points (T-TXT-01).
    public static let textMaxCharacters = Self("text.maxCharacters", "code points", "longest TTS script, Unicode code points (T-TXT-01)")
    /// `text.charactersPerSecond`: speech rate for the script's length, characters/s (T-TXT-02; ElevenLabs: ~1,000 characters a minute).
    public static let textCharactersPerSecond = Self("text.charactersPerSecond", "characters/s", "speech rate for the script's length, characters/s (T-TXT-02; ElevenLabs: ~1,000 characters a minute)")
    /// `text.speechMismatchFactor`: estimated speech longer or shorter than the video by more than this factor is reported (T-TXT-02).
    public static let textSpeechMismatchFactor = Self("text.speechMismatchFactor", nil, "estimated speech longer or shorter than the video by more than this factor is reported (T-TXT-02)")
    // Models
    /// `model.react1MaxDuration`: longest react-1 input, s (D-REACT-01).
    public static let modelReact1MaxDuration = Self("model.react1MaxDuration", "s", "longest react-1 input, s (D-REACT-01)")
    // Speech
    /// `speech.minRatio`: share of the audio that must be speech (A-SPEECH-01, F-DUB-02; docs/CONTENT.md).
    public static let speechMinRatio = Self("speech.minRatio", nil, "share of the audio that must be speech (A-SPEECH-01, F-DUB-02; docs/CONTENT.md)")
    /// `speech.maxEdgeSilenceSeconds`: silence before the first or after the last speech above which lips stay still, s (A-SPEECH-02).
    public static let speechMaxEdgeSilenceSeconds = Self("speech.maxEdgeSilenceSeconds", "s", "silence before the first or after the last speech above which lips stay still, s (A-SPEECH-02)")
    /// `speech.maxGapSeconds`: pause inside the speech above which it is reported, s (A-SPEECH-02).
    public static let speechMaxGapSeconds = Self("speech.maxGapSeconds", "s", "pause inside the speech above which it is reported, s (A-SPEECH-02)")
    // Image (sync-3)
    /// `image.maxSide`: largest image side, px (F-IMG-02).
    public static let imageMaxSide = Self("image.maxSide", "px", "largest image side, px (F-IMG-02)")
    /// `image.maxPixels`: largest image width x height (F-IMG-02).
    public static let imageMaxPixels = Self("image.maxPixels", "pixels", "largest image width x height (F-IMG-02)")
    // Faces
    /// `face.minHeightShare`: share of the frame height the face box must reach (F-FACE-03).
    public static let faceMinHeightShare = Self("face.minHeightShare", nil, "share of the frame height the face box must reach (F-FACE-03)")
    /// `face.minHeightPixels`: height the face box must reach, px (F-FACE-03).
    public static let faceMinHeightPixels = Self("face.minHeightPixels", "px", "height the face box must reach, px (F-FACE-03)")
    /// `face.maxNoFaceShare`: share of the video without a face above which it is reported (F-FACE-04).
    public static let faceMaxNoFaceShare = Self("face.maxNoFaceShare", nil, "share of the video without a face above which it is reported (F-FACE-04)")
    /// `face.maxNoFaceSeconds`: stretch without a face at which it is reported, s (F-FACE-04).
    public static let faceMaxNoFaceSeconds = Self("face.maxNoFaceSeconds", "s", "stretch without a face at which it is reported, s (F-FACE-04)")
    /// `face.maxYawDegrees`: head turn of the largest face beyond which it is reported, degrees (F-FACE-05).
    public static let faceMaxYawDegrees = Self("face.maxYawDegrees", "°", "head turn of the largest face beyond which it is reported, degrees (F-FACE-05)")
    // Plan
    /// Not part of any built-in profile: a policy adds it for a custom plan (`Policy.apply(to:path:)`).
    public static let planMaxOutputSeconds = Self("plan.maxOutputSeconds", "s", "a custom plan's per-generation output cap, s (D-PLAN-01; overrides --plan)")
}
