/// The name of a threshold, with what it means: the one list of the thresholds preflight knows. Rules read
/// `thresholds[.videoMaxSide]`, so a misspelt name does not compile; a policy names thresholds by `rawValue`
/// (`video.maxSide`), and `init(rawValue:)` is nil for any other name.
public enum ThresholdKey: String, CaseIterable, Comparable, Codable, Sendable, CustomStringConvertible {
    // Video
    /// `video.maxSide`: largest accepted picture side, px (V-RES-01).
    case videoMaxSide = "video.maxSide"
    /// `video.maxPixels`: largest accepted width x height (V-RES-01; 4096x2160).
    case videoMaxPixels = "video.maxPixels"
    /// `video.minSide`: smallest side below which quality suffers, px (V-RES-02).
    case videoMinSide = "video.minSide"
    /// `video.recommendedHeight`: recommended short side, px (V-RES-03).
    case videoRecommendedHeight = "video.recommendedHeight"
    /// `video.recommendedBitrate`: recommended average bit rate at 1080p, bit/s (V-BITRATE-01).
    case videoRecommendedBitrate = "video.recommendedBitrate"
    /// `video.lowBitrateFraction`: V-BITRATE-01 fires below this fraction of the recommendation, scaled by pixel count.
    case videoLowBitrateFraction = "video.lowBitrateFraction"
    /// `video.requiredFrameRate`: the only accepted frame rate, fps (wav2lip W2L-FPS-01).
    case videoRequiredFrameRate = "video.requiredFrameRate"
    /// `video.stillSeconds`: run of unchanging pictures at which lipsync-2/-pro is reported, s (V-STILL-01).
    case videoStillSeconds = "video.stillSeconds"
    // Audio
    /// `audio.maxSampleRate`: sample rate above which audio is downsampled, Hz (A-SR-01).
    case audioMaxSampleRate = "audio.maxSampleRate"
    /// `audio.minSampleRate`: sample rate below which quality suffers, Hz (A-SR-02).
    case audioMinSampleRate = "audio.minSampleRate"
    /// `audio.maxChannels`: most channels accepted (A-CH-01; 7.1 = 8).
    case audioMaxChannels = "audio.maxChannels"
    /// `audio.maxBits`: deepest sample format accepted, bits (A-BITS-01; 32-bit float).
    case audioMaxBits = "audio.maxBits"
    /// `audio.maxDuration`: audio length above which the legacy API rejects, s (A-DUR-01).
    case audioMaxDuration = "audio.maxDuration"
    /// `audio.comfyMaxDuration`: audio length the ComfyUI node rejects, s (A-DUR-02).
    case audioComfyMaxDuration = "audio.comfyMaxDuration"
    /// `audio.requiredSampleRate`: sample rate the model runs at, Hz (wav2lip W2L-AUDIO-01).
    case audioRequiredSampleRate = "audio.requiredSampleRate"
    // Upload
    /// `upload.directMaxBytes`: largest direct multipart upload, bytes (S-SIZE-01; 20 MB).
    case uploadDirectMaxBytes = "upload.directMaxBytes"
    /// `upload.assetMaxBytes`: largest asset upload, bytes (S-SIZE-02; 5 GiB).
    case uploadAssetMaxBytes = "upload.assetMaxBytes"
    // sync_mode advice and duration rules
    /// `mode.nearEqualSeconds`: durations closer than this (or one frame) count as equal for sync_mode advice, s.
    case modeNearEqualSeconds = "mode.nearEqualSeconds"
    /// `mode.mismatchRatio`: |audio - video| / max above which the mismatch is large (D-MODE-02).
    case modeMismatchRatio = "mode.mismatchRatio"
    /// `mode.remapMin`: lowest video/audio speed factor that looks natural with remap (D-MODE-03).
    case modeRemapMin = "mode.remapMin"
    /// `mode.remapMax`: highest video/audio speed factor that looks natural with remap (D-MODE-03).
    case modeRemapMax = "mode.remapMax"
    /// `mode.remapAdviseMin`: lowest speed factor for which auto advice picks remap.
    case modeRemapAdviseMin = "mode.remapAdviseMin"
    /// `mode.remapAdviseMax`: highest speed factor for which auto advice picks remap.
    case modeRemapAdviseMax = "mode.remapAdviseMax"
    /// `mode.cutoffTailSeconds`: audio cut by cut_off beyond which dropped speech is checked, s (D-MODE-04).
    case modeCutoffTailSeconds = "mode.cutoffTailSeconds"
    /// `mode.speechLevelDBFS`: RMS level of a 50 ms window that counts as sound in a dropped tail, dBFS (D-MODE-04).
    case modeSpeechLevelDBFS = "mode.speechLevelDBFS"
    /// `mode.cutoffSpeechSeconds`: speech in the tail cut_off drops above which it is reported, s (D-MODE-04).
    case modeCutoffSpeechSeconds = "mode.cutoffSpeechSeconds"
    /// `mode.silencePadSeconds`: video longer than audio by more than this under silence is reported, s (D-MODE-05).
    case modeSilencePadSeconds = "mode.silencePadSeconds"
    /// `mode.loopMaxDifference`: mean luma difference (0-255) between first and last frame below which a clip loops seamlessly.
    case modeLoopMaxDifference = "mode.loopMaxDifference"
    // Script (text-to-speech)
    /// `text.maxCharacters`: longest TTS script, Unicode code points (T-TXT-01).
    case textMaxCharacters = "text.maxCharacters"
    /// `text.charactersPerSecond`: speech rate for the script's length, characters/s (T-TXT-02; ElevenLabs: ~1,000 characters a minute).
    case textCharactersPerSecond = "text.charactersPerSecond"
    /// `text.speechMismatchFactor`: estimated speech longer or shorter than the video by more than this factor is reported (T-TXT-02).
    case textSpeechMismatchFactor = "text.speechMismatchFactor"
    // Models
    /// `model.react1MaxDuration`: longest react-1 input, s (D-REACT-01).
    case modelReact1MaxDuration = "model.react1MaxDuration"
    // Speech
    /// `speech.minRatio`: share of the audio that must be speech (A-SPEECH-01, F-DUB-02; docs/CONTENT.md).
    case speechMinRatio = "speech.minRatio"
    /// `speech.maxEdgeSilenceSeconds`: silence before the first or after the last speech above which lips stay still, s (A-SPEECH-02).
    case speechMaxEdgeSilenceSeconds = "speech.maxEdgeSilenceSeconds"
    /// `speech.maxGapSeconds`: pause inside the speech above which it is reported, s (A-SPEECH-02).
    case speechMaxGapSeconds = "speech.maxGapSeconds"
    // Image (sync-3)
    /// `image.maxSide`: largest image side, px (F-IMG-02).
    case imageMaxSide = "image.maxSide"
    /// `image.maxPixels`: largest image width x height (F-IMG-02).
    case imageMaxPixels = "image.maxPixels"
    // Faces
    /// `face.minHeightShare`: share of the frame height the face box must reach (F-FACE-03).
    case faceMinHeightShare = "face.minHeightShare"
    /// `face.minHeightPixels`: height the face box must reach, px (F-FACE-03).
    case faceMinHeightPixels = "face.minHeightPixels"
    /// `face.maxNoFaceShare`: share of the video without a face above which it is reported (F-FACE-04).
    case faceMaxNoFaceShare = "face.maxNoFaceShare"
    /// `face.maxNoFaceSeconds`: stretch without a face at which it is reported, s (F-FACE-04).
    case faceMaxNoFaceSeconds = "face.maxNoFaceSeconds"
    /// `face.maxYawDegrees`: head turn of the largest face beyond which it is reported, degrees (F-FACE-05).
    case faceMaxYawDegrees = "face.maxYawDegrees"
    // Plan
    /// Not part of any built-in profile: a policy adds it for a custom plan (`Policy.apply(to:path:)`).
    case planMaxOutputSeconds = "plan.maxOutputSeconds"

