import Foundation
import MediaIO

/// What verify measured of the mouth in a video with speech (`measurements.mouth`, `inputMouth`): how much
/// it moves inside and outside speech, and how far it is from the sound (`lipLag`).
public struct MouthMotion: Codable, Sendable, Equatable {
    /// The stretches followed frame by frame (seconds from the video's start).
    public var windows: [TimeRun]
    /// Frames in those stretches with a mouth measured, and without (no face found, or landmarks failed).
    public var framesMeasured: Int
    /// Frames in those stretches without a measured mouth.
    public var framesWithoutFace: Int
    /// Mouth opening (outer-lip height over nose-to-chin length) over the measured frames.
    public var openingMean: Double?
    /// Standard deviation of the mouth opening over the measured frames; nil when none was.
    public var openingStdDev: Double?
    /// Standard deviation of the (high-passed) opening in frames inside speech and outside it; nil under 1 s of frames.
    public var speechStdDev: Double?
    /// Standard deviation of the (high-passed) opening outside speech; nil under 1 s of such frames.
    public var silenceStdDev: Double?
    /// Measured frames inside speech.
    public var speechFrames: Int
    /// Measured frames outside speech.
    public var silenceFrames: Int
    /// Speech (within the windows, at least 1 s long) during which the mouth stays still.
    public var stillDuringSpeech: [TimeRun]
    /// The lips' lag behind the sound; nil when there was not enough to correlate.
    public var lipLag: LipLag?
    /// The same over only the stretches the input video was read in (when they differ), for the comparison.
    public var lipLagOverInputWindows: LipLag?
    /// What could not be measured, and why.
    public var notMeasured: [String]
    /// The opening and the speech level per followed frame, when verify asked for visuals (the HTML report).
    public var series: MouthSeries?
}

/// Measures `MouthMotion` during a decode: the `MouthTrack` rides the scan, and `finish` combines it with the
/// scan's speech envelope and the speech segments.
final class MouthMotionScan {
    /// Mouth opening standard deviation (high-passed) under which a mouth counts as still: talking mouths
    /// measured 0.022–0.033 on the real clips, a frozen picture re-encoded 0.003 (docs/CONTENT.md).
    static let stillStdDev = 0.008
    let track: MouthTrack

    init(windows: [TimeRun], models: FaceModels) {
        track = MouthTrack(windows: windows, models: models)
    }

    var readers: [OutputPictureReader] { [track] }

    /// Ends the track's worker (after a failed scan, when `finish` is not reached).
    func close() { track.close() }

    /// The figures, from the track, the scan's speech envelope (audio starting `audioLeadIn` s after the
    /// picture) and the speech segments (audio time); `speech` nil when speech is not judged.
    func finish(envelope: SpeechEnvelope, audioLeadIn: Double, frameSeconds: Double,
                speech: [SpeechFigures.Segment]?, keepSeries: Bool = false) -> MouthMotion {
        let (samples, failure) = track.finish()
        var motion = measure(samples, failure: failure, envelope: envelope, audioLeadIn: audioLeadIn, frameSeconds: frameSeconds, speech: speech)
        if keepSeries {
            motion.series = MouthSeries(frameSeconds: frameSeconds, points: samples.map { s in
                let level = envelope.level(from: s.time - audioLeadIn, to: s.time - audioLeadIn + frameSeconds)
                return MouthSeries.Point(time: round3(s.time), opening: s.opening.map(round3),
                                         levelDB: level.map { (20 * log10(max($0, 1e-6)) * 10).rounded() / 10 })
            })
        }
        return motion
    }

