import Foundation

extension OutputVerifier {
    /// Failures that say the path is wrong rather than the output damaged: they stay input errors (exit 3).
    static let notAnOutput: Set<String> = ["not-found", "is-directory", "permission-denied", "not-a-local-path", "not-a-regular-file"]

    /// The report on an output that cannot even be opened: a defective output (Q-INT-01, exit 2), not a bad
    /// input, unless the path itself is wrong or a policy turned Q-INT-01 off.
    static func unopened(_ request: VerifyRequest, profile: Profile, inputs: [CheckedInput]) -> VerifyReport {
        var inputs = inputs
        var results = RuleResults()
        let integrity = profile.outputDefinitions.first { $0.rule.id == VerifyRules.integrity.rule.id && $0.rule.enabledByDefault }
        if let integrity, let i = inputs.firstIndex(where: { $0.role == .output }), let e = inputs[i].error, !notAnOutput.contains(e.kind) {
            results.record(integrity, hits: [RuleHit("the output cannot be opened: \(e.message)", measured: e.kind, limit: "a complete MP4")],
                           path: { _ in e.path })
            inputs[i].error = nil
        }
        return report(request, profile: profile, inputs: inputs, expected: nil, measurements: Observations().measurements,
                      results: results)
    }
}
