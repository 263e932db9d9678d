/// Everything a rule may look at: the probed inputs, the request being planned, and the limits.
public struct RuleContext: Sendable {
    public var video: MediaInfo?
    public var audio: MediaInfo?
    public var image: MediaInfo?
    /// The TTS script text, when the audio comes from text.
    public var script: String?
    public var scriptPath: String?
    public var thresholds: Thresholds
    public var plan: Plan?
    public var model: LipsyncModel
    /// The mode the user asked for; nil means auto (advice decides).
    public var requestedMode: SyncMode?
    public var advice: SyncModeAdvice?
    /// Requested mode, else the advised one.
    public var effectiveMode: SyncMode? { requestedMode ?? advice?.mode }
    /// Output duration the effective mode will produce.
    public var outputDuration: Double?
    /// Loudest 50 ms window (dBFS) in the audio that cut_off would drop, when measured.
    public var droppedTailPeakDBFS: Double?
    /// Violations from the segments file, already carrying their G-SEG rule ids.
    public var segmentViolations: [SegmentViolation]
    public var outputFileName: String?
    /// Set when a request body will be emitted: the URLs it carries (see `CheckRequest.emission`).
    public var emission: RequestEmitter.URLs?
    /// The segments file, the subject of segment findings.
    public var segmentsPath: String?
    /// Each segment's video range and driving audio, when the segments file and its audio resolve.
    public var segmentSpans: [SegmentSpan]
    /// How many audio inputs the request has (segments use several).
    public var audioInputCount: Int
    /// The TTS script measured as the API counts it.
    public var scriptMeasure: ScriptMeasure?
    /// The dubbing parameters, when the request dubs the video's own audio (F-DUB-03, F-DUB-04).
    public var dub: DubParams?
    /// The speech of the audio under check (the audio input, or the video's own in the dubbing flow), when measured.
    public var speech: SpeechFigures? = nil
    /// The speech in the audio cut_off would drop (D-MODE-04), when measured: nil leaves the loudness test.
    public var droppedTailSpeech: [SpeechFigures.Segment]? = nil
    // Faces (issue 11): what the content pass measured of the video, and whether the request selects a speaker.
    /// Faces and still runs of the video input, unless `--content off` (nil then: face rules stay silent).
    public var videoContent: ContentFigures? = nil
    /// The request selects the face itself (`options.active_speaker_detection`): several faces are then expected.
    public var speakerSelected = false

    public init(video: MediaInfo? = nil, audio: MediaInfo? = nil, image: MediaInfo? = nil, script: String? = nil,
                scriptPath: String? = nil, thresholds: Thresholds, plan: Plan? = nil, model: LipsyncModel = .lipsync2,
                requestedMode: SyncMode? = nil, advice: SyncModeAdvice? = nil, outputDuration: Double? = nil,
                droppedTailPeakDBFS: Double? = nil, segmentViolations: [SegmentViolation] = [], outputFileName: String? = nil,
                emission: RequestEmitter.URLs? = nil, segmentsPath: String? = nil, segmentSpans: [SegmentSpan] = [],
                audioInputCount: Int? = nil, scriptMeasure: ScriptMeasure? = nil) {
        self.video = video
        self.audio = audio
        self.image = image
        self.script = script
        self.scriptPath = scriptPath
        self.thresholds = thresholds
        self.plan = plan
        self.model = model
        self.requestedMode = requestedMode
        self.advice = advice
        self.outputDuration = outputDuration
        self.droppedTailPeakDBFS = droppedTailPeakDBFS
        self.segmentViolations = segmentViolations
        self.outputFileName = outputFileName
        self.emission = emission
        self.segmentsPath = segmentsPath
        self.segmentSpans = segmentSpans
        self.audioInputCount = audioInputCount ?? (audio == nil ? 0 : 1)
        self.scriptMeasure = scriptMeasure ?? script.map { ScriptMeasure($0) }
    }

    /// The media a rule about `role` looks at. Dubbing (video alone) takes its audio from the video.
    public func media(for role: InputRole) -> MediaInfo? {
        switch role {
        case .video: return video
        case .audio: return audio ?? (script == nil && image == nil ? dubbingAudioSource : nil)
        case .image: return image
        case .text, .pair, .request, .output: return nil
        }
    }

    /// Video checked alone (dubParams flow): its own first audio stream is the audio.
    public var dubbingAudioSource: MediaInfo? {
        guard audio == nil, script == nil, let v = video, v.summary.hasAudio else { return nil }
        return v
    }

    public func path(for role: InputRole) -> String? {
        switch role {
        case .video: return video?.path
        case .audio: return audio?.path ?? dubbingAudioSource?.path
        case .image: return image?.path
        case .text: return scriptPath
        case .pair, .request: return video?.path ?? image?.path
        case .output: return nil
        }
    }
}

/// A rule firing, before the profile's severity and fix text are attached.
public struct RuleHit: Sendable, Equatable {
    public var message: String
    public var measured: String?
    public var limit: String?
    /// Replaces the rule's generic fix when the hit knows a more precise one.
    public var fix: String?
    public var severity: Severity?
    public var start: Double?
    public var end: Double?
    /// The input this hit concerns when the rule spans several (e.g. upload size of video and audio).
    public var role: InputRole?
    /// The file the finding names when it is not the role's input (segment findings name the segments file).
    public var path: String?

    public init(_ message: String, measured: String? = nil, limit: String? = nil, fix: String? = nil,
                severity: Severity? = nil, start: Double? = nil, end: Double? = nil, role: InputRole? = nil, path: String? = nil) {
        self.message = message
        self.measured = measured
        self.limit = limit
        self.fix = fix
        self.severity = severity
        self.start = start
        self.end = end
        self.role = role
        self.path = path
    }
}
