import Foundation

/// The report of `prepare`, as text or JSON.
public enum PrepareRenderer {
    /// The report as text for a person: the input, what was done to the audio, its loudness before and after.
    public static func text(_ r: PrepareReport) -> String {
        func lufs(_ m: LoudnessMeasurement) -> String {
            let i = m.integratedLUFS.map { String(format: "%.1f LUFS", $0) } ?? "no gated loudness"
            let lra = m.loudnessRangeLU.map { String(format: ", LRA %.1f LU", $0) } ?? ""
            return "\(i)\(lra), sample peak \(String(format: "%.1f", m.samplePeakDBFS)) dBFS, true peak \(String(format: "%.1f", m.truePeakDBTP)) dBTP"
        }
        var lines: [String] = []
        lines.append("input   \(r.input)  stream #\(r.inputStream) \(r.inputCodec) \(r.inputSampleRate) Hz \(r.inputChannels) ch, \(String(format: "%.3f", r.inputDuration)) s")
        lines.append("        \(lufs(r.inputLoudness))")
        if let out = r.output {
            lines.append("output  \(out)  \(r.codec) \(r.bits)-bit \(r.sampleRate) Hz \(r.channels == 1 ? "mono" : "stereo"), \(String(format: "%.3f", r.outputDuration ?? 0)) s (\(r.outputFrames ?? 0) frames), \(r.outputBytes ?? 0) bytes")
            if let m = r.outputLoudness { lines.append("        \(lufs(m))") }
            var gain = String(format: "gain %+.2f dB", r.gainDB)
            if let t = r.targetLUFS { gain += String(format: " (target %.1f LUFS, ceiling %.1f dBTP)", t, r.truePeakCeiling) }
            gain += r.limiterEngaged ? String(format: ", limiter engaged (up to %.1f dB)", r.limiterMaxReductionDB) : ", limiter not needed"
            lines.append("        \(gain)")
        } else {
            lines.append("measure only: nothing written")
        }
        if r.trimmedLeadingSeconds > 0 || r.trimmedTrailingSeconds > 0 {
            lines.append(String(format: "trim    %.3f s of leading and %.3f s of trailing silence removed", r.trimmedLeadingSeconds, r.trimmedTrailingSeconds))
        }
        if let f = r.fit {
            lines.append(String(format: "fit     %@ to %@ (%.3f s) for %@: %.3f s → %.3f s", f.action.rawValue, f.video, f.videoDuration, f.mode.rawValue,
                                f.targetDuration - (f.action == .padded ? f.seconds : f.action == .trimmed ? -f.seconds : 0), f.targetDuration))
        }
        for n in r.notes { lines.append("note    \(n)") }
        for w in r.warnings { lines.append("warning \(w)") }
        return lines.joined(separator: "\n")
    }

    /// The report as one pretty-printed JSON object.
    public static func json(_ r: PrepareReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(r)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
