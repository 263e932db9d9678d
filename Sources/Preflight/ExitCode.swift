/// Process exit codes shared by every verb; documented in docs/EXIT-CODES.md.
public enum PreflightExitCode: Int32, Sendable, CaseIterable {
    /// Everything checked is fine.
    case ok = 0
    /// Warnings only, and `--strict` was given.
    case warnings = 1
    /// Errors: the API would reject the media, or the file is defective (truncated, decode errors).
    case errors = 2
    /// An input could not be read as media (missing, empty, not media, refused, timed out).
    case unreadable = 3
    /// The output could not be written (directory not writable, disk full, would overwrite an input,
    /// over --max-size). Nothing partial is left behind.
    case outputFailed = 4
    /// Bad command line.
    case usage = 64
    /// A bug in preflight: any error nothing else names. One line on stderr.
    case internalError = 70
    /// Interrupted (Ctrl-C) before the work was done.
    case interrupted = 130

    /// A few words for `--help` and documentation: "0 ok", "4 an output could not be written".
    public var summary: String {
        switch self {
        case .ok: return "ok"
        case .warnings: return "warnings with --strict"
        case .errors: return "errors (API would reject, or the file is defective)"
        case .unreadable: return "an input could not be read as media"
        case .outputFailed: return "an output could not be written"
        case .usage: return "usage error"
        case .internalError: return "internal error"
        case .interrupted: return "interrupted (Ctrl-C)"
        }
    }
}
