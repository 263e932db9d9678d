/// Sync subscription plans: each caps the length of one generation's output.
public enum Plan: String, Codable, Sendable, CaseIterable {
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
    case lipsync2 = "lipsync-2"
    case lipsync2Pro = "lipsync-2-pro"
    case sync3 = "sync-3"
    case react1 = "react-1"

    public var acceptsImage: Bool { self == .sync3 }
}
