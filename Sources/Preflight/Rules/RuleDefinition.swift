import Foundation

/// A rule's data plus the code that evaluates it.
public struct RuleDefinition: Sendable {
    /// The rule's id, title, default severity and fix text.
    public var rule: Rule
    /// The rule's code; callers outside the module use `hits(in:)`, which reports missing thresholds.
    var evaluate: @Sendable (RuleContext) -> [RuleHit]
    /// Set by a policy: replaces both the rule's and a hit's own severity.
    public var severityOverride: Severity?
    /// The file the rule's findings and evaluation name when it is not its role's input (the segments file).
    public var subjectPath: (@Sendable (RuleContext) -> String?)?
    /// A rule on the generated output (`.output`) that needs every frame decoded: `verify --quick` skips it.
    public var needsFullScan = false

    /// Pairs a rule with the closure that evaluates it; a custom profile's rules are built this way.
    public init(_ rule: Rule, subjectPath: (@Sendable (RuleContext) -> String?)? = nil,
                evaluate: @escaping @Sendable (RuleContext) -> [RuleHit]) {
        self.rule = rule
        self.subjectPath = subjectPath
        self.evaluate = evaluate
    }

    /// The rule's findings in `context`. Throws `MissingThresholdError` when the rule reads a threshold
    /// `context.thresholds` does not define (a rule of one profile used with another's thresholds).
    public func hits(in context: RuleContext) throws -> [RuleHit] {
        try Thresholds.reportingMisses(rule: rule.id, known: context.thresholds.names) { evaluate(context) }
    }

    /// Whether the rule runs in this context: a policy left it on and it has something to look at.
    func runs(in context: RuleContext) -> Bool { rule.enabledByDefault && applies(to: context) }

    /// Whether the rule has something to look at in this context (a passing rule is still reported).
    public func applies(to context: RuleContext) -> Bool {
        switch rule.appliesTo {
        case .video: return context.video != nil
        case .audio: return context.media(for: .audio) != nil
        case .image: return context.image != nil
        case .text: return context.script != nil
        case .pair: return (context.video != nil || context.image != nil) && (context.media(for: .audio) != nil || context.script != nil)
        case .request: return true
        case .output: return context.verification != nil
        }
    }
}

/// Formatting shared by rule messages.
enum Say {
    static func sec(_ x: Double) -> String { String(format: "%.2f s", x) }
    static func num(_ x: Double) -> String { NumberText.compact(x) }
    static func bytes(_ n: Int64) -> String {
        if n >= 1_000_000_000 { return String(format: "%.2f GB", Double(n) / 1e9) }
        if n >= 1_000_000 { return String(format: "%.1f MB", Double(n) / 1e6) }
        return String(format: "%.1f kB", Double(n) / 1e3)
    }
    static func fps(_ x: Double) -> String { NumberText.compact(x) + " fps" }
}
