/// Everything a rule may look at: the probed inputs, the request being planned, and the limits.
public struct RuleContext: Sendable {
    /// The probed video input; nil when the check has none (an image request, or audio checked alone).
    public var video: MediaInfo?
    /// The probed audio input; nil with a TTS script or in the dubbing flow (see `dubbingAudioSource`).
    public var audio: MediaInfo?
    /// The probed still image input, for models that accept one (sync-3); nil when none.
    public var image: MediaInfo?
    /// The TTS script text, when the audio comes from text.
    public var script: String?
    /// The file the TTS script was read from, named by text findings.
    public var scriptPath: String?
    /// The profile's limits, after any policy changes.
    public var thresholds: Thresholds
    /// The subscription plan whose output cap applies; nil when not given.
    public var plan: Plan?
    /// The lip-sync model the request targets; some rules apply to one model only.
    public var model: LipsyncModel
    /// The mode the user asked for; nil means auto (advice decides).
    public var requestedMode: SyncMode?
    /// The sync_mode advice from the video and audio durations (per segment with a segments file); nil when not advised.
    public var advice: SyncModeAdvice?
    /// Requested mode, else the advised one.
    public var effectiveMode: SyncMode? { requestedMode ?? advice?.mode }
    /// Output duration the effective mode will produce.
    public var outputDuration: Double?
    /// Loudest 50 ms window (dBFS) in the audio that cut_off would drop, when measured.
    public var droppedTailPeakDBFS: Double?
    /// Violations from the segments file, already carrying their G-SEG rule ids.
    public var segmentViolations: [SegmentViolation]
    /// The request's `outputFileName`, checked against the API's allowed characters; nil when not given.
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
    /// Set by `verify`: the generated output and what its scan measured, which the Q-* rules judge; nil in a
    /// check, where they have nothing to look at.
    public var verification: VerifyContext? = nil

    /// A context of what the check measured and asked for; nil fields were not measured or not given.
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

    /// The file a finding about `role` names; the video (or image) for pair and request rules, nil for output.
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
    /// What is wrong, naming the measured value and the limit.
    public var message: String
    /// The measured value as display text with its unit, when there is one.
    public var measured: String?
    /// The limit broken, as display text (e.g. `≤ 1.25`), when there is one.
    public var limit: String?
    /// Replaces the rule's generic fix when the hit knows a more precise one.
    public var fix: String?
    /// Replaces the rule's default severity for this hit when the case is milder or worse; nil keeps the rule's.
    public var severity: Severity?
    /// Start of the seconds range in the media the hit concerns, when it has one.
    public var start: Double?
    /// End of that seconds range, when it has one.
    public var end: Double?
    /// The input this hit concerns when the rule spans several (e.g. upload size of video and audio).
    public var role: InputRole?
    /// The file the finding names when it is not the role's input (segment findings name the segments file).
    public var path: String?

    /// A hit with its message; the other fields are optional (fix, severity and role fall back to the rule's).
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
