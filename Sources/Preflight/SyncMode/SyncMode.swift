/// How the API reconciles a video and an audio of different lengths (contract §3.1).
public enum SyncMode: String, Codable, Sendable, CaseIterable {
    /// Cut the longer input: the output lasts as long as the shorter one.
    case cutOff = "cut_off"
    /// The output follows the audio with bounce (video forward then backward), loop (video repeated) or remap (video stretched by video/audio); silence keeps the longer of the two.
    case bounce, loop, silence, remap

    /// Output duration per the contract's matrix: cut_off = min, silence = max, bounce/loop/remap = audio.
    public func outputDuration(video: Double, audio: Double) -> Double {
        switch self {
        case .cutOff: return min(video, audio)
        case .silence: return max(video, audio)
        case .bounce, .loop, .remap: return audio
        }
    }

    /// The time of the input video the output shows at `t` seconds, by the mode's formula: cut_off and
    /// silence keep time (nil past the video's end: silence has no input picture there), loop wraps modulo
    /// the video's duration, bounce plays it forward then backward, remap stretches it by video/audio.
    /// nil for a negative time or a duration that is not positive.
    public func inputTime(atOutput t: Double, video: Double, audio: Double) -> Double? {
        guard t >= 0, video > 0, audio > 0 else { return nil }
        switch self {
        case .cutOff, .silence: return t < video ? t : nil
        case .loop: return t.truncatingRemainder(dividingBy: video)
        case .bounce:
            let p = t.truncatingRemainder(dividingBy: 2 * video)
            return p < video ? p : 2 * video - p
        case .remap: return t * video / audio
        }
    }
}

/// The recommended sync_mode for a pair, why, and what every mode would produce.
public struct SyncModeAdvice: Codable, Sendable, Equatable {
    /// The recommended sync_mode.
    public var mode: SyncMode
    /// Why, in words, with the durations that decide it.
    public var reason: String
    /// Output duration the recommended mode produces, seconds.
    public var outputDuration: Double
    /// The video duration compared, seconds (with segments, that of the segment that differs most).
    public var videoDuration: Double
    /// The audio duration compared, seconds (with segments, that of the segment that differs most).
    public var audioDuration: Double
    /// Output duration for each mode, so a user can weigh alternatives (and plan caps).
    public var outputDurationByMode: [String: Double]
    /// video / audio duration; remap plays the video at this speed (below 1 slows it down).
    public var lengthRatio: Double
}
