import ArgumentParser
import Foundation
import Preflight

/// The entry point: parses the command line, runs the verb, and turns every error into a documented exit
/// code (docs/EXIT-CODES.md). An error no verb expected is one line on stderr and exit 70, never
/// ArgumentParser's exit 1, which means "warnings with --strict".
@main
enum PreflightMain {
    static func main() {
        var command: ParsableCommand
        do { command = try parse(Array(CommandLine.arguments.dropFirst())) } catch { PreflightCommand.exit(withError: error) }
        do { try command.run() } catch { exit(for: error) }
        PreflightCommand.exit()
    }

    /// ArgumentParser runs a verb's `validate()` before it looks for arguments nothing consumed, so
    /// `check --vidoe x.mp4` said "give at least one input". When parsing fails, the same arguments are
    /// parsed again with the verbs' own checks deferred: an unknown option, stray argument or missing
    /// value found then is the error shown.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        do {
            return try PreflightCommand.parseAsRoot(arguments)
        } catch {
            _ = try CommandValidation.$deferred.withValue(true) { try PreflightCommand.parseAsRoot(arguments) }
            throw error
        }
    }

    static func exit(for error: Error) -> Never {
        guard isUnexpected(error) else { PreflightCommand.exit(withError: error) }
        Output.stderr("preflight: internal error: \(FileErrorReason.describe(error)) (a bug in preflight: please report it)")
        Foundation.exit(PreflightExitCode.internalError.rawValue)
    }

    /// Anything but a deliberate `ExitCode` or an ArgumentParser usage/help outcome.
    static func isUnexpected(_ error: Error) -> Bool {
        !(error is ExitCode) && PreflightCommand.exitCode(for: error) == .failure
    }
}

/// Lets `PreflightMain.parse` run the parser without the verbs' own checks: each verb's `validate()`
/// returns at once while `deferred` is set.
enum CommandValidation {
    @TaskLocal static var deferred = false
}
