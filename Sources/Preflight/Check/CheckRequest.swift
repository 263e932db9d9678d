/// What to check: local paths of the inputs and the generation being planned.
public struct CheckRequest: Sendable {
    /// One audio input; `refId` names it for segments.
    public struct AudioInput: Sendable, Equatable {
        /// The name segments use for this audio; nil lets `audioRefIds` assign `audio1`, `audio2`...
        public var refId: String?
        /// Local path of the audio file.
        public var path: String
        /// An audio input at `path`, optionally named for segments.
        public init(refId: String? = nil, path: String) {
            self.refId = refId
            self.path = path
        }
    }

    /// Local path of the video to lip-sync; nil when there is none (e.g. an image request).
    public var videoPath: String?
    /// The audio inputs; several only with a segments file that assigns each to a range of the video.
    public var audio: [AudioInput]
    /// Local path of a still image used instead of a video (sync-3).
    public var imagePath: String?
    /// A text file holding the TTS script (ElevenLabs text input).
    public var scriptPath: String?
    /// nil: auto, preflight recommends one.
    public var syncMode: SyncMode?
    /// With auto mode and a longer video: keep the whole video (silence) rather than cut it.
    public var keepVideo: Bool
    /// The subscription plan whose per-generation output cap applies; nil skips that check.
    public var plan: Plan?
    /// The lip-sync model the request targets; some rules apply to one model only.
    public var model: LipsyncModel
    /// A segments file (JSON) assigning audio inputs to ranges of the video; nil for a single audio.
    public var segmentsPath: String?
    /// The `outputFileName` the request will send, checked against the API's allowed characters.
    public var outputFileName: String?
    /// Scan every packet (true durations, frame-rate constancy of any container).
    public var exact: Bool
    /// Seconds a single open or read of an input may take before it is abandoned as a timeout.
    public var timeoutSeconds: Double
    /// Set when a `/v2/generate` body will be emitted for this check: the URLs it carries (placeholders where
    /// nil). The rules depend on it: the body sends the advised sync_mode, and media given by URL are not uploaded.
    public var emission: RequestEmitter.URLs?
    /// How much of the picture and sound to analyse (faces, speech).
    public var content: ContentDepth = .fast
    /// Built-in dubbing (`dubParams`): the video alone, its audio dubbed by the API (F-DUB rules).
    public var dub: DubParams?
    /// The face `--emit-request` names in `options.active_speaker_detection`; nil sends none.
    public var speaker: SpeakerChoice?
    /// Send the chosen face as per-frame `bounding_boxes` rather than a point.
    public var speakerBoxes = false
    /// Send `options.occlusion_detection_enabled: true`.
    public var occlusionDetection = false
    /// Keep what the HTML report draws: thumbnails of the sampled pictures (`FaceFrame.picture`) and each
    /// audio's level over time (`SpeechFigures.levels`). Off for every other report: they stay out of the JSON.
    public var visuals = false

    /// A request with the given inputs and options; the remaining properties keep their defaults.
    public init(videoPath: String? = nil, audio: [AudioInput] = [], imagePath: String? = nil, scriptPath: String? = nil,
                syncMode: SyncMode? = nil, keepVideo: Bool = false, plan: Plan? = nil, model: LipsyncModel = .lipsync2,
                segmentsPath: String? = nil, outputFileName: String? = nil, exact: Bool = false, timeoutSeconds: Double = 30,
                emission: RequestEmitter.URLs? = nil) {
        self.videoPath = videoPath
        self.audio = audio
        self.imagePath = imagePath
        self.scriptPath = scriptPath
        self.syncMode = syncMode
        self.keepVideo = keepVideo
        self.plan = plan
        self.model = model
        self.segmentsPath = segmentsPath
        self.outputFileName = outputFileName
        self.exact = exact
        self.timeoutSeconds = timeoutSeconds
        self.emission = emission
    }
}

extension CheckRequest {
    /// The refId of each audio input: as given, or `audio1`, `audio2`... when segments need one.
    /// Check and the emitted request use the same names.
    public var audioRefIds: [String?] {
        audio.enumerated().map { i, a in a.refId ?? (segmentsPath != nil ? "audio\(i + 1)" : nil) }
    }
}

extension CheckRequest.AudioInput {
    /// `PATH` or `REFID=PATH` (refId: letters, digits, `_`, `-`), as given on the command line.
    public static func parse(_ argument: String) -> CheckRequest.AudioInput {
        if let eq = argument.firstIndex(of: "=") {
            let ref = argument[..<eq]
            if !ref.isEmpty, ref.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
                return .init(refId: String(ref), path: String(argument[argument.index(after: eq)...]))
            }
        }
        return .init(refId: nil, path: argument)
    }
}
