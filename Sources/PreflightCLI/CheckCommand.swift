import ArgumentParser
import Foundation
import Preflight

extension SyncMode: ExpressibleByArgument {}
extension Plan: ExpressibleByArgument {}
extension LipsyncModel: ExpressibleByArgument {}
extension ContentDepth: ExpressibleByArgument {}

/// check's and verify's `--format`.
extension ReportFormat: ExpressibleByArgument {}

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Apply the Sync media contract to a video and/or audio, image or TTS script, and advise the sync_mode.",
        discussion: """
        Give a video with --audio (or --text, or alone for dubbing, where the video's own audio is used), \
        an --image with --audio for sync-3, or an audio alone. Inputs are local paths; URLs are refused.
        --sync-mode auto (default) recommends a mode; naming one checks that mode instead.
        \(ExitCodeHelp.text([.ok, .warnings, .errors, .unreadable, .outputFailed, .usage, .internalError]))
        """
    )

    @Option(help: "The video (visual input).") var video: String?
    @Option(help: "An audio input; repeat for segments, as REFID=PATH.") var audio: [String] = []
    @Option(help: "An image (visual input, sync-3 only).") var image: String?
    @Option(help: "A text file holding the TTS script (ElevenLabs text input).") var text: String?
    @Option(help: "auto, cut_off, bounce, loop, silence or remap.") var syncMode: String = "auto"
    @Flag(help: "With auto: keep the whole video when the audio is shorter (silence instead of cut_off).") var keepVideo = false
    @Option(help: "free, hobbyist, creator, growth or scale: checks the output duration against the plan's cap.") var plan: Plan?
    @Option(help: "lipsync-2, lipsync-2-pro, sync-3 or react-1 (default lipsync-2).") var model: LipsyncModel?
    @OptionGroup var ruleSet: RuleSetOptions
    @Option(help: "A segments JSON file (array of {startTime, endTime, audioInput: {refId}}).") var segments: String?
    @Option(help: "outputFileName to validate and put in the request.") var outputName: String?
    @Option(help: "text, json, junit, github or html (one self-contained page: frames, faces, speech, the sync_mode timeline, findings).")
    var format: ReportFormat = .text
    @OptionGroup var reporting: ReportOptions
    @Flag(help: "Scan every packet: true durations and frame-rate constancy for any container.") var exact = false
    @Option(help: "Write the /v2/generate JSON body for these inputs to this file (not when the check finds errors).") var emitRequest: String?
    @Flag(help: "Write the --emit-request body even when the check finds errors.") var emitRequestAnyway = false
    @Option(help: "Public https:// URL of the video for --emit-request.") var videoUrl: String?
    @Option(help: "Public https:// URL of each audio, in order, for --emit-request.") var audioUrl: [String] = []
    @Option(help: "Public https:// URL of the image for --emit-request.") var imageUrl: String?
    @Option(help: "ElevenLabs voiceId for a --text input in --emit-request.") var voiceId: String?
    @Option(help: "Seconds allowed per file.") var timeout: Double = 30
    @Option(help: "Faces and speech: off, fast (default: first frame, sampled keyframes, all speech) or thorough.")
    var content: ContentDepth = .fast
    // Built-in dubbing (dubParams) and speaker selection (options.active_speaker_detection): issue 11 items 4, 6.
    @Option(help: "Dub the video's own speech into this language (e.g. es, fr, hi): checks the dubbing flow, and --emit-request writes dubParams and no audio input.")
    var dubTargetLang: String?
    @Option(help: "With --dub-target-lang: the language spoken in the video (default auto: detected).") var dubSourceLang: String?
    @Option(help: "With --dub-target-lang: how many people speak (default 0: detected).") var dubSpeakers: Int?
    @Option(help: "The face to lip-sync, into --emit-request's options.active_speaker_detection: auto, largest, left, right, or N (the N-th from the left, from 1).")
    var speaker: String?
    @Flag(help: "With --speaker: send the face as one bounding box per video frame (null where unseen) instead of a point.") var speakerBoxes = false
    @Flag(help: "Send options.occlusion_detection_enabled: true (lipsync-2/-pro: faces partly hidden by hands or microphones; slower).")
    var occlusionDetection = false

    func validate() throws {
        guard !CommandValidation.deferred else { return }
        if video == nil && audio.isEmpty && image == nil && text == nil {
            throw ValidationError("give at least one input: --video, --audio, --image or --text")
        }
        if syncMode != "auto" && SyncMode(rawValue: syncMode) == nil {
            throw ValidationError("--sync-mode must be auto, \(SyncMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        if let r = reporting.report, let e = emitRequest, URL(fileURLWithPath: r).standardizedFileURL == URL(fileURLWithPath: e).standardizedFileURL {
            throw ValidationError("--report and --emit-request name the same file")
        }
        if let problem = urls.problem(audioInputs: audio.count) { throw ValidationError(problem) }
        if dubTargetLang == nil, dubSourceLang != nil || dubSpeakers != nil {
            throw ValidationError("--dub-source-lang and --dub-speakers go with --dub-target-lang")
        }
        if let n = dubSpeakers, n < 0 { throw ValidationError("--dub-speakers must be 0 (detect) or more") }
        if let s = speaker {
            guard let choice = SpeakerChoice(argument: s) else {
                throw ValidationError("--speaker must be auto, largest, left, right or a face number from 1 (counted from the left), got '\(s)'")
            }
            if image != nil, choice == .auto || speakerBoxes {
                throw ValidationError("an --image takes a point on the face (--speaker largest|left|right|N): the API refuses auto_detect and has no frames to box on an image")
            }
            if choice != .auto, video == nil, image == nil { throw ValidationError("--speaker \(s) needs a --video (or --image) to find the faces in") }
            if speakerBoxes, choice == .auto { throw ValidationError("--speaker-boxes needs a chosen face (largest, left, right or N), not auto") }
        } else if speakerBoxes {
            throw ValidationError("--speaker-boxes goes with --speaker largest|left|right|N")
        }
    }

    var urls: RequestEmitter.URLs { .init(video: videoUrl, image: imageUrl, audio: audioUrl, voiceId: voiceId) }

    func run() throws {
        let resolved = try ruleSet.resolve(plan: plan, model: model)
        // Before any work: an --emit-request or --report path that is an input, a device or a directory is refused.
        let inputPaths = [video, image, text, segments, ruleSet.policy].compactMap { $0 } + audio.map { CheckRequest.AudioInput.parse($0).path }
        let reportTarget = try Output.target("--report", reporting.report, inputs: inputPaths + [emitRequest].compactMap { $0 })
        let emitTarget = try Output.target("--emit-request", emitRequest, inputs: inputPaths)
        var request = CheckRequest(videoPath: video, audio: audio.map(CheckRequest.AudioInput.parse), imagePath: image,
                                   scriptPath: text, syncMode: SyncMode(rawValue: syncMode), keepVideo: keepVideo,
                                   plan: resolved.plan, model: resolved.model, segmentsPath: segments,
                                   outputFileName: outputName, exact: exact, timeoutSeconds: timeout,
                                   emission: emitTarget == nil ? nil : urls)
        request.content = content
        request.dub = dubTargetLang.map { DubParams(targetLang: $0, sourceLang: dubSourceLang ?? "auto", numSpeakers: dubSpeakers ?? 0) }
        request.speaker = speaker.flatMap(SpeakerChoice.init(argument:))
        request.speakerBoxes = speakerBoxes
        request.occlusionDetection = occlusionDetection
        request.visuals = format == .html
        var report = try MediaCheck.run(request, profile: resolved.profile, constraints: resolved.constraints)
        // Written before the report is rendered, so that the report's exit code says whether it was.
        if let target = emitTarget {
            RequestEmitter.emit(request, report: &report, to: target, anyway: emitRequestAnyway)
        }
        let rendered = format.render(report, strict: reporting.strict, color: reportTarget == nil && Output.stdoutIsTerminal)
        try reporting.deliver(rendered, to: reportTarget, of: report, notes: report.requestBody?.messages ?? [])
    }
}
