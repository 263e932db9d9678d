/// How many findings of each severity a check or verify raised, and how many inputs could not be read.
public struct FindingCounts: Codable, Sendable, Equatable {
    /// Findings of severity error: the API would reject the request or fail.
    public var errors: Int
    /// Findings of severity warning: quality risks.
    public var warnings: Int
    /// Findings of severity info: worth knowing, never failing.
    public var infos: Int
    /// Inputs that could not be read as media.
    public var unreadable: Int

    /// Counts as given; a report computes them from its findings.
    public init(errors: Int, warnings: Int, infos: Int, unreadable: Int) {
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.unreadable = unreadable
    }

    /// The findings counted by severity, beside `unreadable` inputs.
    init(findings: [Finding], unreadable: Int) {
        self.init(errors: 0, warnings: 0, infos: 0, unreadable: unreadable)
        for f in findings {
            switch f.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }
}