    /// What the threshold limits, with its unit, for `preflight rules` and the policy documentation.
    public var meaning: String {
        switch self {
        case .videoMaxSide: "largest accepted picture side, px (V-RES-01)"
        case .videoMaxPixels: "largest accepted width x height (V-RES-01; 4096x2160)"
        case .videoMinSide: "smallest side below which quality suffers, px (V-RES-02)"
        case .videoRecommendedHeight: "recommended short side, px (V-RES-03)"
        case .videoRecommendedBitrate: "recommended average bit rate at 1080p, bit/s (V-BITRATE-01)"
        case .videoLowBitrateFraction: "V-BITRATE-01 fires below this fraction of the recommendation, scaled by pixel count"
        case .videoRequiredFrameRate: "the only accepted frame rate, fps (wav2lip W2L-FPS-01)"
        case .videoStillSeconds: "run of unchanging pictures at which lipsync-2/-pro is reported, s (V-STILL-01)"
        case .audioMaxSampleRate: "sample rate above which audio is downsampled, Hz (A-SR-01)"
        case .audioMinSampleRate: "sample rate below which quality suffers, Hz (A-SR-02)"
        case .audioMaxChannels: "most channels accepted (A-CH-01; 7.1 = 8)"
        case .audioMaxBits: "deepest sample format accepted, bits (A-BITS-01; 32-bit float)"
        case .audioMaxDuration: "audio length above which the legacy API rejects, s (A-DUR-01)"
        case .audioComfyMaxDuration: "audio length the ComfyUI node rejects, s (A-DUR-02)"
        case .audioRequiredSampleRate: "sample rate the model runs at, Hz (wav2lip W2L-AUDIO-01)"
        case .uploadDirectMaxBytes: "largest direct multipart upload, bytes (S-SIZE-01; 20 MB)"
        case .uploadAssetMaxBytes: "largest asset upload, bytes (S-SIZE-02; 5 GiB)"
        case .modeNearEqualSeconds: "durations closer than this (or one frame) count as equal for sync_mode advice, s"
        case .modeMismatchRatio: "|audio - video| / max above which the mismatch is large (D-MODE-02)"
        case .modeRemapMin: "lowest video/audio speed factor that looks natural with remap (D-MODE-03)"
        case .modeRemapMax: "highest video/audio speed factor that looks natural with remap (D-MODE-03)"
        case .modeRemapAdviseMin: "lowest speed factor for which auto advice picks remap"
        case .modeRemapAdviseMax: "highest speed factor for which auto advice picks remap"
        case .modeCutoffTailSeconds: "audio cut by cut_off beyond which dropped speech is checked, s (D-MODE-04)"
        case .modeSpeechLevelDBFS: "RMS level of a 50 ms window that counts as sound in a dropped tail, dBFS (D-MODE-04)"
        case .modeCutoffSpeechSeconds: "speech in the tail cut_off drops above which it is reported, s (D-MODE-04)"
        case .modeSilencePadSeconds: "video longer than audio by more than this under silence is reported, s (D-MODE-05)"
        case .modeLoopMaxDifference: "mean luma difference (0-255) between first and last frame below which a clip loops seamlessly"
        case .textMaxCharacters: "longest TTS script, Unicode code points (T-TXT-01)"
        case .textCharactersPerSecond: "speech rate for the script's length, characters/s (T-TXT-02; ElevenLabs: ~1,000 characters a minute)"
        case .textSpeechMismatchFactor: "estimated speech longer or shorter than the video by more than this factor is reported (T-TXT-02)"
        case .modelReact1MaxDuration: "longest react-1 input, s (D-REACT-01)"
        case .speechMinRatio: "share of the audio that must be speech (A-SPEECH-01, F-DUB-02; docs/CONTENT.md)"
        case .speechMaxEdgeSilenceSeconds: "silence before the first or after the last speech above which lips stay still, s (A-SPEECH-02)"
        case .speechMaxGapSeconds: "pause inside the speech above which it is reported, s (A-SPEECH-02)"
        case .imageMaxSide: "largest image side, px (F-IMG-02)"
        case .imageMaxPixels: "largest image width x height (F-IMG-02)"
        case .faceMinHeightShare: "share of the frame height the face box must reach (F-FACE-03)"
        case .faceMinHeightPixels: "height the face box must reach, px (F-FACE-03)"
        case .faceMaxNoFaceShare: "share of the video without a face above which it is reported (F-FACE-04)"
        case .faceMaxNoFaceSeconds: "stretch without a face at which it is reported, s (F-FACE-04)"
        case .faceMaxYawDegrees: "head turn of the largest face beyond which it is reported, degrees (F-FACE-05)"
        case .planMaxOutputSeconds: "a custom plan's per-generation output cap, s (D-PLAN-01; overrides --plan)"
        }
    }

    /// The name.
    public var description: String { rawValue }
    /// Ordered by name, as `preflight rules` lists them.
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
