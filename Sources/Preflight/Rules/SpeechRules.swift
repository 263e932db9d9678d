import Foundation

/// Rules on the speech an audio carries (`content.speech`, measured unless `--content off`): is there speech
/// to drive the lips, and where does it stop. A rule whose figures were not measured does not fire; the
/// input's `content.notMeasured` says why.
enum SpeechRules {
    static func share(_ f: SpeechFigures) -> String { String(format: "%.0f%% speech", f.speechRatio * 100) }
    static func described(_ f: SpeechFigures) -> String {
        String(format: "%@ (confidence %.2f, %@ of %.2f s, loudest 20 ms %.1f dBFS)", f.class.rawValue, f.confidence, share(f), f.duration, f.peakLevelDB)
    }

    static let all: [RuleDefinition] = [
        RuleDefinition(Rule("A-SPEECH-01", "The audio has speech", .warning, .audio,
                            check: "the audio input's speech share ≥ speech.minRatio (0.05) and its sound classified as speech; silence and near-silence are errors, music, noise or tones warnings",
                            fix: "use a recording of the speech to lip-sync (a voice track without music or noise)",
                            sources: ["SM", "MCT", "TS"], confidence: "P")) { c in
            // The dubbing flow's own audio is F-DUB-02's.
            guard c.audio != nil, let f = c.speech else { return [] }
            let minRatio = c.thresholds[.speechMinRatio]
            guard !f.class.hasSpeech || f.speechRatio < minRatio else { return [] }
            let silent = f.class == .silence || f.class == .nearSilence
            let what = f.class == .silence ? "is digital silence" : f.class == .nearSilence
                ? String(format: "is near-silence (nothing louder than %.1f dBFS)", f.peakLevelDB)
                : f.class.hasSpeech ? "has too little speech" : "sounds like \(f.class.rawValue), not speech"
            return [RuleHit("the audio \(what): \(described(f)); no speech drives the lips",
                            measured: "\(f.class.rawValue), \(share(f))", limit: "speech, ≥ \(Say.num(minRatio * 100))% speech",
                            severity: silent ? .error : nil)]
        },
        RuleDefinition(Rule("A-SPEECH-02", "Long silence around or inside the speech", .warning, .audio,
                            check: "silence before the first or after the last speech ≤ speech.maxEdgeSilenceSeconds (1.5); pauses inside it ≤ speech.maxGapSeconds (3)",
                            fix: "trim the silence (ffmpeg -ss START -to END), or accept lips that stay still there",
                            sources: ["SM", "MCT"], confidence: "P")) { c in
            guard let f = c.speech, f.class.hasSpeech, let first = f.segments.first else { return [] }
            let edge = c.thresholds[.speechMaxEdgeSilenceSeconds], gapLimit = c.thresholds[.speechMaxGapSeconds]
            var hits: [RuleHit] = []
            if f.leadingSilence > edge {
                hits.append(RuleHit(String(format: "%.2f s without speech before the first word (0–%.2f s): the lips stay still there", f.leadingSilence, first.start),
                                    measured: Say.sec(f.leadingSilence), limit: "≤ \(Say.num(edge)) s", start: 0, end: first.start))
            }
            if f.trailingSilence > edge {
                let end = f.duration - f.trailingSilence
                hits.append(RuleHit(String(format: "%.2f s without speech after the last word (%.2f–%.2f s): the lips stay still there", f.trailingSilence, end, f.duration),
                                    measured: Say.sec(f.trailingSilence), limit: "≤ \(Say.num(edge)) s", start: end, end: f.duration))
            }
            // Every long pause of the listed segments; the longest is always known.
            var gaps = zip(f.segments, f.segments.dropFirst()).map { SpeechFigures.Segment(start: $0.end, end: $1.start) }
            if let g = f.longestGap, !gaps.contains(g) { gaps.append(g) }
            for g in gaps where g.duration > gapLimit {
                hits.append(RuleHit(String(format: "%.2f s pause in the speech (%.2f–%.2f s): the lips stay still there", g.duration, g.start, g.end),
                                    measured: Say.sec(g.duration), limit: "≤ \(Say.num(gapLimit)) s", start: g.start, end: g.end))
            }
            return hits
        },
        RuleDefinition(Rule("F-DUB-02", "Dubbing needs speech in the video", .error, .video,
                            check: "a video checked alone for dubbing (its own audio is translated) has speech: classified as speech with a speech share ≥ speech.minRatio",
                            fix: "dub a video whose own sound track carries the speech, or give the new speech as an audio input",
                            sources: ["DUB", "SM"], confidence: "P")) { c in
            guard c.audio == nil, c.dubbingAudioSource != nil, let f = c.speech else { return [] }
            let minRatio = c.thresholds[.speechMinRatio]
            guard !f.class.hasSpeech || f.speechRatio < minRatio else { return [] }
            return [RuleHit("the video's own audio, which dubbing translates, has no speech: \(described(f))",
                            measured: "\(f.class.rawValue), \(share(f))", limit: "speech, ≥ \(Say.num(minRatio * 100))% speech")]
        },
    ]
}
