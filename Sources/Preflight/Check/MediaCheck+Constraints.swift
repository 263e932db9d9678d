import Foundation

extension MediaCheck {
    /// Step 7: the policy's constraints between the inputs; one evaluation each it has values for, and a
    /// finding for each that does not hold.
    static func evaluate(_ constraints: [Policy.Constraint], media: Media, context: RuleContext, output: Double?,
                         into results: inout RuleResults) {
        let video = media.video ?? media.image, audio = media.audio ?? context.dubbingAudioSource
        let path = media.video?.path ?? media.audio?.path
        for c in constraints {
            let value = c.expression.evaluate { field in fieldValue(field, video: video, audio: audio, output: output) }
            guard let value else { continue }   // a field this check has no value for
            let passed = PolicyExpression.truth(value)
            results.evaluations.append(RuleEvaluation(ruleID: c.id, input: .pair, path: path, failedWith: passed ? nil : c.severity))
            if !passed {
                let shown = Set(c.expression.fieldsUsed).sorted().compactMap { f in
                    fieldValue(f, video: video, audio: audio, output: output).map { "\(f) = \(Say.num($0))" }
                }
                results.findings.append(Finding(ruleID: c.id, severity: c.severity, input: .pair, path: path,
                                        title: "policy constraint", message: (c.message ?? "policy expects \(c.expectation)") + " (\(shown.joined(separator: ", ")))",
                                        measured: shown.joined(separator: ", "), limit: c.expectation,
                                        fix: "bring the inputs within the policy, or change the policy", sources: ["policy"], start: nil, end: nil))
            }
        }
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
}
