/// The profile, plan, model and constraints a check runs with: built-in profile, then the policy
/// file, then command-line flags (which win).
public struct ResolvedPolicy: Sendable {
    /// The profile with the policy's thresholds and rule overrides applied.
    public var profile: Profile
    /// The plan: the flag's, else the policy's; nil: no plan limits.
    public var plan: Plan?
    /// The model: the flag's, else the policy's, else lipsync-2.
    public var model: LipsyncModel
    /// The policy's constraints; empty without a policy.
    public var constraints: [Policy.Constraint]

    /// Resolves `profileName` (nil: the policy's, else "sync"), the policy file at `policyPath` (nil: none) and the flags
    /// `plan` and `model` (nil: not given); throws `Policy.LoadError` for an unknown profile or a bad policy.
    public static func resolve(profileName: String?, policyPath: String?, plan: Plan?, model: LipsyncModel?) throws -> ResolvedPolicy {
        let policy = try policyPath.map { try Policy.load(path: $0) }
        let name = profileName ?? policy?.profile ?? "sync"
        guard let base = Profile.named(name) else {
            throw Policy.LoadError(path: policyPath ?? "--profile", line: nil,
                                   message: "unknown profile '\(name)' (known: \(Profile.builtIn.map(\.name).joined(separator: ", ")))")
        }
        let profile = try policy?.apply(to: base, path: policyPath ?? "policy") ?? base
        return ResolvedPolicy(profile: profile, plan: plan ?? policy?.plan, model: model ?? policy?.model ?? .lipsync2,
                              constraints: policy?.constraints ?? [])
    }
}
