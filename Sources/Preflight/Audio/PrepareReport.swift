/// What `prepare` did, for people (text) and machines (JSON).
public struct PrepareReport: Codable, Sendable {
    /// Path of the input file whose audio was prepared.
    public var input: String
    /// Path of the file written; nil with measure-only (nothing written).
    public var output: String?
    /// Index of the audio stream read from the input.
    public var inputStream: Int
    /// That stream's codec, e.g. `aac`, `pcm_s24le`.
    public var inputCodec: String
    /// That stream's sample rate, Hz.
    public var inputSampleRate: Int
    /// That stream's channel count.
    public var inputChannels: Int
    /// Length of the decoded input audio, seconds.
    public var inputDuration: Double
    /// Loudness of the decoded and downmixed input at its own sample rate (at the output's when the input's
    /// is outside 8–192 kHz), before any gain.
    public var inputLoudness: LoudnessMeasurement
    /// Loudness of the written audio; nil with measure-only.
    public var outputLoudness: LoudnessMeasurement?
    /// Integrated loudness target, LUFS; nil when the level was left alone.
    public var targetLUFS: Double?
    /// True-peak ceiling the limiter held, dBTP.
    public var truePeakCeiling: Double
    /// Linear gain applied, dB.
    public var gainDB: Double
    /// Whether the true-peak limiter reduced the gain anywhere.
    public var limiterEngaged: Bool
    /// Deepest gain reduction the limiter applied, dB (0 when it did not engage).
    public var limiterMaxReductionDB: Double
    /// Output sample rate, Hz.
    public var sampleRate: Int
    /// Output channel count (1 or 2).
    public var channels: Int
    /// Output bits per sample (16 or 24).
    public var bits: Int
    /// Output codec: `wav` or `flac` (FLAC when WAV would exceed `--max-size`).
    public var codec: String
    /// Length of the written audio, seconds; nil with measure-only.
    public var outputDuration: Double?
    /// Samples per channel written; nil with measure-only.
    public var outputFrames: Int64?
    /// Size of the written file, bytes; nil with measure-only.
    public var outputBytes: Int64?
    /// Silence removed from the start by `trimSilence`, seconds.
    public var trimmedLeadingSeconds: Double
    /// Silence removed from the end by `trimSilence`, seconds.
    public var trimmedTrailingSeconds: Double
    /// How the length was fitted to a video; nil when no video was given.
    public var fit: FitAction?
    /// What was done on the way, in words (downmix, resampling, limiter, FLAC instead of WAV...).
    public var notes: [String]
    /// What the preparation loses that the user should know (e.g. speech cut by cut_off).
    public var warnings: [String] = []
    /// Decode errors in the input: always 0 in a report, since prepare refuses an input with decode errors
    /// (`PrepareError.corruptAudio`, exit 2) rather than writing from it; kept for the JSON schema.
    public var decodeErrors: Int

    /// How the duration was fitted to the video.
    public struct FitAction: Codable, Sendable, Equatable {
        /// Path of the video the length was fitted to.
        public var video: String
        /// That video's content duration, seconds.
        public var videoDuration: Double
        /// The sync_mode the fit followed, e.g. `cut_off`.
        public var mode: SyncMode
        /// The audio length the mode wants next to the video, seconds.
        public var targetDuration: Double
        /// Whether the audio was padded, trimmed or left as it was.
        public var action: FitChange
        /// Seconds padded or trimmed (0 when unchanged).
        public var seconds: Double
        /// With cut_off: the speech in the audio the cut drops, seconds of the input (nil when not trimmed
        /// or not measured).
        public var droppedSpeech: [SpeechFigures.Segment]? = nil
    }
}
