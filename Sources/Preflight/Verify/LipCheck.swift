import Foundation
import MediaIO

/// verify's lip measurements (Q-LIP-01/02, issue 12): the output's mouth during the full scan, the output's
/// speech beside it on another thread, and the same lag on the input video with its own audio (its first
/// `inputSeconds`), so "input: lips 40 ms after the sound; output: 40 ms" shows whether the API moved sync.
final class LipCheck {
    /// Rule ids named in verify's "not measured" lines about the lips.
    static let rules = "Q-LIP-01, Q-LIP-02"
    /// The input is read only this far (its dense windows within it): enough to know its own lag.
    static let inputSeconds = 12.0
    private let models: FaceModels
    private let scan: MouthMotionScan
    /// The output's speech in the mouth's windows, measured on its own thread beside the output's full decode.
    private let speech: BackgroundResult<Result<[SpeechFigures.Segment], SpeechAnalysisError>>

    private init(windows: [TimeRun], models: FaceModels, speech: BackgroundResult<Result<[SpeechFigures.Segment], SpeechAnalysisError>>) {
        self.models = models
        scan = MouthMotionScan(windows: windows, models: models)
        self.speech = speech
    }

    /// Whether the lips are checked: content on, and the output has a picture and a sound to compare.
    static func runs(request: VerifyRequest, output: MediaInfo) -> Bool {
        request.content != .off && output.video.first != nil && !output.audio.isEmpty
    }

    /// nil when the lips are not checked (`runs`).
    static func start(request: VerifyRequest, output: MediaInfo, models: FaceModels) -> LipCheck? {
        guard runs(request: request, output: output), let v = output.video.first else { return nil }
        let duration = v.duration?.seconds ?? output.duration?.seconds ?? 0
        let windows = MouthTrack.windows(duration: duration)
        let path = output.path, timeout = request.timeoutSeconds
        let speech = BackgroundResult { () -> Result<[SpeechFigures.Segment], SpeechAnalysisError> in
            // Q-LIP-01 needs speech only where the mouth is followed: each window's audio, not the whole file.
            var segments: [SpeechFigures.Segment] = []
            var failure: SpeechAnalysisError?
            for w in windows {
                switch SpeechAnalysis.measure(path: path, from: w.start, duration: w.duration, timeoutSeconds: timeout) {
                case .success(let f):
                    segments += f.segments.map { SpeechFigures.Segment(start: $0.start + w.start, end: $0.end + w.start) }
                case .failure(let e): failure = failure ?? e
                }
            }
            return failure.map { .failure($0) } ?? .success(segments)
        }
        return LipCheck(windows: windows, models: models, speech: speech)
    }

    var readers: [OutputPictureReader] { scan.readers }

    /// Ends the worker threads and waits for the speech, whether or not `finish` ran.
    func close() {
        scan.close()
        _ = speech.value()
    }

