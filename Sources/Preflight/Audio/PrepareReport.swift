/// What `prepare` did, for people (text) and machines (JSON).
public struct PrepareReport: Codable, Sendable {
    public var input: String
    public var output: String?
    public var inputStream: Int
    public var inputCodec: String
    public var inputSampleRate: Int
    public var inputChannels: Int
    public var inputDuration: Double
    /// Loudness of the decoded, downmixed and resampled input, before any gain.
    public var inputLoudness: LoudnessMeasurement
    public var outputLoudness: LoudnessMeasurement?
    public var targetLUFS: Double?
    public var truePeakCeiling: Double
    /// Linear gain applied, dB.
    public var gainDB: Double
    public var limiterEngaged: Bool
    /// Deepest gain reduction the limiter applied, dB (0 when it did not engage).
    public var limiterMaxReductionDB: Double
    public var sampleRate: Int
    public var channels: Int
    public var bits: Int
    public var codec: String
    public var outputDuration: Double?
    public var outputFrames: Int64?
    public var outputBytes: Int64?
    public var trimmedLeadingSeconds: Double
    public var trimmedTrailingSeconds: Double
    public var fit: FitAction?
    public var notes: [String]
    /// What the preparation loses that the user should know (e.g. speech cut by cut_off).
    public var warnings: [String] = []
    public var decodeErrors: Int

    /// How the duration was fitted to the video.
    public struct FitAction: Codable, Sendable, Equatable {
        public var video: String
        public var videoDuration: Double
        public var mode: String
        public var targetDuration: Double
        /// "padded", "trimmed", "unchanged".
        public var action: String
        public var seconds: Double
        /// With cut_off: the speech in the audio the cut drops, seconds of the input (nil when not trimmed
        /// or not measured).
        public var droppedSpeech: [SpeechFigures.Segment]? = nil
    }
}
