/// One rule that fired on one input: what was measured, the limit, and how to fix it.
public struct Finding: Codable, Sendable, Equatable {
    public var ruleID: String
    public var severity: Severity
    public var input: InputRole
    public var path: String?
    public var title: String
    /// Names the measured value and the limit.
    public var message: String
    public var measured: String?
    public var limit: String?
    public var fix: String
    public var sources: [String]
    /// Seconds range in the media the finding concerns, when it has one.
    public var start: Double?
    public var end: Double?
}

/// A rule's verdict on one input, for reports that list passes too (JUnit).
public struct RuleEvaluation: Codable, Sendable, Equatable {
    public var ruleID: String
    public var input: InputRole
    public var path: String?
    /// nil when the rule passed.
    public var failedWith: Severity?
}
