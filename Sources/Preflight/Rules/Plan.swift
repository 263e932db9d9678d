/// Sync subscription plans: each caps the length of one generation's output.
public enum Plan: String, Codable, Sendable, CaseIterable {
    /// A plan by its Sync name; see `maxOutputSeconds` for each one's cap.
    case free, hobbyist, creator, growth, scale

    /// Per-generation output cap in seconds [FAQ].
    public var maxOutputSeconds: Double {
        switch self {
        case .free: return 20
        case .hobbyist: return 60
        case .creator: return 300
        case .growth: return 600
        case .scale: return 1800
        }
    }
}

/// Sync lip-sync models with input constraints preflight can check.
public enum LipsyncModel: String, Codable, Sendable, CaseIterable {
    /// Sync's `lipsync-2` model.
    case lipsync2 = "lipsync-2"
    /// Sync's `lipsync-2-pro` model.
    case lipsync2Pro = "lipsync-2-pro"
    /// Sync's `sync-3` model, the one that also accepts a still image instead of a video.
    case sync3 = "sync-3"
    /// Sync's `react-1` model, whose inputs are capped at `model.react1MaxDuration` seconds (15 by default).
    case react1 = "react-1"

    /// Whether the model accepts a still image in place of a video (only sync-3).
    public var acceptsImage: Bool { self == .sync3 }
}
