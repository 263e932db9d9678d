import Foundation

extension Array where Element == CheckedInput {
    /// Measures the speech of each audio input, and of a video checked alone (its own audio is what gets
    /// dubbed), into `content.speech`; a failure is named in `content.notMeasured`. Nothing with `--content off`.
    mutating func measureSpeech(_ request: CheckRequest) {
        guard request.content != .off else { return }
        let dubbing = request.audio.isEmpty && request.scriptPath == nil && request.imagePath == nil
        for i in indices {
            guard let m = self[i].media, m.summary.hasAudio,
                  self[i].role == .audio || (self[i].role == .video && dubbing) else { continue }
            var content = self[i].content ?? ContentFigures()
            switch SpeechAnalysis.measure(path: m.path, timeoutSeconds: request.timeoutSeconds) {
            case .success(let f): content.speech = f
            case .failure(let e): content.notMeasured.append("speech: \(e.reason)")
            }
            self[i].content = content
        }
    }

    /// The speech figures of the input with `role` (the first audio input, or the video in the dubbing flow).
    func speech(of role: InputRole) -> SpeechFigures? {
        first { $0.role == role && $0.content?.speech != nil }?.content?.speech
    }
}