    func finish(scan result: OutputScan.Result, output: MediaInfo, input: (path: String, media: MediaInfo)?, request: VerifyRequest,
                into m: inout VerifyMeasurements) {
        let frame = output.video.first?.frameRate.map { 1 / $0 } ?? 0.04
        var segments: [SpeechFigures.Segment]?
        var speechProblem: String?
        switch speech.value() {
        case .success(let s): segments = s
        case .failure(let e): speechProblem = "mouth during speech: the output's speech could not be measured (\(e.reason))"
        }
        var mouth = scan.finish(envelope: result.envelope, audioLeadIn: result.audioLeadIn, frameSeconds: frame, speech: segments, keepSeries: request.visuals)
        if let speechProblem { mouth.notMeasured.append(speechProblem) }
        m.mouth = mouth
        m.lipLagMs = mouth.lipLag?.lagMs
        m.lipLagConfidence = mouth.lipLag?.confidence
        defer { Self.noteUnreadableLag(&m) }

        // The input video with its own sound: the reference the output's lag is compared with, read in the
        // output's windows that fall within its first `inputSeconds`.
        guard mouth.lipLag != nil, let (path, media) = input, let v = media.video.first, !media.audio.isEmpty else { return }
        let limit = min(Self.inputSeconds, v.duration?.seconds ?? media.duration?.seconds ?? 0)
        let windows = mouth.windows.compactMap { w in w.start < limit ? TimeRun(start: w.start, end: min(w.end, limit)) : nil }
        guard !windows.isEmpty else { return }
        let inputScan = MouthMotionScan(windows: windows, models: models)
        guard let r = try? OutputScan.run(path: path, timeout: request.timeoutSeconds, freezeSeconds: .infinity, blackSeconds: .infinity,
                                          readers: inputScan.readers, until: limit) else { return inputScan.close() }
        let inMouth = inputScan.finish(envelope: r.envelope, audioLeadIn: r.audioLeadIn, frameSeconds: v.frameRate.map { 1 / $0 } ?? frame, speech: nil)
        m.inputMouth = inMouth
        m.inputLipLagMs = inMouth.lipLag?.lagMs
        m.inputLipLagConfidence = inMouth.lipLag?.confidence
        if windows != mouth.windows {
            // Compare like with like: the output's lag over the same stretches the input was read in.
            let same = scan.track.finish().samples.filter { s in windows.contains { s.time >= $0.start && s.time < $0.end } }
            m.mouth?.lipLagOverInputWindows = MouthMotionScan.lag(MouthTrack.runs(same, frameSeconds: frame), envelope: result.envelope,
                                                                  audioLeadIn: result.audioLeadIn, frameSeconds: frame)
        }
        if !result.alignmentAudio.isEmpty, !r.alignmentAudio.isEmpty,
           let aligned = try? AudioAlignment.align(output: result.alignmentAudio, reference: r.alignmentAudio) {
            m.sameSpeechAsInput = aligned.similarity >= 0.5
        }
    }

    /// Says in the figures when the lag was measured but cannot be trusted (Q-LIP-02 is then silent).
    static func noteUnreadableLag(_ m: inout VerifyMeasurements) {
        guard let step = LipStep.of(m), !step.measurable, let why = step.why else { return }
        m.mouth?.notMeasured.append("lip lag (Q-LIP-02): \(why); not judged")
    }
}

/// Q-LIP-02's reading of the lag figures: against the input's own lag when the output carries the input
/// video's own speech (the same mouth and sound, so the two correlation curves are the same curve shifted and
/// their difference is exact even where each has side peaks), otherwise against 0 with a wide tolerance,
/// because real in-sync footage measured up to ~240 ms on its own (docs/CONTENT.md).
struct LipStep {
    /// A lag this close to the edge of the search (±0.6 s) may be a cut-off side peak: not trusted.
    static let edgeMs = 500.0
    /// Relative mode needs a real correlation on both sides, and an output peak not level with a side peak.
    static let minCorrelation = 0.2
    static let minRelativeConfidence = 0.15
    /// Without a reference, lags within this many ms of 0 are not judged (the spread of in-sync clips).
    static let absoluteToleranceMs = 300.0

    var lagMs: Double
    var referenceMs: Double?
    var measurable: Bool
    var why: String?

    var deltaMs: Double { lagMs - (referenceMs ?? 0) }

    static func of(_ m: VerifyMeasurements) -> LipStep? {
        guard let overall = m.mouth?.lipLag else { return nil }
        if m.sameSpeechAsInput == true, let input = m.inputMouth?.lipLag {
            let out = m.mouth?.lipLagOverInputWindows ?? overall
            let ok = abs(out.lagMs) <= edgeMs && abs(input.lagMs) <= edgeMs && out.correlation >= minCorrelation && input.correlation >= minCorrelation
                && out.confidence >= minRelativeConfidence
            return LipStep(lagMs: out.lagMs, referenceMs: input.lagMs, measurable: ok,
                           why: ok ? nil : String(format: "the lag could not be read reliably (output %+.0f ms, r %.2f, confidence %.2f; input %+.0f ms, r %.2f)",
                                                  out.lagMs, out.correlation, out.confidence, input.lagMs, input.correlation))
        }
        let ok = overall.isMeasurable && abs(overall.lagMs) <= edgeMs
        return LipStep(lagMs: overall.lagMs, referenceMs: nil, measurable: ok,
                       why: ok ? nil : String(format: "the lag could not be read reliably (%+.0f ms, confidence %.2f)", overall.lagMs, overall.confidence))
    }
}
