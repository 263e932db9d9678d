/// The one-word outcome of a check or verify, from its findings and unreadable inputs. Declared mildest first
/// (`allCases` is the severity order the batch page sorts and lists by).
public enum Verdict: String, Codable, Sendable, CaseIterable {
    /// No error or warning (infos allowed).
    case pass
    /// Warnings but no error: quality risks the API still accepts.
    case warnings
    /// The API would reject the request or fail.
    case errors
    /// An input could not be read as media.
    case unreadable
}

extension Verdict {
    /// The verdict for a set of findings and unreadable inputs.
    static func of(findings: [Finding], unreadable: Int) -> (Verdict, FindingCounts) {
        let counts = FindingCounts(findings: findings, unreadable: unreadable)
        let verdict: Verdict = counts.unreadable > 0 ? .unreadable : counts.errors > 0 ? .errors : counts.warnings > 0 ? .warnings : .pass
        return (verdict, counts)
    }

    func exitCode(strict: Bool) -> PreflightExitCode {
        switch self {
        case .unreadable: return .unreadable
        case .errors: return .errors
        case .warnings: return strict ? .warnings : .ok
        case .pass: return .ok
        }
    }
}
