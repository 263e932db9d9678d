/// The outcome of `check`: every input with its probe, the findings, the sync_mode advice and the verdict.
/// Stable JSON schema: docs/CHECK-JSON.md.
public struct CheckReport: Codable, Sendable {
    public var profile: String
    public var plan: String?
    public var model: String
    public var inputs: [CheckedInput]
    /// The sync_mode that will be used: the requested one, or the advised one.
    public var syncMode: String?
    public var syncModeRequested: Bool
    public var advice: SyncModeAdvice?
    /// With segments: the advice for each segment (`advice` follows the one that differs most).
    public var segmentAdvice: [SegmentAdvice]? = nil
    /// Output duration the sync_mode produces, seconds.
    public var outputDuration: Double?
    public var findings: [Finding]
    public var evaluations: [RuleEvaluation]
    public var verdict: Verdict
    public var counts: Counts
    /// Set by `RequestEmitter.emit` when a request body was asked for.
    public var requestBody: RequestBodyStatus? = nil
    /// The dubbing flow checked (`--dub-target-lang`): the `dubParams` the body carries.
    public var dubParams: DubParams? = nil

    public struct Counts: Codable, Sendable, Equatable {
        public var errors: Int
        public var warnings: Int
        public var infos: Int
        public var unreadable: Int
    }

    /// The process exit code a pipeline acts on: 4 when the requested body could not be written, else the verdict's.
    public func exitCode(strict: Bool) -> PreflightExitCode {
        requestBody?.outcome == .failed ? .outputFailed : verdict.exitCode(strict: strict)
    }
}

public enum Verdict: String, Codable, Sendable {
    /// No error or warning (infos allowed).
    case pass
    case warnings
    /// The API would reject the request or fail.
    case errors
    /// An input could not be read as media.
    case unreadable
}

/// One input as checked: its role, path, and the probe or why it could not be read.
public struct CheckedInput: Codable, Sendable {
    public var role: InputRole
    public var path: String
    public var refId: String?
    public var media: MediaInfo?
    public var error: ProbeFailure?
    /// A TTS script's length as the API counts it and the speech it makes.
    public var script: ScriptMeasure? = nil
    /// Faces and speech, unless `--content off`.
    public var content: ContentFigures? = nil
}

extension CheckedInput {
    /// Probes the inputs two at a time (like `probe A B`) and returns them in the order given.
    static func probing(_ roles: [(role: InputRole, path: String, refId: String?)], options: ProbeOptions) -> [CheckedInput] {
        let outcomes = Locked([ProbeOutcome?](repeating: nil, count: roles.count))
        ProbeBatch.run(paths: roles.map(\.path), jobs: 2, options: options) { i, outcome in
            outcomes.withLock { $0[i] = outcome }
        }
        return outcomes.withLock { $0 }.enumerated().map { i, outcome in
            let (role, path, refId) = roles[i]
            switch outcome {
            case .media(let m)?: return CheckedInput(role: role, path: path, refId: refId, media: m, error: nil)
            case .failure(let f)?: return CheckedInput(role: role, path: path, refId: refId, media: nil, error: f)
            case nil: return CheckedInput(role: role, path: path, refId: refId, media: nil,
                                          error: ProbeFailure(path: path, kind: "internal-error", message: "not probed"))
            }
        }
    }
}
