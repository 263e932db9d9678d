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

/// Findings and evaluations gathered from rules, shared by `check` and `verify`.
struct RuleResults {
    var findings: [Finding] = []
    var evaluations: [RuleEvaluation] = []

    /// Records one rule's hits: each becomes a finding (a policy override beats the hit's own severity,
    /// which beats the rule's), and the rule's evaluation fails with the worst of them.
    mutating func record(_ rule: Rule, hits: [RuleHit], severityOverride: Severity? = nil, path: (InputRole) -> String?) {
        var worst: Severity?
        for h in hits {
            let sev = severityOverride ?? h.severity ?? rule.severity
            worst = max(worst ?? sev, sev)
            let role = h.role ?? rule.appliesTo
            findings.append(Finding(ruleID: rule.id, severity: sev, input: role, path: h.path ?? path(role), title: rule.title,
                                    message: h.message, measured: h.measured, limit: h.limit, fix: h.fix ?? rule.fix,
                                    sources: rule.sources, start: h.start, end: h.end))
        }
        evaluations.append(RuleEvaluation(ruleID: rule.id, input: rule.appliesTo, path: path(rule.appliesTo), failedWith: worst))
    }
}
