import Foundation

/// Q-* rules: the downloaded output against what was sent (contract §5 and the Q rows of §9).
public enum VerifyRules {
    static func displayed(_ v: VideoStreamInfo) -> (w: Int, h: Int) {
        let r = v.displayRotationClockwise ?? 0
        return r == 90 || r == 270 ? (v.height, v.width) : (v.width, v.height)
    }

    static func orientation(_ v: VideoStreamInfo) -> String {
        let d = displayed(v)
        return d.w == d.h ? "square" : d.w > d.h ? "landscape" : "portrait"
    }

    /// One hit per picture run, located in time.
    static func runHits(_ runs: [TimeRun], _ what: String) -> [RuleHit] {
        runs.map {
            RuleHit(String(format: "the picture is %@ from %.2f to %.2f s (%.2f s)", what, $0.start, $0.end, $0.duration),
                    measured: String(format: "%.2f s", $0.duration), limit: "< \(Say.num(OutputVerifier.runThreshold)) s",
                    start: $0.start, end: $0.end)
        }
    }

    static func frame(_ c: VerifyContext) -> Double { c.output.video.first?.frameRate.map { 1 / $0 } ?? 0.04 }

    /// A Q-* rule: a `RuleDefinition` on the output, so a policy changes it like a check rule; it reads
    /// `RuleContext.verification`, which only `verify` sets.
    static func rule(_ id: String, _ title: String, _ severity: Severity, check: String, fix: String, sources: [String],
                     confidence: String, full: Bool = false, _ evaluate: @escaping @Sendable (VerifyContext) -> [RuleHit]) -> RuleDefinition {
        var definition = RuleDefinition(Rule(id, title, severity, .output, check: check, fix: fix, sources: sources, confidence: confidence)) {
            $0.verification.map(evaluate) ?? []
        }
        definition.needsFullScan = full
        return definition
    }

    /// Q-INT-01, also reported on its own when the output cannot be opened at all.
    static let integrity = rule("Q-INT-01", "Decodes cleanly and completely", .error,
                                check: "every packet demuxes and every frame decodes; the declared duration is really there",
                                fix: "download the output again (the file is damaged or incomplete); if it persists, regenerate",
                                sources: [], confidence: "D") { c in
        c.integrityProblems
    }

