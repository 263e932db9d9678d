import Foundation

/// D-* rules: the two durations, the sync_mode and what the plan and model allow.
enum DurationRules {
    /// The pair's durations; nil with segments, whose durations are per segment (D-MODE-02 checks each).
    static func durations(_ c: RuleContext) -> (video: Double, audio: Double)? {
        guard let adv = c.advice, c.segmentSpans.isEmpty else { return nil }
        return (adv.videoDuration, adv.audioDuration)
    }

    static let all: [RuleDefinition] = [
        RuleDefinition(Rule("D-PLAN-01", "Output duration within the plan", .error, .pair,
                            check: "output duration of the chosen sync_mode ≤ the plan's cap (free 20 s, hobbyist 60, creator 300, growth 600, scale 1800)",
                            fix: "pick a mode with a shorter output (cut_off), trim the inputs, or use a larger plan",
                            sources: ["FAQ", "UNM"], confidence: "P")) { c in
            guard let out = c.outputDuration else { return [] }
            let cap = c.thresholds.value(.planMaxOutputSeconds) ?? c.plan?.maxOutputSeconds
            guard let cap, out > cap else { return [] }
            var fix: String? = nil
            if let adv = c.advice {
                let fitting = SyncMode.allCases.filter { (adv.outputDurationByMode[$0.rawValue] ?? .infinity) <= cap }.map(\.rawValue)
                fix = fitting.isEmpty ? "trim the inputs to \(Say.num(cap)) s or use a larger plan"
                                      : "use \(fitting.joined(separator: " or ")) (output ≤ \(Say.num(cap)) s), trim the inputs, or use a larger plan"
            }
            let planName = c.plan?.rawValue ?? "policy"
            return [RuleHit("\(c.effectiveMode?.rawValue ?? "the") output would be \(Say.sec(out)), over the \(planName) plan's \(Say.num(cap)) s cap (generation_plan_duration_exceeded)",
                            measured: Say.sec(out), limit: "≤ \(Say.num(cap)) s", fix: fix)]
        },
        RuleDefinition(Rule("D-REACT-01", "react-1 input length", .error, .pair,
                            check: "with model react-1, video and audio ≤ model.react1MaxDuration (15 s)",
                            fix: "trim both inputs to 15 s or use lipsync-2", sources: ["FAL-react", "SCEN"], confidence: "T")) { c in
            guard c.model == .react1 else { return [] }
            let limit = c.thresholds[.modelReact1MaxDuration]
            var hits: [RuleHit] = []
            if let v = c.video?.duration?.seconds, v > limit {
                hits.append(RuleHit("video is \(Say.sec(v)); react-1 takes at most \(Say.num(limit)) s", measured: Say.sec(v), limit: "≤ \(Say.num(limit)) s", role: .video))
            }
            if let a = c.media(for: .audio)?.duration?.seconds, a > limit {
                hits.append(RuleHit("audio is \(Say.sec(a)); react-1 takes at most \(Say.num(limit)) s", measured: Say.sec(a), limit: "≤ \(Say.num(limit)) s", role: .audio))
            }
            return hits
        },
        RuleDefinition(Rule("D-MODE-01", "sync_mode chosen explicitly", .warning, .pair,
                            check: "a sync_mode is given (--sync-mode, or the advised one in the --emit-request body); defaults differ between the API versions and wrappers (bounce, loop, cut_off)",
                            fix: "send options.sync_mode explicitly (--sync-mode, or the advised mode in --emit-request)",
                            sources: ["DOCSV2", "UNM", "FAL", "REP"], confidence: "P")) { c in
            // An emitted body carries the advised mode in options.sync_mode.
            guard c.requestedMode == nil, c.image == nil, c.emission == nil, let adv = c.advice else { return [] }
            return [RuleHit("no sync_mode chosen: defaults differ by platform; send sync_mode=\(adv.mode.rawValue) explicitly (preflight's advice)",
                            measured: "auto", limit: "explicit", fix: "--sync-mode \(adv.mode.rawValue)")]
        },
        RuleDefinition(Rule("D-MODE-02", "Duration mismatch", .warning, .pair,
                            check: "|audio − video| / max(audio, video) ≤ mode.mismatchRatio (20%); with segments, each segment's range against its audio (or crop)",
                            fix: "bring the durations closer before submitting: trim or pad the audio (ffmpeg -i A -af apad -t V OUT.wav) or cut the video",
                            sources: ["SM", "LUMA"], confidence: "P")) { c in
            guard c.image == nil else { return [] }
            let limit = c.thresholds[.modeMismatchRatio]
            func ratio(_ v: Double, _ a: Double) -> Double { max(a, v) > 0 ? abs(a - v) / max(a, v) : 0 }
            func shown(_ r: Double) -> String { String(format: "%.0f%%", r * 100) }
            // With segments each segment's range plays its own audio: the mismatch is per segment.
            if !c.segmentSpans.isEmpty {
                return c.segmentSpans.filter { ratio($0.videoDuration, $0.audioDuration) > limit }.map { s in
                    let r = ratio(s.videoDuration, s.audioDuration)
                    return RuleHit(String(format: "segment %d (%@): video %.2f–%.2f s (%.2f s) and its audio %.2f s differ by %.0f%% (%@ longer): bounce, loop and remap will look obvious",
                                          s.index, s.refId, s.videoStart, s.videoEnd, s.videoDuration, s.audioDuration, r * 100,
                                          s.audioDuration > s.videoDuration ? "audio" : "video"),
                                   measured: shown(r), limit: "≤ " + shown(limit), start: s.videoStart, end: s.videoEnd,
                                   role: .request, path: c.segmentsPath)
                }
            }
            guard let d = durations(c) else { return [] }
            let r = ratio(d.video, d.audio)
            guard r > limit else { return [] }
            let longer = d.audio > d.video ? "audio" : "video"
            return [RuleHit(String(format: "video %.2f s and audio %.2f s differ by %.0f%% (%@ longer): bounce, loop and remap will look obvious",
                                   d.video, d.audio, r * 100, longer),
                            measured: shown(r), limit: "≤ " + shown(limit))]
        },
        RuleDefinition(Rule("D-MODE-03", "remap speed change", .warning, .pair,
                            check: "with remap, video/audio within mode.remapMin–mode.remapMax (0.8–1.25)",
                            fix: "use bounce (audio longer) or cut_off (video longer), or bring the durations closer",
                            sources: ["SM"], confidence: "P")) { c in
            guard c.effectiveMode == .remap, let d = durations(c), d.audio > 0 else { return [] }
            let speed = d.video / d.audio
            guard speed < c.thresholds[.modeRemapMin] || speed > c.thresholds[.modeRemapMax] else { return [] }
            return [RuleHit(String(format: "remap would play the video at %.2fx speed (%.2f s onto %.2f s): motion will look unnatural", speed, d.video, d.audio),
                            measured: String(format: "%.2fx", speed),
                            limit: String(format: "%.2f–%.2fx", c.thresholds[.modeRemapMin], c.thresholds[.modeRemapMax]))]
        },
        RuleDefinition(Rule("D-MODE-04", "cut_off drops speech", .warning, .pair,
                            check: "with cut_off and audio longer than video by > mode.cutoffTailSeconds, the dropped tail holds no speech (content.speech); with --content off, it is quieter than mode.speechLevelDBFS",
                            fix: "use bounce or remap, trim the audio's tail, or pad the video",
                            sources: ["SM", "SKILL3P"], confidence: "P")) { c in
            guard c.effectiveMode == .cutOff, let d = durations(c), d.audio - d.video > c.thresholds[.modeCutoffTailSeconds] else { return [] }
            let level = c.thresholds[.modeSpeechLevelDBFS]
            let peakText = c.droppedTailPeakDBFS.map { String(format: "%.1f dBFS", $0) } ?? "not measured"
            if let tail = c.droppedTailSpeech {
                // Decided by the speech classifier: loud music or noise in the tail is no loss to the lips.
                let seconds = tail.map(\.duration).reduce(0, +)
                guard seconds >= c.thresholds[.modeCutoffSpeechSeconds], let first = tail.first else { return [] }
                return [RuleHit(String(format: "cut_off drops the last %.2f s of audio (%.2f–%.2f s), which holds %.2f s of speech (from %.2f s)",
                                       d.audio - d.video, d.video, d.audio, seconds, first.start),
                                measured: String(format: "%.2f s of speech", seconds),
                                limit: "< \(Say.num(c.thresholds[.modeCutoffSpeechSeconds])) s of speech in the dropped tail",
                                start: d.video, end: d.audio, role: .audio)]
            }
            if let peak = c.droppedTailPeakDBFS, peak < level { return [] }
            return [RuleHit(String(format: "cut_off drops the last %.2f s of audio (%.2f–%.2f s), which is not silent (loudest 50 ms: %@; speech not measured)",
                                   d.audio - d.video, d.video, d.audio, peakText),
                            measured: peakText, limit: String(format: "< %.0f dBFS in the dropped tail", level),
                            start: d.video, end: d.audio, role: .audio)]
        },
        RuleDefinition(Rule("D-MODE-05", "silence padding", .info, .pair,
                            check: "with silence, video longer than audio by ≤ mode.silencePadSeconds; lips stay still in the padded tail",
                            fix: "trim the video to the speech if the still-lipped tail is unwanted", sources: ["SM"], confidence: "P")) { c in
            guard c.effectiveMode == .silence, let d = durations(c), d.video - d.audio > c.thresholds[.modeSilencePadSeconds] else { return [] }
            return [RuleHit(String(format: "silence pads %.2f s after the audio ends (%.2f–%.2f s): no speech drives the lips there", d.video - d.audio, d.audio, d.video),
                            measured: Say.sec(d.video - d.audio), limit: "≤ \(Say.num(c.thresholds[.modeSilencePadSeconds])) s",
                            start: d.audio, end: d.video)]
        },
        RuleDefinition(Rule("D-MODE-06", "sync_mode with an image", .info, .request,
                            check: "sync_mode is ignored for image input", fix: "leave sync_mode out for image input",
                            sources: ["SM"], confidence: "P")) { c in
            guard c.image != nil, let m = c.requestedMode else { return [] }
            return [RuleHit("sync_mode \(m.rawValue) is ignored for image input: the output is as long as the audio", measured: m.rawValue, limit: "none")]
        },
    ]
}
