/// A rule of a profile: data that users can look up (`preflight rules`, docs/RULES.md) and override in a policy.
public struct Rule: Codable, Sendable, Equatable {
    /// Stable id matching the contract's rule table, e.g. `V-RES-01`.
    public var id: String
    /// Short human-readable name shown in reports, e.g. in a finding's heading.
    public var title: String
    /// Default severity of the rule's findings; a hit or a policy may replace it.
    public var severity: Severity
    /// The input the rule looks at; it is skipped when the check has none.
    public var appliesTo: InputRole
    /// What is checked and against which default threshold, in words.
    public var check: String
    /// How to fix it; a concrete command where one exists.
    public var fix: String
    /// Source keys from the contract's Sources list, e.g. `MFS`.
    public var sources: [String]
    /// P primary sync.so documentation, T third party, D derived.
    public var confidence: String
    /// Off unless a policy enables it (e.g. rules that only apply to one integration).
    public var enabledByDefault: Bool

    /// Creates a rule's data; it runs only once paired with code in a `RuleDefinition`.
    public init(_ id: String, _ title: String, _ severity: Severity, _ appliesTo: InputRole, check: String, fix: String,
                sources: [String], confidence: String, enabledByDefault: Bool = true) {
        self.id = id
        self.title = title
        self.severity = severity
        self.appliesTo = appliesTo
        self.check = check
        self.fix = fix
        self.sources = sources
        self.confidence = confidence
        self.enabledByDefault = enabledByDefault
    }
}
