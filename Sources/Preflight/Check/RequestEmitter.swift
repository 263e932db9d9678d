import Foundation

/// Builds the `/v2/generate` body for a checked request, so what passed `check` can be submitted as is.
public enum RequestEmitter {
    /// The host of placeholder URLs: a name that never resolves, so a body sent unedited fails at once.
    public static let placeholderURLPrefix = "https://REPLACE-WITH-PUBLIC-URL/"
    /// The voice id written for a TTS script when no `--voice-id` is given.
    public static let placeholderVoiceID = "REPLACE-WITH-ELEVENLABS-VOICE-ID"

    /// URLs for the inputs; placeholders are written where none is given.
    public struct URLs: Sendable, Equatable {
        /// Public https URL of the video (`--video-url`).
        public var video: String?
        /// Public https URL of the image (`--image-url`).
        public var image: String?
        /// In the order of the audio inputs.
        public var audio: [String]
        /// ElevenLabs voice of the TTS script (`--voice-id`).
        public var voiceId: String?
        /// URLs as given; nil or empty: placeholders.
        public init(video: String? = nil, image: String? = nil, audio: [String] = [], voiceId: String? = nil) {
            self.video = video
            self.image = image
            self.audio = audio
            self.voiceId = voiceId
        }

        /// Why these URLs cannot go into a body for `audioInputs` audio inputs, naming the flag; nil when each
        /// given URL is an absolute `https://` URL with a host (the API fetches inputs from public URLs).
        public func problem(audioInputs: Int) -> String? {
            let given = [("--video-url", video), ("--image-url", image)].compactMap { f, u in u.map { (f, $0) } }
                + audio.map { ("--audio-url", $0) }
            for (flag, url) in given where !Self.isHTTPS(url) {
                return "\(flag) must be a public https:// URL, got '\(url)'"
            }
            if audio.count > audioInputs {
                return "\(audio.count) --audio-url given for \(audioInputs) --audio input(s); give one URL per audio, in the same order"
            }
            return nil
        }

        /// Whether the media input of `role` (the `index`-th audio) is sent by URL rather than uploaded.
        public func hasURL(_ role: InputRole, index: Int = 0) -> Bool {
            switch role {
            case .video: return video != nil
            case .image: return image != nil
            case .audio: return index < audio.count
            default: return false
            }
        }

        static func isHTTPS(_ s: String) -> Bool {
            guard let u = URLComponents(string: s), u.scheme?.lowercased() == "https",
                  let host = u.host, !host.isEmpty else { return false }
            return !s.contains(where: \.isWhitespace)
        }
    }

    /// A value in the body that must be replaced before it is submitted.
    public struct Placeholder: Codable, Sendable, Equatable {
        /// Where in the body, e.g. `input[1].url`.
        public var field: String
        /// The placeholder written there.
        public var value: String
        /// What to put there, and the flag that would have put it there.
        public var replaceWith: String
    }

    /// The `/v2/generate` body for `request` as `report` checked it, with `urls` (placeholders where none is given).
    public static func request(_ request: CheckRequest, report: CheckReport, urls: URLs) throws -> GenerateRequest {
        try body(request, report: report, urls: urls).body
    }

    /// `options.active_speaker_detection` for `request.speaker`: auto, or the chosen face found by scanning the
    /// video (a point, or with `speakerBoxes` one box per real frame). Nil when no speaker was asked for.
    public static func activeSpeaker(_ request: CheckRequest, report: CheckReport) throws -> (value: ActiveSpeaker, outcome: SpeakerSelection.Outcome)? {
        guard let choice = request.speaker else { return nil }
        if choice == .auto, !request.speakerBoxes { return try SpeakerSelection.point([], choice: .auto) }
        // An image is one frame: the point goes to frame 0, as the API wants for images.
        guard let path = request.videoPath ?? request.imagePath else {
            throw SpeakerSelection.Failure(message: "--speaker needs a --video or --image to find the faces in")
        }
        let media = report.inputs.first { $0.role == .video || $0.role == .image }?.media
        let stride = SpeakerFaces.stride(frameRate: media?.video.first?.frameRate, duration: media?.contentDuration)
        let faces = try SpeakerFaces.scan(path: path, stride: stride, timeoutSeconds: max(request.timeoutSeconds, 60))
        if request.speakerBoxes {
            return try SpeakerSelection.track(faces.samples, choice: choice, frameCount: faces.frameCount, frameWidth: faces.width,
                                              frameHeight: faces.height, hold: faces.stride)
        }
        return try SpeakerSelection.point(faces.samples, choice: choice)
    }

    /// The body and the placeholders in it (inputs without a URL, a text input without `--voice-id`).
    public static func body(_ request: CheckRequest, report: CheckReport, urls: URLs)
        throws -> (body: GenerateRequest, placeholders: [Placeholder]) {
        try body(request, report: report, urls: urls, activeSpeaker: try activeSpeaker(request, report: report)?.value)
    }

