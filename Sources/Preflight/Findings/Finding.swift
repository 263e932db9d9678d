/// One rule that fired on one input: what was measured, the limit, and how to fix it.
public struct Finding: Codable, Sendable, Equatable {
    /// The id of the rule that fired, e.g. `V-RES-01`.
    public var ruleID: String
    /// The effective severity: a policy override, else the hit's own, else the rule's.
    public var severity: Severity
    /// Which input the finding concerns.
    public var input: InputRole
    /// The file the finding names (the segments file for segment findings); nil when there is none.
    public var path: String?
    /// The rule's short title.
    public var title: String
    /// Names the measured value and the limit.
    public var message: String
    /// The measured value as display text with its unit (e.g. `0 video streams`), when the rule has one.
    public var measured: String?
    /// The limit the measured value broke, as display text (e.g. `≤ 1.25`), when the rule has one.
    public var limit: String?
    /// How to fix it: the hit's specific advice, else the rule's generic fix.
    public var fix: String
    /// Source keys from the contract's Sources list backing the rule, e.g. `MFS`.
    public var sources: [String]
    /// Seconds range in the media the finding concerns, when it has one.
    public var start: Double?
    /// End of the seconds range in the media the finding concerns, when it has one.
    public var end: Double?
}

/// A rule's verdict on one input, for reports that list passes too (JUnit).
public struct RuleEvaluation: Codable, Sendable, Equatable {
    /// The id of the rule evaluated, e.g. `V-RES-01`.
    public var ruleID: String
    /// The input the rule applies to.
    public var input: InputRole
    /// The file of that input; nil when the check had none for the role.
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

    /// Records the hits of a profile's rule, with the severity a policy gave it.
    mutating func record(_ definition: RuleDefinition, hits: [RuleHit], path: (InputRole) -> String?) {
        record(definition.rule, hits: hits, severityOverride: definition.severityOverride, path: path)
    }
}
