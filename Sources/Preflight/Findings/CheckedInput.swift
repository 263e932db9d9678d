import Foundation

/// One input as checked: its role, path, and the probe or why it could not be read.
public struct CheckedInput: Codable, Sendable {
    /// What the input is to the request (video, audio, image, script text, or verify's output).
    public var role: InputRole
    /// The file's path as given on the command line or in the request.
    public var path: String
    /// The audio input's `refId` for segments; nil for other inputs or when none was needed.
    public var refId: String?
    /// The probe result; nil when the file could not be read as media (see `error`).
    public var media: MediaInfo?
    /// Why the file could not be probed; nil when `media` is set.
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
