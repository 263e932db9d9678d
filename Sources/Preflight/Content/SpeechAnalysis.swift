import Foundation
import MediaIO

/// Measures the speech of a file's first audio stream (`SpeechFigures`): decoded and resampled to 16 kHz
/// mono by libav in bounded chunks, cut into 20 ms hops, classified second by second. Memory is flat.
public enum SpeechAnalysis {
    /// Measures `path` from `from` seconds (to its end, or `duration` seconds of it); nil figures with the
    /// reason when the audio cannot be read. `keepLevels` also keeps the level over time (`SpeechFigures.levels`).
    public static func measure(path: String, from start: Double = 0, duration: Double? = nil,
                               timeoutSeconds: Double = 30, keepLevels: Bool = false) -> Result<SpeechFigures, SpeechAnalysisError> {
        do {
            let file = try InputFile(path: path, options: .reopeningToDecode(timeoutSeconds: timeoutSeconds))
            let stream = try AudioSampleStream(file: file, sampleRate: SpeechFrameAnalyzer.sampleRate, channels: 1)
            if start > 0 { stream.seek(toSeconds: start) }
            let analyzer = try SpeechFrameAnalyzer()
            var classifier = SpeechClassifier()
            var levels = keepLevels ? LevelEnvelope.Accumulator(hopSeconds: SpeechFrameAnalyzer.hopSeconds) : nil
            var samplesSeen = 0
            let limit = duration.map { Int(($0 * Double(SpeechFrameAnalyzer.sampleRate)).rounded()) }
            try stream.read { chunk, time in
                var body = chunk
                if start > 0, samplesSeen == 0, let time {
                    // The seek lands at or before `start`: skip what precedes it.
                    let skip = max(0, Int(((start - time) * Double(SpeechFrameAnalyzer.sampleRate)).rounded()))
                    if skip >= body.count { return true }
                    body = UnsafeBufferPointer(rebasing: body[skip...])
                }
                if let limit, samplesSeen + body.count > limit {
                    body = UnsafeBufferPointer(rebasing: body[..<max(0, limit - samplesSeen)])
                }
                samplesSeen += body.count
                analyzer.feed(body) { levels?.add(levelDB: $0.levelDB); classifier.add($0) }
                return limit.map { samplesSeen < $0 } ?? true
            }
            // Nothing decoded is not silence: A-DEC-01 speaks for it.
            guard samplesSeen > 0 else { return .failure(SpeechAnalysisError(reason: "no audio samples decoded")) }
            analyzer.finish { levels?.add(levelDB: $0.levelDB); classifier.add($0) }
            classifier.finish()
            var measured = figures(classifier, duration: Double(samplesSeen) / Double(SpeechFrameAnalyzer.sampleRate))
            measured.levels = levels?.finish()
            return .success(measured)
        } catch let e as MediaIOError {
            return .failure(SpeechAnalysisError(reason: e.reason))
        } catch let e as ContentLibraryError {
            return .failure(SpeechAnalysisError(reason: "\(e)"))
        } catch {
            return .failure(SpeechAnalysisError(reason: "\(error)"))
        }
    }

    static func figures(_ c: SpeechClassifier, duration: Double) -> SpeechFigures {
        let s = c.segments
        let ratio = duration > 0 ? min(1, s.speechSeconds / duration) : 0
        let sounding = c.blocks.filter { $0.kind != .silent }
        let speechBlocks = sounding.filter { $0.kind == .speech }
        var cls: SpeechClass
        var confidence: Double
        if c.peak == 0 {
            (cls, confidence) = (.silence, 1)
        } else if c.loudestDB < SpeechClassifier.nearSilenceDB {
            (cls, confidence) = (.nearSilence, 1)
        } else if s.speechSeconds >= 0.3, speechBlocks.count >= min(2, c.blocks.count) {
            // Blocks overlap by half: a word lands in two of them, one lone block is a transient.
            // Music under speech keeps the pauses between words voiced.
            let underscored = speechBlocks.filter { $0.pausesVoiced > 0.6 }.count
            cls = underscored * 2 > speechBlocks.count ? .speechOverMusic : .speech
            confidence = Double(speechBlocks.map(\.speech).reduce(0, +)) / Double(speechBlocks.count)
        } else {
            var votes: [SpeechClassifier.Kind: Int] = [:]
            for b in sounding where b.kind != .speech { votes[b.kind, default: 0] += 1 }
            let top = votes.max { $0.value < $1.value }?.key ?? .music
            cls = top == .tone ? .tone : top == .noise ? .noise : .music
            confidence = sounding.isEmpty ? 1 : Double(sounding.map { 1 - $0.speech }.reduce(0, +)) / Double(sounding.count)
        }
        let hasSpeech = s.first != nil && cls.hasSpeech
        return SpeechFigures(class: cls, confidence: round3(confidence), speechRatio: round3(hasSpeech ? ratio : 0),
                             speechSeconds: round3(hasSpeech ? s.speechSeconds : 0), duration: round3(duration),
                             segments: hasSpeech ? s.segments : [], segmentCount: hasSpeech ? s.count : 0,
                             leadingSilence: round3(hasSpeech ? s.first!.start : duration),
                             trailingSilence: round3(hasSpeech ? max(0, duration - s.last!.end) : duration),
                             longestGap: hasSpeech ? s.longestGap : nil,
                             peakLevelDB: round3(Double(c.loudestDB)))
    }
}

/// Why the speech of an input could not be measured (named in `content.notMeasured`).
public struct SpeechAnalysisError: Error, Sendable {
    /// What failed, for a person (e.g. "the audio could not be decoded: ...").
    public var reason: String
}
