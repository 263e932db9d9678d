import Foundation

/// Chooses a sync_mode from the two measured durations, following the contract's matrix and guidance:
/// near-equal → cut_off; audio longer → remap within a small speed change, loop for a seamless loop,
/// else bounce; video longer → cut_off, or silence to keep the whole video.
public struct SyncModeAdvisor: Sendable {
    /// The profile's thresholds the advice compares the durations against.
    public var thresholds: Thresholds

    /// The thresholds `advise` compares against.
    public static let requiredThresholds: [ThresholdKey] = [.modeNearEqualSeconds, .modeRemapAdviseMin, .modeRemapAdviseMax]

    /// Throws `MissingThresholdError` when `thresholds` lacks one of `requiredThresholds`.
    public init(thresholds: Thresholds) throws {
        try thresholds.require(Self.requiredThresholds, by: nil)
        self.thresholds = thresholds
    }

    /// The sync_mode for a video and an audio of these lengths, and why.
    /// - Parameters:
    ///   - v: the video's duration, seconds.
    ///   - a: the audio's duration, seconds.
    ///   - frameDuration: one video frame in seconds, so ±1 frame always counts as equal.
    ///   - loopsSeamlessly: whether the clip's last frame matches its first (nil when unknown).
    ///   - keepVideo: the user wants the whole video even when the audio is shorter.
    ///   - loopCompared: what `loopsSeamlessly` was judged on, said in the reason.
    public func advise(video v: Double, audio a: Double, frameDuration: Double?, loopsSeamlessly: Bool?,
                       keepVideo: Bool, loopCompared: String? = nil) -> SyncModeAdvice {
        let near = max(thresholds[.modeNearEqualSeconds], (frameDuration ?? 0) + 1e-9)
        let ratio = a > 0 ? v / a : 0
        let mode: SyncMode
        let reason: String
        let diff = a - v
        if abs(diff) <= near {
            mode = .cutOff
            reason = "durations match within \(ms(abs(diff))) ms: cut_off keeps both whole"
        } else if diff > 0 {
            if ratio >= thresholds[.modeRemapAdviseMin] && ratio <= thresholds[.modeRemapAdviseMax] {
                mode = .remap
                reason = "audio is \(pct(diff / v)) longer: remap slows the video by \(String(format: "%.2f", a / v))x, unnoticeable, and keeps all speech"
            } else if loopsSeamlessly == true {
                mode = .loop
                reason = "audio is \(s(diff)) longer and the clip loops seamlessly (last frame matches the first\(loopCompared.map { ": " + $0 } ?? "")): loop repeats it without a jump"
            } else {
                mode = .bounce
                reason = "audio is \(s(diff)) longer: bounce plays the video forward and back until the audio ends, without a visible jump"
                    + (loopsSeamlessly == false ? " (loop would jump: the last frame differs from the first\(loopCompared.map { ", " + $0 } ?? ""))" : "")
            }
        } else {
            if keepVideo {
                mode = .silence
                reason = "video is \(s(-diff)) longer and the whole video is wanted: silence pads the audio"
            } else {
                mode = .cutOff
                reason = "video is \(s(-diff)) longer: cut_off trims the video to the audio"
            }
        }
        var byMode: [String: Double] = [:]
        for m in SyncMode.allCases { byMode[m.rawValue] = m.outputDuration(video: v, audio: a) }
        return SyncModeAdvice(mode: mode, reason: reason, outputDuration: mode.outputDuration(video: v, audio: a),
                              videoDuration: v, audioDuration: a, outputDurationByMode: byMode, lengthRatio: ratio)
    }

    private func ms(_ x: Double) -> String { String(Int((x * 1000).rounded())) }
    private func s(_ x: Double) -> String { String(format: "%.2f s", x) }
    private func pct(_ x: Double) -> String { String(format: "%.0f%%", x * 100) }
}
