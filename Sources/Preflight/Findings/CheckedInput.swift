import Foundation

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