    /// Every verify rule, in the order they are evaluated and listed.
    public static let all: [RuleDefinition] = [
        integrity,
        rule("Q-INT-02", "Timestamps", .error,
             check: "timestamps present and increasing (DTS of each stream); no gap longer than three frames between pictures in presentation order",
             fix: "regenerate; a remux (ffmpeg -i OUT -c copy FIXED.mp4) can repair missing timestamps", sources: [], confidence: "D", full: true) { c in
            c.timestampProblems
        },
        rule("Q-CONT-01", "MP4 with H.264", .error,
             check: "container MP4 and video H.264, as the API produces",
             fix: "this is not the API's output file: download it again", sources: ["MFS-nav", "PYSDK"], confidence: "P") { c in
            var hits: [RuleHit] = []
            if c.output.container.family != "mp4" {
                hits.append(RuleHit("container is \(c.output.container.family), not MP4", measured: c.output.container.family, limit: "mp4"))
            }
            if let v = c.output.video.first, v.codec != "h264" {
                hits.append(RuleHit("video codec is \(v.codec), not H.264", measured: v.codec, limit: "h264"))
            } else if c.output.video.isEmpty {
                hits.append(RuleHit("the output has no video stream", measured: "none", limit: "h264"))
            }
            return hits
        },
        rule("Q-SDR-01", "8-bit SDR, no alpha", .warning,
             check: "8-bit, no PQ/HLG transfer, no alpha", fix: "report it to sync: outputs are normalised to 8-bit SDR",
             sources: ["MFS"], confidence: "P") { c in
            guard let v = c.output.video.first else { return [] }
            var why: [String] = []
            if let d = v.bitDepth, d > 8 { why.append("\(d)-bit") }
            if let h = v.hdrFormat { why.append(h) }
            if v.hasAlpha { why.append("alpha") }
            return why.isEmpty ? [] : [RuleHit("output is \(why.joined(separator: ", "))", measured: why.joined(separator: ", "), limit: "8-bit SDR, no alpha")]
        },
        rule("Q-RES-01", "Same resolution as the input", .warning,
             check: "displayed width and height equal the input video's", fix: "scale back if the change is unwanted, and report it",
             sources: ["HOW", "MOD"], confidence: "D") { c in
            guard let o = c.output.video.first, let i = c.video?.video.first else { return [] }
            let a = displayed(o), b = displayed(i)
            guard a != b else { return [] }
            return [RuleHit("output is \(a.w)x\(a.h), the input video \(b.w)x\(b.h)", measured: "\(a.w)x\(a.h)", limit: "\(b.w)x\(b.h)")]
        },
        rule("Q-ORIENT-01", "Same orientation as the input", .error,
             check: "portrait stays portrait, landscape stays landscape", fix: "regenerate; check the input's rotation metadata (V-ROT-01)",
             sources: ["FAQ"], confidence: "P") { c in
            guard let o = c.output.video.first, let i = c.video?.video.first, orientation(o) != orientation(i) else { return [] }
            return [RuleHit("output is \(orientation(o)), the input video \(orientation(i))", measured: orientation(o), limit: orientation(i))]
        },
        rule("Q-FPS-01", "Same frame rate as the input", .warning,
             check: "average frame rate within 1% of the input's (the API may change it)", fix: "convert if your pipeline needs the original rate",
             sources: ["MFS-old"], confidence: "P") { c in
            guard let o = c.output.video.first?.frameRate, let i = c.video?.video.first?.frameRate, abs(o - i) > 0.01 * i else { return [] }
            return [RuleHit("output runs at \(Say.fps(o)), the input at \(Say.fps(i))", measured: Say.fps(o), limit: Say.fps(i))]
        },
        rule("Q-DUR-01", "Duration matches the sync_mode", .error,
             check: "output duration = the sync_mode formula on the input durations, within one frame + 50 ms",
             fix: "regenerate; if the inputs changed, re-run check to see the expected duration", sources: ["SM"], confidence: "P") { c in
            guard let expected = c.expectedDuration, let got = c.measurements.outputDuration else { return [] }
            let tolerance = frame(c) + 0.05
            guard abs(got - expected) > tolerance else { return [] }
            let what = got < expected ? "short" : "long"
            return [RuleHit(String(format: "output is %.3f s, %.3f s too %@ for %@ (expected %.3f s ± %.0f ms)", got, abs(got - expected), what,
                                   c.syncMode?.rawValue ?? "the mode", expected, tolerance * 1000),
                            measured: String(format: "%.3f s", got), limit: String(format: "%.3f s ± %.0f ms", expected, tolerance * 1000),
                            start: min(got, expected), end: max(got, expected))]
        },
        rule("Q-DUR-02", "Duration matches outputDuration", .warning,
             check: "output duration = the generation's outputDuration (--expected-duration), within one frame + 50 ms",
             fix: "download again; compare with the webhook payload", sources: ["WH"], confidence: "P") { c in
            guard let expected = c.payloadDuration, let got = c.measurements.outputDuration, abs(got - expected) > frame(c) + 0.05 else { return [] }
            return [RuleHit(String(format: "output is %.3f s; the generation reported %.3f s", got, expected),
                            measured: String(format: "%.3f s", got), limit: String(format: "%.3f s", expected))]
        },
        rule("Q-AUD-01", "Audio present and as long as the video", .error,
             check: "an audio stream, its duration within 50 ms (plus one audio frame) of the video's",
             fix: "regenerate; an output without its audio cannot be used", sources: ["LSK"], confidence: "P") { c in
            guard !c.output.audio.isEmpty else {
                return [RuleHit("the output has no audio stream", measured: "none", limit: "1 audio stream")]
            }
            guard let v = c.measurements.videoDuration, let a = c.measurements.audioDuration, abs(v - a) > 0.05 + 0.025 else { return [] }
            return [RuleHit(String(format: "audio lasts %.3f s, video %.3f s (%.0f ms apart)", a, v, abs(a - v) * 1000),
                            measured: String(format: "%.0f ms", abs(a - v) * 1000), limit: "≤ 50 ms", start: min(a, v), end: max(a, v))]
        },
        rule("Q-SYNC-01", "Audio in sync", .error,
             check: "the output's audio lines up with the submitted audio within 40 ms (one frame at 25 fps)",
             fix: "shift it back: ffmpeg -i OUT -itsoffset -OFFSET -i OUT -map 0:v -map 1:a -c copy FIXED.mp4, and report it",
             sources: [], confidence: "D", full: true) { c in
            guard let off = c.measurements.audioOffsetMs, let sim = c.measurements.audioSimilarity, sim >= 0.5, abs(off) > 40 else { return [] }
            return [RuleHit(String(format: "the output's audio is %.0f ms %@ the picture against the submitted audio", abs(off), off > 0 ? "behind" : "ahead of"),
                            measured: String(format: "%+.0f ms", off), limit: "±40 ms")]
        },
        rule("Q-MATCH-01", "The submitted audio", .error,
             check: "the output's audio is the submitted audio (normalised correlation ≥ 0.5), not another or a truncated track",
             fix: "check the request's audio input; regenerate", sources: [], confidence: "D", full: true) { c in
            guard let sim = c.measurements.audioSimilarity, sim < 0.5 else { return [] }
            return [RuleHit(String(format: "the output's audio does not match the submitted audio (similarity %.2f)", sim),
                            measured: String(format: "%.2f", sim), limit: "≥ 0.50")]
        },
        rule("Q-LEVEL-01", "Audio level kept", .warning,
             check: "the output's audio level within 6 dB of the submitted audio", fix: "re-level the output, and report it",
             sources: [], confidence: "D", full: true) { c in
            guard let l = c.measurements.audioLevelChangeDB, (c.measurements.audioSimilarity ?? 0) >= 0.5, abs(l) > 6 else { return [] }
            return [RuleHit(String(format: "the output's audio is %.1f dB %@ than the submitted audio", abs(l), l > 0 ? "louder" : "quieter"),
                            measured: String(format: "%+.1f dB", l), limit: "±6 dB")]
        },
        rule("Q-SIL-01", "Silent tail with silence", .warning,
             check: "with silence and a shorter audio, the output's audio is silent after the submitted audio ends",
             fix: "check the request's sync_mode", sources: ["SM"], confidence: "P", full: true) { c in
            guard c.syncMode == .silence, let a = c.audio?.contentDuration, let v = c.video?.contentDuration, v - a > 0.2,
                  !c.blockRMS.isEmpty else { return [] }
            let from = Int(((a + 0.1) * 10).rounded(.up)), to = min(c.blockRMS.count, Int((v * 10).rounded(.down)))
            guard to > from else { return [] }
            let loud = c.blockRMS[from..<to].max() ?? 0
            guard loud > 0.003 else { return [] }   // about -50 dBFS
            return [RuleHit(String(format: "the output has sound (%.0f dBFS) between %.2f and %.2f s, where silence mode pads with silence", 20 * log10(Double(loud)), a, v),
                            measured: String(format: "%.0f dBFS", 20 * log10(Double(loud))), limit: "< -50 dBFS", start: a, end: v)]
        },
        rule("Q-LIP-01", "The mouth moves with the speech", .warning,
             check: "in the stretches followed frame by frame, the mouth opening (outer lips over nose-to-chin) varies during the output's speech by at least 0.008 (RMS, high-passed), in all of it (error) and in each stretch of speech of 1 s or more (warning)",
             fix: "regenerate: the lips were not animated (check that the face is visible and frontal in the input, F-FACE-*)",
             sources: [], confidence: "D", full: true) { c in
            guard let m = c.measurements.mouth, let sp = m.speechStdDev else { return [] }
            let still = MouthMotionScan.stillStdDev
            let followed = m.windows.map { String(format: "%.1f–%.1f s", $0.start, $0.end) }.joined(separator: ", ")
            if sp < still {
                return [RuleHit(String(format: "the mouth does not move during speech: its opening varies by %.3f over %d frames of speech (followed: %@)", sp, m.speechFrames, followed),
                                measured: String(format: "%.3f", sp), limit: String(format: "≥ %.3f", still), severity: .error,
                                start: m.stillDuringSpeech.first?.start, end: m.stillDuringSpeech.last?.end)]
            }
            // Speech against non-speech motion was measured and left out: in-sync clips move as much in the
            // pauses between words (0.017–0.031) as in speech (0.022–0.033), docs/CONTENT.md.
            return m.stillDuringSpeech.map {
                RuleHit(String(format: "the mouth stays still from %.2f to %.2f s while there is speech", $0.start, $0.end),
                        measured: "still", limit: String(format: "≥ %.3f", still), start: $0.start, end: $0.end)
            }
        },
        rule("Q-LIP-02", "Lips in step with the sound", .warning,
             check: "the lag that best correlates the mouth opening with the speech-band envelope is within 2 frames of the input video's own lag when the output carries the input's speech; otherwise within ±300 ms of 0 (the spread of in-sync footage); not judged when the correlation is ambiguous",
             fix: "if the audio is shifted, shift it back: ffmpeg -i OUT -itsoffset SECONDS -i OUT -map 0:v -map 1:a -c copy FIXED.mp4; otherwise regenerate",
             sources: [], confidence: "D", full: true) { c in
            guard let step = LipStep.of(c.measurements), step.measurable else { return [] }
            let tolerance = step.referenceMs == nil ? LipStep.absoluteToleranceMs : 2 * frame(c) * 1000
            guard abs(step.deltaMs) > tolerance else { return [] }
            let d = step.deltaMs
            let against = step.referenceMs.map { String(format: "; the input video's own lips are %+.0f ms from its sound, so the output moved them by %+.0f ms", $0, d) } ?? ""
            return [RuleHit(String(format: "the lips come %.0f ms %@ the sound (lag %+.0f ms)%@", abs(step.lagMs), step.lagMs > 0 ? "after" : "before", step.lagMs, against),
                            measured: String(format: "%+.0f ms", d), limit: String(format: "±%.0f ms", tolerance),
                            fix: String(format: "the sound is %.0f ms %@ the lips: ffmpeg -i OUT -itsoffset %.3f -i OUT -map 0:v -map 1:a -c copy FIXED.mp4",
                                        abs(d), d > 0 ? "ahead of" : "behind", d / 1000))]
        },
        rule("Q-FREEZE-01", "No frozen picture", .warning,
             check: "no run of identical pictures of 0.5 s or more", fix: "look at the time range; regenerate if the freeze is not in the input",
             sources: [], confidence: "D", full: true) { c in
            runHits(c.measurements.frozenRuns, "frozen")
        },
        rule("Q-BLACK-01", "No black picture", .warning,
             check: "no black run of 0.5 s or more", fix: "look at the time range; regenerate if the black is not in the input",
             sources: [], confidence: "D", full: true) { c in
            runHits(c.measurements.blackRuns, "black")
        },
        rule("Q-FACE-01", "The face is kept", .warning,
             check: String(format: "at up to %d times spread over the output (every %@ s on short ones), where dlib finds a face in the input video at the time the sync_mode shows, the output has a face there too (searched within %@ face height of the input's box), its centre within %@ face heights of the input's; needs --video; not measured in --quick",
                           InputComparison.maxSamples, Say.num(InputComparison.spacing), Say.num(InputComparison.searchMargin), Say.num(InputComparison.maxShift)),
             fix: "regenerate; if the input's face is small, turned or hidden at those times (check's F-FACE-* rules), fix the input first",
             sources: [], confidence: "D", full: true) { c in
            faceHits(c.measurements.facePresence)
        },
        rule("Q-REGION-01", "Outside the face, the input's picture", .warning,
             check: String(format: "PSNR over R, G and B of the output against the input video's picture at the same (sync_mode-mapped) time, the input's face boxes grown by %.0f%% on every side left out, at least %@ dB at every sampled time; needs --video; not measured in --quick, for remap (which input frame it shows is not known to within a frame) or for an output of another size (Q-RES-01)",
                           InputComparison.faceMargin * 100, Say.num(InputComparison.minRegionDB)),
             fix: "regenerate; compare the two pictures at the time given (ffmpeg -ss T -i OUT -frames:v 1 out.png, and the input at its time)",
             sources: [], confidence: "D", full: true) { c in
            regionHits(c.measurements.regionPSNR ?? [])
        },
    ]

