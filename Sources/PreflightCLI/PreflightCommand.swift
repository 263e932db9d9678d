import ArgumentParser
import Preflight

struct PreflightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check media before it goes to a lip-sync API, and the result after it comes back.",
        discussion: ExitCodeHelp.text(PreflightExitCode.allCases),
        version: "0.1.0",
        subcommands: [ProbeCommand.self, CheckCommand.self, PrepareCommand.self, VerifyCommand.self, BatchCommand.self, RulesCommand.self]
    )
}

/// The exit-code line of each verb's help: only the codes that verb can return.
enum ExitCodeHelp {
    static func text(_ codes: [PreflightExitCode]) -> String {
        "Exit codes: " + codes.map { "\($0.rawValue) \($0.summary)" }.joined(separator: " · ") + "."
    }
}
