/// How the API reconciles a video and an audio of different lengths (contract §3.1).
public enum SyncMode: String, Codable, Sendable, CaseIterable {
    case cutOff = "cut_off"
    case bounce, loop, silence, remap

    /// Output duration per the contract's matrix: cut_off = min, silence = max, bounce/loop/remap = audio.
    public func outputDuration(video: Double, audio: Double) -> Double {
        switch self {
        case .cutOff: return min(video, audio)
        case .silence: return max(video, audio)
        case .bounce, .loop, .remap: return audio
        }
    }
}

/// The recommended sync_mode for a pair, why, and what every mode would produce.
public struct SyncModeAdvice: Codable, Sendable, Equatable {
    public var mode: SyncMode
    public var reason: String
    public var outputDuration: Double
    public var videoDuration: Double
    public var audioDuration: Double
    /// Output duration for each mode, so a user can weigh alternatives (and plan caps).
    public var outputDurationByMode: [String: Double]
    /// video / audio duration; remap plays the video at this speed (below 1 slows it down).
    public var lengthRatio: Double
}
