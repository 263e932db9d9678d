import ArgumentParser
import Preflight

/// `--report` and `--strict`, shared by `check` and `verify`: where the report goes and whether warnings fail.
struct ReportOptions: ParsableArguments {
    @Option(help: "Write the report to this file (replaced whole, by rename) instead of stdout.") var report: String?
    @Flag(help: "Exit 1 when there are warnings.") var strict = false

    /// Writes `rendered` to `target` (stdout when nil), names each unreadable input and each of `notes` on
    /// stderr, and exits with the report's code (4 when the report could not be written).
    func deliver(_ rendered: String, to target: OutputTarget?, of report: some FindingsReport, notes: [String] = []) throws {
        let written = Output.report(rendered, to: target)
        for input in report.inputs { if let e = input.error { Output.stderr("preflight: \(e.path): \(e.message)") } }
        for line in notes { Output.stderr("preflight: " + line) }
        let code = written ? report.exitCode(strict: strict) : PreflightExitCode.outputFailed
        if code != .ok { throw ExitCode(code.rawValue) }
    }
}
