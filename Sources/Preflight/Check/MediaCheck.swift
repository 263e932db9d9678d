import Foundation
import MediaIO

/// `check`: probes the inputs, decides the sync_mode, applies the profile's rules and any policy
/// constraints, and returns a report with a verdict.
public enum MediaCheck {
    /// Throws `MissingThresholdError` (naming the rule and the profile) when a rule or the sync_mode advice
    /// reads a threshold the profile does not define; a built-in profile, with or without a policy, never does.
    public static func run(_ request: CheckRequest, profile: Profile, constraints: [Policy.Constraint] = []) throws -> CheckReport {
        do {
            return try Thresholds.reportingMisses(rule: nil, known: profile.thresholds.names) {
                try report(request, profile: profile, constraints: constraints)
            }
        } catch var e as MissingThresholdError {
            e.profile = profile.name
            throw e
        }
    }

    /// The check as a sequence of steps, each in its own file: the inputs, the script, the segments, the
    /// sync_mode's timing, the profile's rules, the policy's constraints, the verdict.
    static func report(_ request: CheckRequest, profile: Profile, constraints: [Policy.Constraint]) throws -> CheckReport {
        var inputs = probeInputs(request, profile: profile)
        let script = readScript(request, profile: profile, into: &inputs)
        let media = Media(inputs)
        let segments = readSegments(request, video: media.video, into: &inputs)
        let timing = try planTiming(request, profile: profile, media: media, spans: segments.spans, inputs: inputs)
        let context = ruleContext(request, profile: profile, media: media, script: script, segments: segments,
                                  timing: timing, inputs: inputs)
        var results = try evaluateRules(profile, in: context, extraAudio: media.audios.dropFirst(), inputs: inputs)
        evaluate(constraints, media: media, context: context, output: timing.outputDuration, into: &results)

        let (verdict, counts) = Verdict.of(findings: results.findings, unreadable: inputs.filter { $0.error != nil }.count)
        var report = CheckReport(profile: profile.name, plan: request.plan, model: request.model, inputs: inputs,
                           syncMode: media.image == nil ? timing.mode : nil, syncModeRequested: request.syncMode != nil,
                           advice: timing.advice, segmentAdvice: timing.segmentAdvice, outputDuration: timing.outputDuration,
                           findings: results.findings, evaluations: results.evaluations, verdict: verdict, counts: counts)
        report.dubParams = request.dub
        return report
    }
}
