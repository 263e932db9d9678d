/// The outcome of `verify`: the output and inputs as probed, what was measured, findings and verdict.
/// Same findings, verdicts and exit codes as `check`.
public struct VerifyReport: Codable, Sendable, FindingsReport {
    /// The profile whose rules ran; always `sync` (verify checks Sync outputs).
    public var profile: String
    /// `full` (the whole output decoded) or `quick` (container, headers, index and a sample of keyframes).
    public var mode: VerifyMode
    /// The output and the submitted video and audio, as probed.
    public var inputs: [CheckedInput]
    /// The sync_mode the output was generated with (given, or from the request body); nil when unknown.
    public var syncMode: SyncMode?
    /// Output duration the sync_mode formula gives from the measured inputs, seconds.
    public var expectedDuration: Double?
    /// What verify measured in the output.
    public var measurements: VerifyMeasurements
    /// Every rule hit, with its severity and fix.
    public var findings: [Finding]
    /// One entry per rule evaluated, passed or failed.
    public var evaluations: [RuleEvaluation]
    /// The one-word outcome from the findings and unreadable inputs.
    public var verdict: Verdict
    /// Findings per severity and unreadable inputs.
    public var counts: FindingCounts

    /// The process exit code a pipeline acts on: the verdict's; `strict` makes warnings fail (exit 1).
    public func exitCode(strict: Bool) -> PreflightExitCode { verdict.exitCode(strict: strict) }
}

/// What verify measured in the output.
public struct VerifyMeasurements: Codable, Sendable, Equatable {
    /// Output duration in seconds: the declared one in quick mode, else the longer of the scanned video and audio.
    public var outputDuration: Double?
    /// The output's video duration in seconds: declared in quick mode, measured by the full scan otherwise.
    public var videoDuration: Double?
    /// The output's audio duration in seconds: declared in quick mode, measured by the full scan otherwise.
    public var audioDuration: Double?
    /// Video frames decoded in full mode; nil in quick mode.
    public var videoFrames: Int?
    /// Decode errors met while decoding the output (full mode; 0 in quick mode).
    public var decodeErrors: Int
    /// Timestamp in seconds of the first decode error; nil without errors.
    public var firstDecodeErrorAt: Double?
    /// Output audio lag against the submitted audio, ms (positive: the output's audio comes late).
    public var audioOffsetMs: Double?
    /// Normalised cross-correlation at that lag, 0–1.
    public var audioSimilarity: Double?
    /// Output audio level relative to the submitted audio over the compared span, dB.
    public var audioLevelChangeDB: Double?
    /// The normalised cross-correlation over the lags searched, when verify asked for visuals (the HTML report).
    public var audioCorrelation: CorrelationCurve?
    /// Runs of identical pictures of 0.5 s or more (Q-FREEZE-01), full mode.
    public var frozenRuns: [TimeRun]
    /// Runs of black pictures of 0.5 s or more (Q-BLACK-01), full mode.
    public var blackRuns: [TimeRun]
    /// Keyframes decoded in quick mode.
    public var sampledKeyframes: Int?
    /// The output's mouth: how it moves in and out of speech, and its lag behind the sound (full mode, content on).
    public var mouth: MouthMotion?
    /// The lips' lag behind the sound in the output, ms (positive: the lips come after the sound), and its
    /// confidence 0–1 (below 0.5 the lag is not trusted).
    public var lipLagMs: Double?
    /// Confidence of `lipLagMs`, 0–1 (below 0.5 the lag is not trusted).
    public var lipLagConfidence: Double?
    /// The same measured on the input video with its own audio (the output's windows within its first 12 s).
    public var inputMouth: MouthMotion?
    /// The lips' lag behind the sound in the input video, ms (positive: the lips come after the sound).
    public var inputLipLagMs: Double?
    /// Confidence of `inputLipLagMs`, 0–1 (below 0.5 the lag is not trusted).
    public var inputLipLagConfidence: Double?
    /// True when the output's audio is the input video's own audio (same speech): the two lags must then agree.
    public var sameSpeechAsInput: Bool?
    /// Faces in the output against the input video at the same (mapped) times (full mode with `--video`).
    public var facePresence: FacePresenceComparison?
    /// PSNR of the output against the input video outside the face, per sampled time (full mode with `--video`).
    public var regionPSNR: [RegionPSNR]?
    /// What could not be measured and why, each starting with the rule ids it concerns.
    public var notMeasured: [String] = []
}

/// The output's faces against the input video's at the sampled times (Q-FACE-01).
public struct FacePresenceComparison: Codable, Sendable, Equatable {
    /// Sampled times, and how many of them show a face in the input and in the output.
    public var sampled: Int
    /// Sampled times whose input picture shows a face.
    public var inputWithFace: Int
    /// Sampled times whose output picture shows a face near the input's.
    public var outputWithFace: Int
    /// "every frame" or "keyframes": how the input's pictures were found.
    public var inputSampling: String
    /// Each sampled time's faces and boxes.
    public var samples: [FaceSampleComparison]
}

/// One sampled time: faces found in the input's and the output's picture.
public struct FaceSampleComparison: Codable, Sendable, Equatable {
    /// Output time, and the input time the sync_mode shows there, seconds.
    public var time: Double
    /// The input video time the sync_mode shows at `time`, seconds.
    public var inputTime: Double
    /// Faces found in the input's picture.
    public var inputFaces: Int
    /// Faces found in the output near the input's (its box grown by one face height on every side); nil
    /// where the input shows no face (the output is not searched there).
    public var outputFaces: Int?
    /// The input's largest face and the output face nearest it, [left, top, right, bottom] in input-frame pixels.
    public var inputBox: [Int]?
    /// The output face nearest the input's largest, [left, top, right, bottom] in input-frame pixels; nil when none.
    public var outputBox: [Int]?
    /// How far the output face's centre is from the input face's, in input face heights.
    public var shift: Double?
    /// Thumbnails of the two pictures, when verify asked for visuals (the HTML report); absent from JSON otherwise.
    public var inputPicture: FramePicture?
    /// Thumbnail of the output's picture, with visuals only.
    public var outputPicture: FramePicture?
    /// Size of the frame the input's boxes are in (and the output's, scaled to it), pixels.
    public var frameWidth: Int?
    /// Height of that frame, pixels.
    public var frameHeight: Int?
}

/// PSNR of the output's picture against the input's outside the face at one sampled time (Q-REGION-01).
public struct RegionPSNR: Codable, Sendable, Equatable {
    /// Output time of the sample, seconds.
    public var time: Double
    /// The input video time the sync_mode shows there, seconds.
    public var inputTime: Double
    /// Over R, G and B, the input's face boxes (grown by a margin) left out; 99 for identical pictures.
    public var psnrDB: Double
    /// Share of the picture left out.
    public var excludedShare: Double
}

/// A stretch of the output, seconds.
public struct TimeRun: Codable, Sendable, Equatable {
    /// Start of the run in the output, seconds.
    public var start: Double
    /// End of the run in the output, seconds.
    public var end: Double
    /// Length of the run, seconds.
    public var duration: Double { end - start }
}
