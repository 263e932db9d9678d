import Foundation
import MediaIO

/// `check`: probes the inputs, decides the sync_mode, applies the profile's rules and any policy
/// constraints, and returns a report with a verdict.
public enum MediaCheck {
    /// Longest TTS script file read; anything larger is not a script.
    static let maxScriptBytes = 1 << 20

    /// Throws `MissingThresholdError` (naming the rule and the profile) when a rule or the sync_mode advice
    /// reads a threshold the profile does not define; a built-in profile, with or without a policy, never does.
    public static func run(_ request: CheckRequest, profile: Profile, constraints: [Policy.Constraint] = []) throws -> CheckReport {
        do {
            return try Thresholds.reportingMisses(rule: nil, known: profile.thresholds.names) {
                try report(request, profile: profile, constraints: constraints)
            }
        } catch var e as MissingThresholdError {
            e.profile = profile.name
            throw e
        }
    }

    static func report(_ request: CheckRequest, profile: Profile, constraints: [Policy.Constraint]) throws -> CheckReport {
        // 1. Probe every media input at once (the pair is probed concurrently, like `probe A B`).
        var roles: [(role: InputRole, path: String, refId: String?)] = []
        if let v = request.videoPath { roles.append((.video, v, nil)) }
        if let i = request.imagePath { roles.append((.image, i, nil)) }
        for a in request.audio { roles.append((.audio, a.path, a.refId)) }
        // First frames: a stream this FFmpeg cannot decode is an error (V-DEC-01, A-DEC-01), found without reading it all.
        var inputs = CheckedInput.probing(roles, options: ProbeOptions(exact: request.exact, firstFrames: true,
                                                                       timeoutSeconds: request.timeoutSeconds))
        // Speech (on another thread) and faces (issue 11): the video's (or image's) pictures sampled for
        // faces and still runs, unless --content off.
        inputs.measureSpeech(request) { inputs in
            guard request.content != .off else { return }
            for i in inputs.indices where inputs[i].role == .video || inputs[i].role == .image {
                guard let m = inputs[i].media, m.video.first != nil else { continue }
                let seen = FaceScan.run(path: m.path, media: m, depth: request.content, timeoutSeconds: request.timeoutSeconds,
                                        stillSeconds: profile.thresholds.value(.videoStillSeconds) ?? 2, pictures: request.visuals)
                var c = inputs[i].content ?? ContentFigures()
                c.faces = seen.faces
                c.stillRuns = inputs[i].role == .video ? seen.stillRuns : nil
                c.notMeasured += inputs[i].role == .video ? seen.notMeasured : seen.notMeasured.filter { !$0.contains("V-STILL-01") }
                inputs[i].content = c
            }
        }

        // 2. The TTS script and the segments file.
        var script: String?
        var scriptMeasure: ScriptMeasure?
        if let sp = request.scriptPath {
            switch readScript(sp) {
            case .success(let text): script = text
                scriptMeasure = ScriptMeasure(text, charactersPerSecond: profile.thresholds.value(.textCharactersPerSecond))
                inputs.append(CheckedInput(role: .text, path: sp, refId: nil, media: nil, error: nil, script: scriptMeasure))
            case .failure(let f): inputs.append(CheckedInput(role: .text, path: sp, refId: nil, media: nil, error: f))
            }
        }
        func media(_ role: InputRole) -> [MediaInfo] { inputs.filter { $0.role == role }.compactMap(\.media) }
        let video = media(.video).first, image = media(.image).first
        let audios = media(.audio)
        let audio = audios.first

        var segmentViolations: [SegmentViolation] = []
        var spans: [SegmentSpan] = []
        if let segPath = request.segmentsPath {
            do {
                let plan = try SegmentPlan.load(path: segPath)
                let refIds = request.audioRefIds.compactMap { $0 }
                let fps = video?.video.first?.frameRate
                segmentViolations = plan.validate(videoDuration: video?.contentDuration, videoFrameRate: fps, audioRefIds: refIds)
                // The audio inputs' lengths by refId (inputs keep the order of request.audio).
                var lengths: [String: Double] = [:]
                for (ref, input) in zip(request.audioRefIds, inputs.filter { $0.role == .audio }) {
                    if let ref, let d = input.media?.contentDuration { lengths[ref] = d }
                }
                segmentViolations += plan.cropViolations(audioDurations: lengths)
                spans = plan.spans(frameRate: fps, audioDurations: lengths)
                inputs.append(CheckedInput(role: .request, path: segPath, refId: nil, media: nil, error: nil))
            } catch {
                inputs.append(CheckedInput(role: .request, path: segPath, refId: nil, media: nil,
                                           error: ProbeFailure(path: segPath, kind: "bad-segments-file", message: error.message)))
            }
        }

        // 3. sync_mode: advice from the two durations, the mode that will be used, the output it makes.
        let open = InputOpenOptions(timeoutSeconds: request.timeoutSeconds)
        var advice: SyncModeAdvice?
        var segmentAdvice: [SegmentAdvice]?
        let v = video?.contentDuration, a = audio?.contentDuration
        if request.segmentsPath != nil {
            // Each segment's range plays its own audio: advise on those, never on the first audio alone.
            if profile.usesSyncModes, let v, image == nil,
               let advised = try SyncModeAdvisor(thresholds: profile.thresholds)
                .advise(segments: spans, videoDuration: v, frameDuration: video?.video.first?.frameRate.map { 1 / $0 },
                        keepVideo: request.keepVideo) {
                advice = advised.overall
                segmentAdvice = advised.segments
            }
        } else if profile.usesSyncModes, let v, let a, image == nil {
            let advisor = try SyncModeAdvisor(thresholds: profile.thresholds)
            let frame = video?.video.first?.frameRate.map { 1 / $0 }
            var loops: Bool? = nil
            var loopCompared: String? = nil
            let ratio = v / a
            let near = max(profile.thresholds[.modeNearEqualSeconds], frame ?? 0)
            if request.syncMode == nil, a - v > near,
               ratio < profile.thresholds[.modeRemapAdviseMin] || ratio > profile.thresholds[.modeRemapAdviseMax],
               let path = video?.path {
                // Judged where a jump shows (issue 11): the whole frame, the face and the mouth at full resolution;
                // the coarse grid only with --content off (or when those cannot be compared).
                let limit = profile.thresholds[.modeLoopMaxDifference]
                if request.content != .off, let seam = LoopSeam.measure(path: path, timeoutSeconds: request.timeoutSeconds,
                                                                                   faces: inputs.first { $0.role == .video }?.content?.faces) {
                    loops = seam.isSeamless(limit: limit)
                    loopCompared = seam.summary
                } else if let diff = MediaSignals.loopDifference(path: path, options: open) {
                    loops = diff <= limit
                    loopCompared = String(format: "first vs last frame on a 32x18 grid, mean grey difference %.1f", diff)
                }
            }
            advice = advisor.advise(video: v, audio: a, frameDuration: frame, loopsSeamlessly: loops, keepVideo: request.keepVideo,
                                    loopCompared: loopCompared)
        }
        let mode = request.syncMode ?? advice?.mode
        var output: Double?
        if image != nil {
            output = a
        } else if request.segmentsPath != nil, let v, mode != nil {
            output = v   // segments replace the audio of parts of the video; its length stays
        } else if let v, let a, let mode {
            output = mode.outputDuration(video: v, audio: a)
        } else if audio == nil, request.scriptPath == nil, let v {
            output = v   // dubbing: the video's own audio
        }
        // cut_off drops the audio's tail (D-MODE-04): judged on the speech figures when they were measured, else on
        // the tail's loudness, which needs a decode of its own.
        let audioSpeech = inputs.speech(of: .audio)
        let dropsTail = mode == .cutOff && request.segmentsPath == nil && audio != nil
            && (a ?? 0) - (v ?? 0) > (profile.thresholds.value(.modeCutoffTailSeconds) ?? .infinity)
        var tailPeak: Double?
        if dropsTail, audioSpeech == nil, let v, let audio {
            tailPeak = MediaSignals.loudestWindowDBFS(path: audio.path, from: v, options: open)
        }

        // 4. Rules.
        var context = RuleContext(video: video, audio: audio, image: image, script: script, scriptPath: request.scriptPath,
                                  thresholds: profile.thresholds, plan: request.plan, model: request.model,
                                  requestedMode: request.syncMode, advice: advice, outputDuration: output,
                                  droppedTailPeakDBFS: tailPeak, segmentViolations: segmentViolations,
                                  outputFileName: request.outputFileName, emission: request.emission,
                                  segmentsPath: request.segmentsPath, segmentSpans: spans, audioInputCount: request.audio.count,
                                  scriptMeasure: scriptMeasure)
        context.dub = request.dub
        context.speech = inputs.speech(of: request.audio.isEmpty ? .video : .audio)
        if dropsTail, let v, let audioSpeech { context.droppedTailSpeech = audioSpeech.speech(after: v) }
        context.videoContent = inputs.first { $0.role == .video }?.content
        context.speakerSelected = request.speaker != nil
        var results = RuleResults()
        func evaluate(_ def: RuleDefinition, in ctx: RuleContext) throws {
            guard def.rule.enabledByDefault, def.applies(to: ctx) else { return }
            let subject = def.subjectPath?(ctx)
            results.record(def.rule, hits: try def.hits(in: ctx), severityOverride: def.severityOverride) { subject ?? ctx.path(for: $0) }
        }
        for def in profile.definitions { try evaluate(def, in: context) }
        // Further audio inputs (segments): the audio rules once each.
        for extra in audios.dropFirst() {
            context.audio = extra
            context.speech = inputs.first { $0.role == .audio && $0.path == extra.path }?.content?.speech
            for def in profile.definitions where def.rule.appliesTo == .audio { try evaluate(def, in: context) }
        }
        context.audio = audio
        context.speech = inputs.speech(of: request.audio.isEmpty ? .video : .audio)

        // 5. Policy constraints between the inputs.
        for c in constraints {
            let value = c.expression.evaluate { field in fieldValue(field, video: video ?? image, audio: audio ?? context.dubbingAudioSource, output: output) }
            guard let value else { continue }   // a field this check has no value for
            let passed = PolicyExpression.truth(value)
            results.evaluations.append(RuleEvaluation(ruleID: c.id, input: .pair, path: video?.path ?? audio?.path, failedWith: passed ? nil : c.severity))
            if !passed {
                let shown = Set(c.expression.fieldsUsed).sorted().compactMap { f in
                    fieldValue(f, video: video ?? image, audio: audio ?? context.dubbingAudioSource, output: output).map { "\(f) = \(Say.num($0))" }
                }
                results.findings.append(Finding(ruleID: c.id, severity: c.severity, input: .pair, path: video?.path ?? audio?.path,
                                        title: "policy constraint", message: (c.message ?? "policy expects \(c.expectation)") + " (\(shown.joined(separator: ", ")))",
                                        measured: shown.joined(separator: ", "), limit: c.expectation,
                                        fix: "bring the inputs within the policy, or change the policy", sources: ["policy"], start: nil, end: nil))
            }
        }

        let (verdict, counts) = Verdict.of(findings: results.findings, unreadable: inputs.filter { $0.error != nil }.count)
        var report = CheckReport(profile: profile.name, plan: request.plan, model: request.model, inputs: inputs,
                           syncMode: image == nil ? mode : nil, syncModeRequested: request.syncMode != nil,
                           advice: advice, segmentAdvice: segmentAdvice, outputDuration: output, findings: results.findings, evaluations: results.evaluations,
                           verdict: verdict, counts: counts)
        report.dubParams = request.dub
        return report
    }

