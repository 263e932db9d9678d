import Foundation
import MediaIO

extension OutputVerifier {
    /// Full mode: one decode of every frame, with the comparison with the input video and the lips riding on it,
    /// then the audio aligned with the submitted audio.
    static func scanFully(_ request: VerifyRequest, output: MediaInfo, video: MediaInfo?, audio: MediaInfo?,
                          into seen: inout Observations) {
        // dlib's models for the lips: the landmark model loads only once a face is seen (here or in the input).
        let models = LipCheck.runs(request: request, output: output) ? FaceModels() : nil
        let comparison = startComparison(request, output: output, video: video, audio: audio, models: models,
                                         notMeasured: &seen.measurements.notMeasured)
        defer {
            if let f = comparison?.finish() {
                seen.measurements.facePresence = f.facePresence
                seen.measurements.regionPSNR = f.regionPSNR
                seen.measurements.notMeasured += f.notMeasured
            }
        }
        // The submitted audio for Q-SYNC-01/Q-MATCH-01/Q-LEVEL-01, read during the scan (in the time its frame
        // threads leave idle) rather than after it.
        let timeout = request.timeoutSeconds
        let reference = request.audioPath.flatMap { path in
            audio.map { _ in BackgroundResult { Result { try AudioAlignment.reference(path: path, timeout: timeout) } } }
        }
        // Not left reading the file after this returns, whatever happened to the scan.
        defer { _ = reference?.value() }
        do {
            // The lips (Q-LIP-*): the mouth is followed during the scan, the speech measured beside it.
            let lips = models.flatMap { LipCheck.start(request: request, output: output, models: $0) }
            defer { lips?.close() }
            let scan = try OutputScan.run(path: output.path, timeout: request.timeoutSeconds,
                                          freezeSeconds: runThreshold, blackSeconds: runThreshold,
                                          readers: (lips?.readers ?? []) + (comparison.map { [$0.reader] } ?? []))
            seen.record(scan, output: output)
            try alignAudio(scan: scan, reference: reference, keepCurve: request.visuals, into: &seen.measurements)
            lips?.finish(scan: scan, output: output, input: video.map { (request.videoPath!, $0) }, request: request,
                         into: &seen.measurements)
        } catch let e as MediaIOError {
            seen.integrity.append(RuleHit("the output cannot be scanned: \(e.reason)"))
        } catch {
            seen.integrity.append(RuleHit("the output cannot be scanned: \(error)"))
        }
    }

    /// The comparison with the input video (Q-FACE-01, Q-REGION-01): it decodes the input's pictures first, then
    /// rides the scan; nil, with the reason in `notMeasured`, when it cannot run.
    static func startComparison(_ request: VerifyRequest, output: MediaInfo, video: MediaInfo?, audio: MediaInfo?,
                                models: FaceModels?, notMeasured: inout [String]) -> InputComparison? {
        if request.content == .off {
            notMeasured.append("\(InputComparison.rules): not measured with --content off")
            notMeasured.append("\(LipCheck.rules): not measured with --content off")
        } else if let path = request.videoPath, let video {
            switch InputComparison.start(videoPath: path, video: video, output: output, syncMode: request.syncMode,
                                         audioDuration: audio?.contentDuration, timeout: request.timeoutSeconds,
                                         pictures: request.visuals,
                                         onFace: models.map { m in { @Sendable in m.prepareLandmarks() } }) {
            case .success(let c): return c
            case .failure(let e): notMeasured.append("\(InputComparison.rules): \(e.reason)")
            }
        } else {
            notMeasured.append("\(InputComparison.rules): need the input video (--video) to compare with")
        }
        return nil
    }

    /// Q-SYNC-01, Q-MATCH-01, Q-LEVEL-01: the output's audio cross-correlated with the submitted audio (nil:
    /// no audio submitted, or it could not be probed).
    static func alignAudio(scan: OutputScan.Result, reference: BackgroundResult<Result<[Float], any Error>>?, keepCurve: Bool,
                           into measurements: inout VerifyMeasurements) throws {
        guard let reference, !scan.alignmentAudio.isEmpty, let samples = try? reference.value().get(),
              let aligned = try AudioAlignment.align(output: scan.alignmentAudio, reference: samples, keepCurve: keepCurve)
        else { return }
        // Samples are counted from the first audio frame; the picture starts at the first video frame.
        measurements.audioOffsetMs = aligned.offsetMs + scan.audioLeadIn * 1000
        measurements.audioCorrelation = aligned.curve.map { var c = $0; c.firstLagMs += scan.audioLeadIn * 1000; return c }
        measurements.audioSimilarity = aligned.similarity
        measurements.audioLevelChangeDB = aligned.levelChangeDB
    }
}

extension OutputVerifier.Observations {
    /// What the full scan measured: durations, frames, decode errors, frozen and black runs, and the integrity
    /// (Q-INT-01) and timestamp (Q-INT-02) problems it met.
    mutating func record(_ scan: OutputScan.Result, output: MediaInfo) {
        if let s = scan.videoStart, let e = scan.videoEnd { measurements.videoDuration = e - min(s, 0) }
        if let s = scan.audioStart, let e = scan.audioEnd { measurements.audioDuration = e - min(s, 0) }
        measurements.outputDuration = [measurements.videoDuration, measurements.audioDuration].compactMap { $0 }.max()
        measurements.videoFrames = scan.videoFrames
        measurements.decodeErrors = scan.decodeErrors
        measurements.firstDecodeErrorAt = scan.firstErrorAt
        measurements.frozenRuns = scan.frozen
        measurements.blackRuns = scan.black
        blockRMS = scan.blockRMS
        if scan.decodeErrors > 0 {
            integrity.append(RuleHit(String(format: "%d decode error(s), the first at %@%@", scan.decodeErrors,
                                            scan.firstErrorAt.map { String(format: "%.2f s", $0) } ?? "an unknown time",
                                            scan.lastErrorMessage.map { ": \($0)" } ?? ""),
                                     measured: "\(scan.decodeErrors) errors", limit: "0", start: scan.firstErrorAt))
        }
        if let e = scan.readError {
            integrity.append(RuleHit("reading stopped before the end: \(e)", measured: "read error", limit: "readable to the end",
                                     start: measurements.outputDuration))
        }
        let frame = output.video.first?.frameRate.map { 1 / $0 } ?? 0.04
        if let d = output.duration?.seconds, let got = measurements.outputDuration, d - got > frame + 0.05,
           !integrity.contains(where: { $0.measured == "truncated" }) {
            integrity.append(RuleHit(String(format: "the file declares %.3f s but only %.3f s decodes: truncated", d, got),
                                     measured: String(format: "%.3f s", got), limit: String(format: "%.3f s", d), start: got, end: d))
        }
        for (stream, at) in scan.nonMonotonic.prefix(5) {
            timestamps.append(RuleHit(String(format: "stream #%d: timestamps go backwards at %.3f s", stream, at), start: at))
        }
        for gap in scan.gaps.prefix(5) {
            timestamps.append(RuleHit(String(format: "video timestamps jump from %.3f to %.3f s (%.0f ms with no picture)", gap.start, gap.end, gap.duration * 1000),
                                      measured: String(format: "%.0f ms", gap.duration * 1000), limit: "≤ 3 frames",
                                      fix: "regenerate: pictures are missing there, and a remux cannot bring them back",
                                      start: gap.start, end: gap.end))
        }
    }
}
