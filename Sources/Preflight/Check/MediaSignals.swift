import Foundation
import MediaIO

/// Measurements beyond the probe that some decisions need; each decodes only what it must.
enum MediaSignals {
    /// Mean grey-level difference (0–255) between a clip's first and last picture: small means it loops seamlessly.
    static func loopDifference(path: String, options: InputOpenOptions) -> Double? {
        guard let file = try? InputFile(path: path, options: options),
              let video = file.streams.first(where: { $0.mediaType == .video && !$0.isAttachedPicture }),
              let pair = try? file.firstAndLastPicture(streamIndex: video.index) else { return nil }
        return pair.first.meanAbsoluteDifference(pair.last)
    }

    /// Loudest 50 ms window (RMS, dBFS, mono mix) of an audio file from `start` seconds to its end.
    static func loudestWindowDBFS(path: String, from start: Double, options: InputOpenOptions) -> Double? {
        guard let file = try? InputFile(path: path, options: .reopeningToDecode(timeoutSeconds: options.timeoutSeconds)),
              let stream = try? AudioSampleStream(file: file, channels: 1) else { return nil }
        stream.seek(toSeconds: max(0, start))
        let window = max(1, stream.sampleRate / 20)
        var sum = 0.0, count = 0, loudest = 0.0
        let rate = Double(stream.sampleRate)
        try? stream.read { samples, time in
            // The seek lands on a keyframe at or before `start`: skip what precedes it.
            let skip = time.map { max(0, Int(((start - $0) * rate).rounded(.up))) } ?? 0
            for x in samples.dropFirst(min(skip, samples.count)) {
                sum += Double(x) * Double(x)
                count += 1
                if count == window {
                    loudest = max(loudest, sum / Double(count))
                    sum = 0
                    count = 0
                }
            }
            return true
        }
        if count > window / 2 { loudest = max(loudest, sum / Double(count)) }
        return loudest > 0 ? 10 * log10(loudest) : -120
    }
}
