import ArgumentParser

@main
struct PreflightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check media before it goes to a lip-sync API, and the result after it comes back.",
        discussion: ExitCodeHelp.text,
        version: "0.1.0",
        subcommands: [ProbeCommand.self, CheckCommand.self, PrepareCommand.self, VerifyCommand.self, BatchCommand.self, RulesCommand.self]
    )
}

enum ExitCodeHelp {
    static let text = """
    Exit codes: 0 ok · 1 warnings with --strict · 2 errors (API would reject, or the file is defective) · \
    3 an input could not be read as media · 64 usage error · 70 internal error.
    """
}