    static func body(_ request: CheckRequest, report: CheckReport, urls: URLs, activeSpeaker: ActiveSpeaker?)
        throws -> (body: GenerateRequest, placeholders: [Placeholder]) {
        let refIds = request.audioRefIds
        // Each input item in body order (video, image, audio..., text) with what replaces its placeholder.
        var items: [(file: String, replace: String)] = []
        func url(_ given: String?, _ path: String, _ flag: String) -> String {
            items.append((fileName(path), "the public https:// URL of \(path) (\(flag))"))
            return given ?? placeholderURLPrefix + fileName(path)
        }
        let videoURL = request.videoPath.map { url(urls.video, $0, "--video-url") }
        let imageURL = request.imagePath.map { url(urls.image, $0, "--image-url") }
        // Dubbing sends the video alone: no audio or text item, so none gets a placeholder either.
        let audio: [(refId: String?, url: String)] = request.dub != nil ? [] : request.audio.enumerated().map { i, a in
            (refIds[i], url(i < urls.audio.count ? urls.audio[i] : nil, a.path, "--audio-url, \(ordinal(i + 1)) of \(request.audio.count)"))
        }
        var text: (voiceId: String, script: String)?
        if request.dub == nil, let sp = request.scriptPath, case .success(let script) = MediaCheck.readScript(sp) {
            text = (urls.voiceId ?? placeholderVoiceID, script)
        }
        var segments: [GenerateRequest.Segment]?
        if let sp = request.segmentsPath {
            let plan = try SegmentPlan.load(path: sp)
            let fps = report.inputs.first { $0.role == .video }?.media?.video.first?.frameRate
            segments = plan.requestSegments(frameRate: fps)
        }
        let body = GenerateRequest.make(model: request.model.rawValue, videoURL: videoURL, imageURL: imageURL,
                                        audio: audio, text: text, syncMode: report.syncMode, segments: segments,
                                        outputFileName: request.outputFileName, dubParams: request.dub,
                                        activeSpeaker: activeSpeaker, occlusionDetection: request.occlusionDetection ? true : nil)
        var placeholders: [Placeholder] = []
        for (i, input) in body.input.enumerated() {
            if let u = input.url, u.hasPrefix(placeholderURLPrefix), i < items.count {
                placeholders.append(Placeholder(field: "input[\(i)].url", value: u, replaceWith: items[i].replace))
            }
            if input.provider?.voiceId == placeholderVoiceID {
                placeholders.append(Placeholder(field: "input[\(i)].provider.voiceId", value: placeholderVoiceID,
                                                replaceWith: "an ElevenLabs voiceId (--voice-id; GET /v2/voices lists them)"))
            }
        }
        return (body, placeholders)
    }

    /// Writes the body for a finished check to `target` and records the outcome in `report.requestBody` (its exit
    /// code becomes 4 when writing fails). A check that found errors or an unreadable input gets no body, since
    /// the API would reject it, unless `anyway`.
    public static func emit(_ request: CheckRequest, report: inout CheckReport, to target: OutputTarget, anyway: Bool) {
        var status = RequestBodyStatus(path: target.path, outcome: .written, reason: nil, placeholders: [])
        if !anyway, let why = withheldReason(report) {
            status.outcome = .withheld
            status.reason = why
        } else {
            do {
                let speaker = try activeSpeaker(request, report: report)
                status.speaker = speaker?.outcome
                let (body, placeholders) = try self.body(request, report: report, urls: request.emission ?? URLs(), activeSpeaker: speaker?.value)
                status.placeholders = placeholders
                try write(body, to: target)
            } catch {
                let code = errno   // Foundation on Linux drops the POSIX cause of a failed write; errno still has it
                status.outcome = .failed
                status.reason = describe(error, errno: code)
            }
        }
        report.requestBody = status
    }

    /// Writes the body as pretty JSON, atomically (`AtomicFile`).
    public static func write(_ body: GenerateRequest, to target: OutputTarget) throws {
        try AtomicFile.write(try body.jsonData(pretty: true), to: target)
    }

    static func withheldReason(_ report: CheckReport) -> String? {
        switch report.verdict {
        case .unreadable:
            let paths = report.inputs.filter { $0.error != nil }.map(\.path)
            return "\(paths.count) input(s) could not be read (\(paths.joined(separator: ", ")))"
        case .errors:
            var ids: [String] = []
            for f in report.findings where f.severity == .error && !ids.contains(f.ruleID) { ids.append(f.ruleID) }
            return "the check found \(report.counts.errors) error(s) (\(ids.joined(separator: ", "))) the API would reject"
        case .pass, .warnings:
            return nil
        }
    }

    static func describe(_ error: Error, errno code: Int32) -> String {
        if let e = error as? SegmentPlanError { return e.message }
        if let e = error as? SpeakerSelection.Failure { return e.message }
        return FileErrorReason.reason(error, fallbackErrno: code)
    }

    static func ordinal(_ n: Int) -> String {
        switch n % 100 {
        case 11, 12, 13: return "\(n)th"
        default: return "\(n)" + (n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th")
        }
    }

    static func fileName(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}
