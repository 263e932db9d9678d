import ArgumentParser
import Foundation
import Preflight

struct ProbeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Describe what is in media files: container, streams, durations and where they came from.",
        discussion: """
        --json prints JSON Lines: one object per file, in the order given (docs/PROBE-JSON.md). \
        An unreadable file prints {"path", "error": {"kind", "message"}} there and one line on stderr.
        \(ExitCodeHelp.text([.ok, .errors, .unreadable, .usage, .internalError]))
        """
    )

    @Argument(help: "Media files to probe.")
    var files: [String]

    @Flag(help: "One JSON object per file per line (JSON Lines).")
    var json = false

    @Flag(help: "Read every packet and decode every frame: true duration, frame count, frame-rate constancy, decode errors.")
    var exact = false

    @Option(help: "Files probed at once (default: number of cores).")
    var jobs: Int?

    @Option(help: "Seconds allowed per file before giving up.")
    var timeout: Double = 30

    func validate() throws {
        guard !CommandValidation.deferred else { return }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        let options = ProbeOptions(exact: exact, timeoutSeconds: timeout)
        let worst = Locked(PreflightExitCode.ok)
        let json = self.json
        ProbeBatch.run(paths: files, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, options: options) { _, outcome in
            switch outcome {
            case .media(let m):
                Output.stdout(json ? ProbeJSON.line(outcome) : ProbeTextRenderer.render(m))
            case .failure(let f):
                if json { Output.stdout(ProbeJSON.line(outcome)) }
                Output.stderr("preflight: \(f.path): \(f.message)")
            }
            worst.withLock { $0 = PreflightExitCode.combined([$0, outcome.exitCode]) }
        }
        let code = worst.withLock { $0 }
        if code != .ok { throw ExitCode(code.rawValue) }
    }
}