    static func fieldValue(_ field: String, video: MediaInfo?, audio: MediaInfo?, output: Double?) -> Double? {
        let vs = video?.video.first, au = audio?.audio.first
        switch field {
        case "video.duration": return video?.contentDuration
        case "video.width": return vs.map { Double($0.width) }
        case "video.height": return vs.map { Double($0.height) }
        case "video.fps": return vs?.frameRate
        case "video.bitrate": return (vs?.bitRate ?? video?.bitRate).map(Double.init)
        case "video.size": return video.map { Double($0.sizeBytes) }
        case "video.rotation": return vs?.displayRotationClockwise.map(Double.init)
        case "audio.duration": return audio?.contentDuration
        case "audio.sample_rate": return au.map { Double($0.sampleRate) }
        case "audio.channels": return au.map { Double($0.channels) }
        case "audio.bit_depth": return au?.bitDepth.map(Double.init)
        case "audio.size": return audio.map { Double($0.sizeBytes) }
        case "audio.streams": return audio.map { Double($0.summary.audioStreams) }
        case "output.duration": return output
        default: return nil
        }
    }

    static func readScript(_ path: String) -> Result<String, ProbeFailure> {
        if InputFile.looksLikeURLOrProtocol(path) {
            return .failure(ProbeFailure(path: path, kind: "not-a-local-path", message: MediaIOError.notALocalPath(path).reason))
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            if InputFile.isPathTooLong(path) { return .failure(ProbeFailure(MediaIOError.pathTooLong(path))) }
            return .failure(ProbeFailure(path: path, kind: "not-found", message: "no such file"))
        }
        if isDir.boolValue { return .failure(ProbeFailure(path: path, kind: "is-directory", message: "is a directory, not a script")) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ProbeFailure(path: path, kind: "permission-denied", message: "permission denied: the file cannot be read"))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxScriptBytes + 1)) ?? Data()
        if data.count > maxScriptBytes {
            return .failure(ProbeFailure(path: path, kind: "not-a-script", message: "over 1 MiB: not a TTS script"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ProbeFailure(path: path, kind: "not-a-script", message: "not UTF-8 text"))
        }
        return .success(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
