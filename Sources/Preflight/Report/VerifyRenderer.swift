import Foundation

/// The human and JSON reports of `verify`.
public enum VerifyRenderer {
    /// The report as text, ending in the verdict and exit code; `strict` counts warnings as failures, `color` adds
    /// ANSI colours (for a terminal).
    public static func text(_ r: VerifyReport, strict: Bool, color: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = [paint("preflight verify", "1") + " (\(r.mode.rawValue))" + (r.syncMode.map { " · sync_mode \($0.rawValue)" } ?? "")]
        for input in r.inputs {
            var line = "  \(input.role.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(input.path)"
            if let m = input.media { line += "  " + CheckTextRenderer.summary(m) }
            if let e = input.error { line += "  " + paint("UNREADABLE: \(e.message)", "31") }
            out.append(line)
        }
        let m = r.measurements
        var facts: [String] = []
        if let d = m.outputDuration { facts.append(String(format: "output %.3f s", d)) }
        if let e = r.expectedDuration { facts.append(String(format: "expected %.3f s", e)) }
        if let v = m.videoDuration, let a = m.audioDuration { facts.append(String(format: "video %.3f s, audio %.3f s", v, a)) }
        if let n = m.videoFrames { facts.append("\(n) frames decoded, \(m.decodeErrors) errors") }
        if let n = m.sampledKeyframes { facts.append("\(n) keyframes sampled") }
        if let o = m.audioOffsetMs, let s = m.audioSimilarity { facts.append(String(format: "audio offset %+.1f ms (similarity %.2f)", o, s)) }
        if let l = m.audioLevelChangeDB { facts.append(String(format: "level %+.1f dB", l)) }
        if !facts.isEmpty { out.append("\n" + facts.joined(separator: " · ")) }
        if let mouth = m.mouth {
            var lips: [String] = []
            if let l = mouth.lipLag {
                lips.append(String(format: "lips %+.0f ms from the sound (confidence %.2f)", l.lagMs, l.confidence))
            }
            if let l = m.inputMouth?.lipLag { lips.append(String(format: "input video: %+.0f ms (confidence %.2f)", l.lagMs, l.confidence)) }
            if let sp = mouth.speechStdDev {
                lips.append(String(format: "mouth movement %.3f in speech", sp) + (mouth.silenceStdDev.map { String(format: ", %.3f outside", $0) } ?? ""))
            }
            lips.append("\(mouth.framesMeasured) frames followed")
            out.append(lips.joined(separator: " · "))
            for n in mouth.notMeasured { out.append(paint("  not measured: \(n)", "2")) }
        }
        var input: [String] = []
        if let f = m.facePresence {
            input.append("face in the input at \(f.inputWithFace), in the output at \(f.outputWithFace) of \(f.sampled) sampled times")
        }
        if let r = m.regionPSNR, let low = r.map(\.psnrDB).min() {
            let sorted = r.map(\.psnrDB).sorted()
            input.append(String(format: "outside the face PSNR %.1f dB median, %.1f dB lowest", sorted[sorted.count / 2], low))
        }
        if !input.isEmpty { out.append("against the input video: " + input.joined(separator: " · ")) }
        for note in m.notMeasured { out.append("  not measured: " + note) }
        for f in r.findings.sorted(by: { $0.severity != $1.severity ? $0.severity > $1.severity : ($0.start ?? 0) < ($1.start ?? 0) }) {
            let tag: String
            switch f.severity {
            case .error: tag = paint("error  ", "31;1")
            case .warning: tag = paint("warning", "33;1")
            case .info: tag = paint("info   ", "36")
            }
            var at = ""
            if let s = f.start { at = f.end.map { String(format: " [%.2f–%.2f s]", s, $0) } ?? String(format: " [at %.2f s]", s) }
            out.append("  \(tag) \(f.ruleID.padding(toLength: 12, withPad: " ", startingAt: 0)) \(f.message)\(at)")
            out.append(paint("          fix: \(f.fix)", "2"))
        }
        let c = r.counts
        out.append("\nverdict: \(r.verdict.rawValue.uppercased()): \(c.errors) error(s), \(c.warnings) warning(s); \(r.evaluations.count) rule checks → exit \(r.exitCode(strict: strict).rawValue)")
        return out.joined(separator: "\n")
    }

    /// The report as JSON (`ReportJSON`), with its `exitCode`.
    public static func json(_ r: VerifyReport, strict: Bool) -> String { ReportJSON.render(r, strict: strict) }
}
