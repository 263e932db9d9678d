import Foundation

/// The human report of `check`: inputs, the sync_mode decision, findings grouped by input, the verdict.
public enum CheckTextRenderer {
    /// The report as text, ending in the verdict and exit code; `strict` counts warnings as failures (`--strict`),
    /// `color` adds ANSI colours (for a terminal).
    public static func render(_ r: CheckReport, strict: Bool, color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out: [String] = []
        out.append(paint("preflight check", "1") + " · profile \(r.profile) · model \(r.model.rawValue)" + (r.plan.map { " · plan \($0.rawValue)" } ?? ""))
        for input in r.inputs {
            var line = "  \(input.role.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(input.path)"
            if let ref = input.refId { line += " (refId \(ref))" }
            if let m = input.media { line += "  " + summary(m) }
            if let t = input.script {
                line += "  \(t.characters) characters (code points), \(t.words) words"
                if let sec = t.estimatedSpeechSeconds { line += String(format: ", ~%.1f s of speech", sec) }
            }
            if let e = input.error { line += "  " + paint("UNREADABLE: \(e.message)", "31") }
            out.append(line)
            // Faces (issue 11): what the content pass saw, and what it could not measure.
            if let f = input.content?.faces {
                out.append(String(format: "          faces: %d on the first frame, at most %d in %d sampled frames (%@)", f.firstFrameFaces,
                                  f.mostFaces?.faces.count ?? 0, f.frames.count, f.sampling)
                           + (f.noFaceRanges.isEmpty ? "" : String(format: ", none in %.0f%% of the video", f.noFaceShare * 100)))
            }
            for note in input.content?.notMeasured ?? [] where note.hasPrefix("faces") || note.hasPrefix("head turn") || note.hasPrefix("still") {
                out.append("          not measured: " + note)
            }
        }
        if let d = r.dubParams {
            out.append("\ndubbing: the video's own speech, \(d.sourceLang) → \(d.targetLang) (\(d.providerName), "
                       + (d.numSpeakers == 0 ? "speakers detected" : "\(d.numSpeakers) speaker(s)") + "): dubParams, no audio input")
        }
        if let mode = r.syncMode {
            var line = "\nsync_mode: " + paint(mode.rawValue, "1") + (r.syncModeRequested ? " (requested)" : " (advised)")
            if let o = r.outputDuration { line += String(format: " → output %.2f s", o) }
            out.append(line)
            if let a = r.advice {
                out.append("  " + (r.syncModeRequested && a.mode != mode ? "advice would be \(a.mode.rawValue): " : "") + a.reason)
                let alts = SyncMode.allCases.map { m in String(format: "%@ %.2f s", m.rawValue, a.outputDurationByMode[m.rawValue] ?? 0) }
                out.append("  output by mode: " + alts.joined(separator: " · "))
            }
            for s in r.segmentAdvice ?? [] {
                out.append(String(format: "  segment %d (%@): video %.2f–%.2f s, audio %.2f s → %@", s.segment, s.refId,
                                  s.videoStart, s.videoEnd, s.audioDuration, s.mode.rawValue))
            }
        } else if let o = r.outputDuration {
            out.append(String(format: "\noutput duration: %.2f s", o))
        }
        let groups = Dictionary(grouping: r.findings) { "\($0.input.rawValue)\u{0}\($0.path ?? "")" }
        let order: [InputRole] = [.output, .video, .image, .audio, .text, .pair, .request]
        for key in groups.keys.sorted(by: { a, b in
            let ra = order.firstIndex(of: InputRole(rawValue: String(a.split(separator: "\u{0}").first ?? "")) ?? .request) ?? 9
            let rb = order.firstIndex(of: InputRole(rawValue: String(b.split(separator: "\u{0}").first ?? "")) ?? .request) ?? 9
            return ra != rb ? ra < rb : a < b
        }) {
            let fs = groups[key]!.sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0.ruleID < $1.ruleID }
            let first = fs[0]
            out.append("\n" + paint("\(first.input.rawValue)\(first.path.map { " \($0)" } ?? "")", "1"))
            for f in fs {
                let tag: String
                switch f.severity {
                case .error: tag = paint("error  ", "31;1")
                case .warning: tag = paint("warning", "33;1")
                case .info: tag = paint("info   ", "36")
                }
                var line = "  \(tag) \(f.ruleID.padding(toLength: 12, withPad: " ", startingAt: 0)) \(f.message)"
                if let m = f.measured, let l = f.limit { line += paint("  [measured \(m); limit \(l)]", "2") }
                out.append(line)
                out.append(paint("          fix: \(f.fix)", "2"))
            }
        }
        if let body = r.requestBody { out.append("\nrequest body: " + body.summary) }
        let c = r.counts
        let code = r.exitCode(strict: strict)
        let verdictText: String
        switch r.verdict {
        case .pass: verdictText = paint("PASS", "32;1")
        case .warnings: verdictText = paint("WARNINGS", "33;1")
        case .errors: verdictText = paint("ERRORS", "31;1")
        case .unreadable: verdictText = paint("UNREADABLE INPUT", "31;1")
        }
        out.append("\nverdict: \(verdictText): \(c.errors) error(s), \(c.warnings) warning(s), \(c.infos) info; \(r.evaluations.count) rule checks → exit \(code.rawValue)")
        return out.joined(separator: "\n")
    }

    static func summary(_ m: MediaInfo) -> String {
        var parts = [m.container.family]
        if let v = m.video.first {
            parts.append("\(v.codec) \(v.width)x\(v.height)")
            if let f = v.frameRate { parts.append(Say.fps(f)) }
        }
        if let a = m.audio.first { parts.append("\(a.codec) \(a.sampleRate) Hz \(a.channelLayout ?? "\(a.channels) ch")") }
        if let d = m.contentDuration { parts.append(String(format: "%.2f s", d)) }
        parts.append(Say.bytes(m.sizeBytes))
        return parts.joined(separator: ", ")
    }
}
