import Foundation

extension OutputVerifier {
    /// The profile's output rules on what verify saw, the way check evaluates its rules: those a policy left
    /// enabled, with its severity; `--quick` skips those that need every frame decoded.
    static func evaluateRules(_ profile: Profile, on verification: VerifyContext, quick: Bool) -> RuleResults {
        var context = RuleContext(thresholds: profile.thresholds)
        context.verification = verification
        var results = RuleResults()
        for def in profile.outputDefinitions where def.runs(in: context) && !(quick && def.needsFullScan) {
            // `evaluate`, not `hits(in:)`: the Q-* rules read no thresholds, so there is no miss to report.
            results.record(def, hits: def.evaluate(context), path: { _ in verification.output.path })
        }
        return results
    }
}
