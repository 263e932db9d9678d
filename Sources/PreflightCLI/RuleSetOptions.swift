import ArgumentParser
import Preflight

/// `--profile` and `--policy`, shared by `check`, `verify` and `batch`: which rules apply and how a policy changes them.
struct RuleSetOptions: ParsableArguments {
    @Option(help: "Built-in profile: sync (default) or wav2lip.") var profile: String?
    @Option(help: "A YAML policy file (docs/POLICY.md).") var policy: String?

    /// The profile with the policy applied; a policy that cannot be read or applied is named on stderr and
    /// exits 64 (usage).
    func resolve(plan: Plan?, model: LipsyncModel?) throws -> ResolvedPolicy {
        do {
            return try ResolvedPolicy.resolve(profileName: profile, policyPath: policy, plan: plan, model: model)
        } catch let e as Policy.LoadError {
            Output.stderr("preflight: \(e.description)")
            throw ExitCode(PreflightExitCode.usage.rawValue)
        }
    }
}
