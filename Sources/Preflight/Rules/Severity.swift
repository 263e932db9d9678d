/// How bad a finding is. error: the API will reject or fail; warning: quality risk; info: worth knowing.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    /// info: worth knowing; warning: a quality risk; error: the API will reject the request or fail.
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    /// Orders by seriousness: info < warning < error.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Which input of a check a rule looks at.
public enum InputRole: String, Codable, Sendable, CaseIterable {
    /// The video, audio, still image or TTS script input; `pair` a video (or image) with its audio or script; `request` the request as a whole.
    case video, audio, image, text, pair, request
    /// The generated file `verify` checks.
    case output
}
