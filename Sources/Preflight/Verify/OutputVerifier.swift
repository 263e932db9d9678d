import Foundation
import MediaIO

/// `verify`: is the downloaded output complete, playable, the right length for the sync_mode, the same
/// picture geometry, and does it carry the submitted audio in sync?
public enum OutputVerifier {
    /// Frozen and black runs shorter than this are not reported, seconds.
    public static let runThreshold = 0.5
    static let quickKeyframes = 8

    /// Verifies `request.outputPath` against the inputs and what was asked for, judged by `profile.outputDefinitions`
    /// (the Q-* rules, as a policy left them; the default profile's are the built-in ones). The report holds every
    /// rule's result; an unreadable file is reported there, nothing is thrown.
    public static func run(_ request: VerifyRequest, profile: Profile = .sync) -> VerifyReport {
        // Probe the output and the inputs together.
        var roles: [(role: InputRole, path: String, refId: String?)] = [(.output, request.outputPath, nil)]
        if let v = request.videoPath { roles.append((.video, v, nil)) }
        if let a = request.audioPath { roles.append((.audio, a, nil)) }
        let inputs = CheckedInput.probing(roles, options: ProbeOptions(timeoutSeconds: request.timeoutSeconds))
        func media(_ role: InputRole) -> MediaInfo? { inputs.first { $0.role == role }?.media }
        guard let output = media(.output) else { return unopened(request, profile: profile, inputs: inputs) }
        let video = media(.video), audio = media(.audio)
        var expected: Double?
        if let mode = request.syncMode, let v = video?.contentDuration, let a = audio?.contentDuration {
            expected = mode.outputDuration(video: v, audio: a)
        }

        var seen = Observations(headersOf: output)
        if request.quick {
            sampleKeyframes(request, output: output, into: &seen)
        } else {
            scanFully(request, output: output, video: video, audio: audio, into: &seen)
        }

        let context = VerifyContext(output: output, video: video, audio: audio, syncMode: request.syncMode, expectedDuration: expected,
                                    payloadDuration: request.expectedDuration, measurements: seen.measurements,
                                    integrityProblems: seen.integrity, timestampProblems: seen.timestamps, blockRMS: seen.blockRMS)
        let results = evaluateRules(profile, on: context, quick: request.quick)
        return report(request, profile: profile, inputs: inputs, expected: expected, measurements: seen.measurements, results: results)
    }

    static func report(_ request: VerifyRequest, profile: Profile, inputs: [CheckedInput], expected: Double?,
                       measurements: VerifyMeasurements, results: RuleResults) -> VerifyReport {
        let findings = results.findings, evaluations = results.evaluations
        let (verdict, counts) = Verdict.of(findings: findings, unreadable: inputs.filter { $0.error != nil }.count)
        return VerifyReport(profile: profile.name, mode: request.quick ? .quick : .full, inputs: inputs, syncMode: request.syncMode,
                            expectedDuration: expected, measurements: measurements, findings: findings, evaluations: evaluations,
                            verdict: verdict, counts: counts)
    }
}
