import MediaIO

/// The result of probing one path: the media description or why it could not be read.
public enum ProbeOutcome: Sendable {
    /// The file was read: everything the probe found.
    case media(MediaInfo)
    /// The file could not be read as media, and why.
    case failure(ProbeFailure)

    /// The probed path, from either case.
    public var path: String {
        switch self {
        case .media(let m): return m.path
        case .failure(let f): return f.path
        }
    }
}

/// A file that could not be read as media, with a stable `kind` and one line of explanation.
public struct ProbeFailure: Codable, Sendable, Equatable, Error {
    /// The path that could not be read.
    public var path: String
    /// Stable machine-readable reason, e.g. `not-found`, `empty-file`, `not-media`, `timed-out`.
    public var kind: String
    /// One line explaining the failure to a person.
    public var message: String

    /// A failure as given; the probe makes these from libav and file-system errors.
    public init(path: String, kind: String, message: String) {
        self.path = path
        self.kind = kind
        self.message = message
    }

    init(_ error: MediaIOError) {
        self.init(path: error.path, kind: error.kind, message: error.reason)
    }
}

extension MediaProbe {
    /// Never throws: every failure becomes a `ProbeFailure`.
    public static func outcome(path: String, options: ProbeOptions) -> ProbeOutcome {
        do {
            return .media(try probe(path: path, options: options))
        } catch let e as MediaIOError {
            return .failure(ProbeFailure(e))
        } catch {
            return .failure(ProbeFailure(path: path, kind: "internal-error", message: "\(error)"))
        }
    }
}

extension ProbeOutcome {
    /// `unreadable` for a file that could not be read, `errors` for a defective one, else `ok`.
    public var exitCode: PreflightExitCode {
        switch self {
        case .failure: return .unreadable
        case .media(let m): return m.integrity.isEmpty ? .ok : .errors
        }
    }
}

extension PreflightExitCode {
    /// The code for a run over several inputs: the most serious wins (unreadable > errors > warnings > ok).
    public static func combined(_ codes: [PreflightExitCode]) -> PreflightExitCode {
        codes.max(by: { $0.rawValue < $1.rawValue }) ?? .ok
    }
}