    /// Consecutive sampled times that share a problem, as (first, last) indices.
    static func runs(_ flags: [Bool]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var start: Int?
        for (i, f) in flags.enumerated() {
            if f, start == nil { start = i }
            if !f, let s = start { out.append((s, i - 1)); start = nil }
        }
        if let s = start { out.append((s, flags.count - 1)) }
        return out
    }

    /// Q-FACE-01: one hit per run of sampled times where the input's face is missing from the output or has moved.
    static func faceHits(_ f: FacePresenceComparison?) -> [RuleHit] {
        guard let f else { return [] }
        // Only times where the input shows a face are judged; the others neither break nor make a run.
        let judged = f.samples.filter { $0.inputFaces > 0 && $0.outputFaces != nil }
        func before(_ i: Int) -> String {
            i > 0 ? String(format: " (still there at %.2f s)", judged[i - 1].time) : ""
        }
        var hits: [RuleHit] = []
        for (a, b) in runs(judged.map { $0.outputFaces == 0 }) {
            hits.append(RuleHit(String(format: "the face is lost from %.2f to %.2f s%@: no face in the output at %d sampled time(s) where the input video shows one (nor within a face height of it)",
                                       judged[a].time, judged[b].time, before(a), b - a + 1),
                                measured: "no face at \(b - a + 1) of \(judged.count) times", limit: "a face where the input has one",
                                start: judged[a].time, end: judged[b].time))
        }
        for (a, b) in runs(judged.map { ($0.shift ?? 0) > InputComparison.maxShift }) {
            let worst = judged[a...b].compactMap(\.shift).max() ?? 0
            hits.append(RuleHit(String(format: "the face jumps from %.2f to %.2f s%@: its centre is up to %.2f face heights from the input's",
                                       judged[a].time, judged[b].time, before(a), worst),
                                measured: String(format: "%.2f face heights", worst), limit: "≤ \(Say.num(InputComparison.maxShift))",
                                start: judged[a].time, end: judged[b].time))
        }
        return hits.sorted { ($0.start ?? 0) < ($1.start ?? 0) }
    }

    /// Q-REGION-01: one hit per run of sampled times whose masked PSNR is under the limit.
    static func regionHits(_ r: [RegionPSNR]) -> [RuleHit] {
        runs(r.map { $0.psnrDB < InputComparison.minRegionDB }).map { a, b in
            let low = r[a...b].map(\.psnrDB).min() ?? 0
            let what = a == b ? String(format: "at %.2f s", r[a].time) : String(format: "from %.2f to %.2f s", r[a].time, r[b].time)
            return RuleHit(String(format: "outside the face the picture is not the input's %@: PSNR down to %.1f dB at %d of %d sampled times (blur, a colour shift or other frames)",
                                  what, low, b - a + 1, r.count),
                           measured: String(format: "%.1f dB", low), limit: "≥ \(Say.num(InputComparison.minRegionDB)) dB",
                           start: r[a].time, end: a == b ? nil : r[b].time)
        }
    }
}
