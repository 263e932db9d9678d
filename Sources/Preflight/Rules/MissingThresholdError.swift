/// A rule (or the sync_mode advice) read a threshold its profile does not define, e.g. a rule of one
/// profile reused in another without adding the thresholds it compares against.
public struct MissingThresholdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The threshold that was read, e.g. `video.maxSide`.
    public var key: String
    /// The rule that read it; nil for the sync_mode advice.
    public var ruleID: String?
    /// The profile being checked, when known.
    public var profile: String?
    /// The thresholds that are defined.
    public var known: [String]

    /// An error naming `key`, the rule that read it (nil: the sync_mode advice), the profile and the defined thresholds.
    public init(key: String, ruleID: String?, profile: String? = nil, known: [String]) {
        self.key = key
        self.ruleID = ruleID
        self.profile = profile
        self.known = known
    }

    /// One line for a person: which rule needs which threshold, and the thresholds that are defined.
    public var description: String {
        (profile.map { "profile '\($0)': " } ?? "") + (ruleID.map { "rule \($0)" } ?? "the sync_mode advice")
            + " needs threshold '\(key)', which is not defined; add it to the profile's thresholds (defined: "
            + (known.isEmpty ? "none" : known.joined(separator: ", ")) + ")"
    }
}
