import Foundation
import MediaIO

extension AudioPreparer {
    struct Fit { var frames: Int64; var action: PrepareReport.FitAction }

    /// The length the sync_mode wants next to this video: cut_off exactly the video (pad or trim),
    /// silence at least the video (pad), bounce/loop/remap unchanged (the output follows the audio).
    static func fitTarget(videoPath: String, mode: SyncMode, contentFrames: Int64, rate: Int) throws -> Fit {
        let video: MediaInfo
        switch MediaProbe.outcome(path: videoPath, options: ProbeOptions()) {
        case .media(let m): video = m
        case .failure(let f): throw PrepareError.fitVideo(f)
        }
        guard let v = video.contentDuration else { throw PrepareError.fitVideoHasNoDuration(path: videoPath) }
        let videoFrames = Int64((v * Double(rate)).rounded())
        let target: Int64
        switch mode {
        case .cutOff: target = videoFrames
        case .silence: target = max(contentFrames, videoFrames)
        case .bounce, .loop, .remap: target = contentFrames
        }
        let action: FitChange = target > contentFrames ? .padded : target < contentFrames ? .trimmed : .unchanged
        return Fit(frames: target, action: .init(video: videoPath, videoDuration: v, mode: mode,
                                                 targetDuration: Double(target) / Double(rate), action: action,
                                                 seconds: Double(abs(target - contentFrames)) / Double(rate)))
    }

    /// Refuses an output that is an input, not a regular file, in a missing or read-only directory, or named
    /// with an extension other than the codec's (`out.mp3` would hold WAV bytes).
    static func checkOutput(_ output: String, codec: PrepareOptions.Codec, inputs: [String]) throws -> OutputTarget {
        let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
        if !ext.isEmpty && ext != codec.rawValue {
            throw PrepareError.outputExtension(path: output, codec: codec.rawValue)
        }
        do { return try OutputTarget(output, inputs: inputs) } catch { throw PrepareError.output(error) }
    }
}
