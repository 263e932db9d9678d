import Foundation
import MediaIO

extension OutputVerifier {
    /// `--quick`: the declared durations and a sample of keyframes decoded; the rules that need the output's
    /// pictures in order are listed as not measured.
    static func sampleKeyframes(_ request: VerifyRequest, output: MediaInfo, into seen: inout Observations) {
        seen.measurements.videoDuration = output.video.first?.duration?.seconds
        seen.measurements.audioDuration = output.audio.first?.duration?.seconds
        seen.measurements.outputDuration = output.duration?.seconds
        if let v = output.video.first {
            do {
                let file = try InputFile(path: output.path, options: InputOpenOptions(timeoutSeconds: request.timeoutSeconds))
                let sample = try file.sampleKeyframes(streamIndex: v.index, count: quickKeyframes)
                seen.measurements.sampledKeyframes = sample.decoded + sample.failed
                for at in sample.failedAt {
                    seen.integrity.append(RuleHit(String(format: "the keyframe near %.2f s does not decode", at), measured: "decode failure",
                                                  limit: "decodes", start: at))
                }
            } catch {
                seen.integrity.append(RuleHit("sampling keyframes failed: \((error as? MediaIOError)?.reason ?? "\(error)")"))
            }
        }
        seen.measurements.notMeasured.append("\(InputComparison.rules): not measured in --quick (they need the output's pictures at the input's times, and dlib's face detection on the input's pictures alone costs more than all of --quick)")
        seen.measurements.notMeasured.append("\(LipCheck.rules): not measured in --quick (the lips need consecutive frames, and loading dlib's landmark model alone costs about 1.3 s of CPU, ten times all of --quick)")
    }
}
