/// The profile, plan, model and constraints a check runs with: built-in profile, then the policy
/// file, then command-line flags (which win).
public struct ResolvedPolicy: Sendable {
    public var profile: Profile
    public var plan: Plan?
    public var model: LipsyncModel
    public var constraints: [Policy.Constraint]

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