    private func measure(_ samples: [MouthTrack.Sample], failure: String?, envelope: SpeechEnvelope, audioLeadIn: Double,
                         frameSeconds: Double, speech: [SpeechFigures.Segment]?) -> MouthMotion {
        var motion = MouthMotion(windows: track.windows, framesMeasured: 0, framesWithoutFace: 0, openingMean: nil, openingStdDev: nil,
                                 speechStdDev: nil, silenceStdDev: nil, speechFrames: 0, silenceFrames: 0, stillDuringSpeech: [],
                                 lipLag: nil, lipLagOverInputWindows: nil, notMeasured: failure.map { [$0] } ?? [])
        guard failure == nil else { return motion }
        let measured = samples.compactMap(\.opening)
        motion.framesMeasured = measured.count
        motion.framesWithoutFace = samples.count - measured.count
        guard measured.count >= MouthTrack.minFrames else {
            motion.notMeasured.append(samples.isEmpty ? "mouth: no frame of the video was followed"
                                      : String(format: "mouth: a face with landmarks on %d of %d followed frames; too few to judge the lips", measured.count, samples.count))
            return motion
        }
        let mean = measured.reduce(0, +) / Double(measured.count)
        motion.openingMean = round3(mean)
        motion.openingStdDev = round3((measured.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(measured.count)).squareRoot())

        let runs = MouthTrack.runs(samples, frameSeconds: frameSeconds)
        motion.lipLag = Self.lag(runs, envelope: envelope, audioLeadIn: audioLeadIn, frameSeconds: frameSeconds)
        if motion.lipLag == nil {
            motion.notMeasured.append("lip lag: no stretch of at least 1.2 s with the face followed on every frame and audio under it")
        }
        guard let speech else { return motion }
        func inSpeech(_ t: Double) -> Bool { speech.contains { t - audioLeadIn >= $0.start && t - audioLeadIn < $0.end } }
        // Motion is judged on the high-passed opening: a slow head tilt is not a moving mouth.
        let k = LipLag.highPassLength(frameSeconds: frameSeconds)
        var inside: [Double] = [], outside: [Double] = []
        for run in runs where run.count >= 3 {
            let hp = LipLag.highPass(run.map { $0.opening! }, k)
            for (s, v) in zip(run, hp) { if inSpeech(s.time) { inside.append(v) } else { outside.append(v) } }
        }
        motion.speechFrames = inside.count
        motion.silenceFrames = outside.count
        let minFrames = Int((1 / frameSeconds).rounded())
        if inside.count >= minFrames { motion.speechStdDev = round3(Self.rms(inside)) }
        if outside.count >= minFrames { motion.silenceStdDev = round3(Self.rms(outside)) }
        if inside.count < minFrames { motion.notMeasured.append("mouth during speech: under 1 s of followed frames falls inside speech") }

        // Where: speech segments inside the windows where the mouth stays still.
        for seg in speech {
            let a = seg.start + audioLeadIn, b = seg.end + audioLeadIn
            guard b - a >= 1 else { continue }
            for run in runs {
                let part = run.filter { $0.time >= a && $0.time < b }
                guard part.count >= minFrames else { continue }
                let hp = LipLag.highPass(part.map { $0.opening! }, k)
                if Self.rms(hp) < Self.stillStdDev {
                    motion.stillDuringSpeech.append(TimeRun(start: round3(part.first!.time), end: round3(part.last!.time + frameSeconds)))
                }
            }
        }
        return motion
    }

    /// The lag over `runs`, each frame paired with the speech band's level over its time (in audio time).
    static func lag(_ runs: [[MouthTrack.Sample]], envelope: SpeechEnvelope, audioLeadIn: Double, frameSeconds: Double) -> LipLag? {
        let pairs: [[(opening: Double, level: Double)]] = runs.map { run in
            run.compactMap { s in
                envelope.level(from: s.time - audioLeadIn, to: s.time - audioLeadIn + frameSeconds).map { (s.opening!, $0) }
            }
        }
        return LipLag.measure(runs: pairs, frameSeconds: frameSeconds)
    }

    static func rms(_ x: [Double]) -> Double { (x.reduce(0) { $0 + $1 * $1 } / Double(max(1, x.count))).squareRoot() }
}
