import Foundation
import MediaIO

extension Array where Element == CheckedInput {
    /// Measures the speech of each audio input, and of a video checked alone (its own audio is what gets
    /// dubbed), into `content.speech`, on another thread while `meanwhile` runs (the face pass: the two read
    /// different streams and each leaves a core idle part of the time); a failure is named in
    /// `content.notMeasured`. Nothing with `--content off`.
    mutating func measureSpeech(_ request: CheckRequest, meanwhile: (inout [CheckedInput]) -> Void) {
        guard request.content != .off else { return meanwhile(&self) }
        let dubbing = request.audio.isEmpty && request.scriptPath == nil && request.imagePath == nil
        let jobs: [(index: Int, path: String)] = indices.compactMap { i in
            guard let m = self[i].media, m.summary.hasAudio,
                  self[i].role == .audio || (self[i].role == .video && dubbing) else { return nil }
            return (i, m.path)
        }
        let results = Locked<[Int: Result<SpeechFigures, SpeechAnalysisError>]>([:])
        let done = DispatchGroup()
        let timeout = request.timeoutSeconds
        if !jobs.isEmpty {
            // Under the caller's stop request: a cancelled check stops this thread's reads too.
            DispatchQueue.global().async(group: done, execute: StopRequest.carried {
                for job in jobs {
                    let r = SpeechAnalysis.measure(path: job.path, timeoutSeconds: timeout, keepLevels: request.visuals)
                    results.withLock { $0[job.index] = r }
                }
            })
        }
        meanwhile(&self)
        done.wait()
        for (i, r) in results.withLock({ $0 }) {
            var content = self[i].content ?? ContentFigures()
            switch r {
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
