import Foundation
import MediaIO

/// `verify`: is the downloaded output complete, playable, the right length for the sync_mode, the same
/// picture geometry, and does it carry the submitted audio in sync?
public enum OutputVerifier {
    /// Frozen and black runs shorter than this are not reported, seconds.
    public static let runThreshold = 0.5
    static let quickKeyframes = 8

    /// Verifies `request.outputPath` against the inputs and what was asked for; the report holds every rule's
    /// result; an unreadable file is reported there, nothing is thrown.
    public static func run(_ request: VerifyRequest) -> VerifyReport {
        // Probe the output and the inputs together.
        var roles: [(role: InputRole, path: String, refId: String?)] = [(.output, request.outputPath, nil)]
        if let v = request.videoPath { roles.append((.video, v, nil)) }
        if let a = request.audioPath { roles.append((.audio, a, nil)) }
        var inputs = CheckedInput.probing(roles, options: ProbeOptions(timeoutSeconds: request.timeoutSeconds))
        func media(_ role: InputRole) -> MediaInfo? { inputs.first { $0.role == role }?.media }
        var measurements = VerifyMeasurements(decodeErrors: 0, frozenRuns: [], blackRuns: [])
        guard let output = media(.output) else {
            // An output that cannot even be opened is a defective output (exit 2), not a bad input.
            var results = RuleResults()
            if let i = inputs.firstIndex(where: { $0.role == .output }), let e = inputs[i].error,
               !["not-found", "is-directory", "permission-denied", "not-a-local-path", "not-a-regular-file"].contains(e.kind) {
                results.record(VerifyRules.integrity.rule, hits: [RuleHit("the output cannot be opened: \(e.message)", measured: e.kind,
                                                                          limit: "a complete MP4")], path: { _ in e.path })
                inputs[i].error = nil
            }
            return report(request, inputs: inputs, expected: nil, measurements: measurements, results: results)
        }
        let video = media(.video), audio = media(.audio)
        var expected: Double?
        if let mode = request.syncMode, let v = video?.contentDuration, let a = audio?.contentDuration {
            expected = mode.outputDuration(video: v, audio: a)
        }

        var integrity: [RuleHit] = []
        var timestamps: [RuleHit] = []
        var blockRMS: [Float] = []
        // Defects the probe already sees from headers (an index or data size past the end of the file).
        for issue in output.integrity where issue.kind == .truncated || issue.kind == .headerPlaceholder {
            integrity.append(RuleHit(issue.message, measured: issue.kind.rawValue, limit: "complete file", start: issue.at))
        }
        let declared = output.duration?.seconds
        if request.quick {
            measurements.videoDuration = output.video.first?.duration?.seconds
            measurements.audioDuration = output.audio.first?.duration?.seconds
            measurements.outputDuration = declared
            if let v = output.video.first {
                do {
                    let file = try InputFile(path: output.path, options: InputOpenOptions(timeoutSeconds: request.timeoutSeconds))
                    let sample = try file.sampleKeyframes(streamIndex: v.index, count: quickKeyframes)
                    measurements.sampledKeyframes = sample.decoded + sample.failed
                    for at in sample.failedAt {
                        integrity.append(RuleHit(String(format: "the keyframe near %.2f s does not decode", at), measured: "decode failure",
                                                 limit: "decodes", start: at))
                    }
                } catch {
                    integrity.append(RuleHit("sampling keyframes failed: \((error as? MediaIOError)?.reason ?? "\(error)")"))
                }
            }
            measurements.notMeasured.append("\(InputComparison.rules): not measured in --quick (they need the output's pictures at the input's times, and dlib's face detection on the input's pictures alone costs more than all of --quick)")
            measurements.notMeasured.append("\(LipCheck.rules): not measured in --quick (the lips need consecutive frames, and loading dlib's landmark model alone costs about 1.3 s of CPU, ten times all of --quick)")
        } else {
            // dlib's models for the lips: the landmark model loads only once a face is seen (here or in the input).
            let models = LipCheck.runs(request: request, output: output) ? FaceModels() : nil
            // The comparison with the input video decodes the input's pictures first, then rides the scan.
            var comparison: InputComparison?
            if request.content == .off {
                measurements.notMeasured.append("\(InputComparison.rules): not measured with --content off")
                measurements.notMeasured.append("\(LipCheck.rules): not measured with --content off")
            } else if let path = request.videoPath, let video {
                switch InputComparison.start(videoPath: path, video: video, output: output, syncMode: request.syncMode,
                                             audioDuration: audio?.contentDuration, timeout: request.timeoutSeconds,
                                             pictures: request.visuals,
                                             onFace: models.map { m in { @Sendable in m.prepareLandmarks() } }) {
                case .success(let c): comparison = c
                case .failure(let e): measurements.notMeasured.append("\(InputComparison.rules): \(e.reason)")
                }
            } else {
                measurements.notMeasured.append("\(InputComparison.rules): need the input video (--video) to compare with")
            }
            defer {
                if let f = comparison?.finish() {
                    measurements.facePresence = f.facePresence
                    measurements.regionPSNR = f.regionPSNR
                    measurements.notMeasured += f.notMeasured
                }
            }
            do {
                // The lips (Q-LIP-*): the mouth is followed during the scan, the speech measured beside it.
                let lips = models.flatMap { LipCheck.start(request: request, output: output, models: $0) }
                defer { lips?.close() }
                let scan = try OutputScan.run(path: output.path, timeout: request.timeoutSeconds,
                                              freezeSeconds: runThreshold, blackSeconds: runThreshold,
                                              readers: (lips?.readers ?? []) + (comparison.map { [$0.reader] } ?? []))
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
                if let d = declared, let got = measurements.outputDuration, d - got > frame + 0.05, !integrity.contains(where: { $0.measured == "truncated" }) {
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
                if let a = request.audioPath, audio != nil, !scan.alignmentAudio.isEmpty,
                   let reference = try? AudioAlignment.reference(path: a, timeout: request.timeoutSeconds),
                   let aligned = try AudioAlignment.align(output: scan.alignmentAudio, reference: reference, keepCurve: request.visuals) {
                    // Samples are counted from the first audio frame; the picture starts at the first video frame.
                    measurements.audioOffsetMs = aligned.offsetMs + scan.audioLeadIn * 1000
                    measurements.audioCorrelation = aligned.curve.map { var c = $0; c.firstLagMs += scan.audioLeadIn * 1000; return c }
                    measurements.audioSimilarity = aligned.similarity
                    measurements.audioLevelChangeDB = aligned.levelChangeDB
                }
                lips?.finish(scan: scan, output: output, input: video.map { (request.videoPath!, $0) }, request: request, into: &measurements)
            } catch let e as MediaIOError {
                integrity.append(RuleHit("the output cannot be scanned: \(e.reason)"))
            } catch {
                integrity.append(RuleHit("the output cannot be scanned: \(error)"))
            }
        }

        let context = VerifyContext(output: output, video: video, audio: audio, syncMode: request.syncMode, expectedDuration: expected,
                                    payloadDuration: request.expectedDuration, measurements: measurements,
                                    integrityProblems: integrity, timestampProblems: timestamps, blockRMS: blockRMS)
        var results = RuleResults()
        for r in VerifyRules.all where !(request.quick && r.needsFullScan) {
            results.record(r.rule, hits: r.evaluate(context), path: { _ in output.path })
        }
        return report(request, inputs: inputs, expected: expected, measurements: measurements, results: results)
    }

    static func report(_ request: VerifyRequest, inputs: [CheckedInput], expected: Double?, measurements: VerifyMeasurements,
                       results: RuleResults) -> VerifyReport {
        let findings = results.findings, evaluations = results.evaluations
        let (verdict, counts) = Verdict.of(findings: findings, unreadable: inputs.filter { $0.error != nil }.count)
        return VerifyReport(profile: "sync", mode: request.quick ? .quick : .full, inputs: inputs, syncMode: request.syncMode,
                            expectedDuration: expected, measurements: measurements, findings: findings, evaluations: evaluations,
                            verdict: verdict, counts: counts)
    }
}
