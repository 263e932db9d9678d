import ArgumentParser
import Foundation
import Preflight

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "QA of a downloaded lip-sync output against what was sent: integrity, duration, geometry, audio sync.",
        discussion: """
        Full mode decodes every frame (audio and video), checks timestamps, looks for frozen and black runs, and \
        cross-correlates the output's audio with the submitted audio. --quick checks container, headers, index \
        and a sample of keyframes only. --request takes sync_mode (and file:// inputs) from a saved request body.
        --format html writes one self-contained page to look at (docs/HTML-REPORT.md). --policy changes the Q-* \
        rules' severities or turns them off, as for check (docs/POLICY.md).
        \(ExitCodeHelp.text([.ok, .warnings, .errors, .unreadable, .outputFailed, .usage, .internalError]))
        """
    )

    @Argument(help: "The downloaded output (MP4).") var output: String
    @Option(help: "The video that was sent.") var video: String?
    @Option(help: "The audio that was sent.") var audio: String?
    @Option(help: "cut_off, bounce, loop, silence or remap.") var syncMode: SyncMode?
    @Option(help: "outputDuration reported by the generation, seconds.") var expectedDuration: Double?
    @Option(help: "A saved /v2/generate request body to take sync_mode and file:// inputs from.") var request: String?
    @Flag(help: "Container, headers, index and a sample of keyframes only.") var quick = false
    @Option(help: "text, json, junit, github or html (one self-contained page: pictures side by side, runs, the audio offset, the lips, findings).")
    var format: ReportFormat = .text
    @OptionGroup var reporting: ReportOptions
    @OptionGroup var ruleSet: RuleSetOptions
    @Option(help: "Seconds allowed for the whole verification.") var timeout: Double = 3600
    @Option(help: "The face and lips: off, fast (default) or thorough; full mode follows the mouth in dense windows (docs/CONTENT.md).")
    var content: ContentDepth = .fast

    func run() throws {
        let resolved = try ruleSet.resolve(plan: nil, model: nil)
        var req = VerifyRequest(outputPath: output, videoPath: video, audioPath: audio, syncMode: syncMode,
                                expectedDuration: expectedDuration, quick: quick, timeoutSeconds: timeout, content: content)
        // Before any work: a --report path that is an input, a device or a directory is refused.
        let reportTarget = try Output.target("--report", reporting.report, inputs: [output, video, audio, request, ruleSet.policy].compactMap { $0 })
        if let request {
            do { try req.merge(requestBody: request) } catch let e as VerifyRequestError {
                Output.stderr("preflight: \(e.message)")
                throw ExitCode(PreflightExitCode.usage.rawValue)
            }
        }
        req.visuals = format == .html
        let report = OutputVerifier.run(req, profile: resolved.profile)
        let rendered = format.render(report, strict: reporting.strict, color: reportTarget == nil && Output.stdoutIsTerminal)
        try reporting.deliver(rendered, to: reportTarget, of: report)
    }
}
