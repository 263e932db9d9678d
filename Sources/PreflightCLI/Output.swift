import ArgumentParser
import Foundation
import Preflight

/// Line output for the CLI; each line is written at once so JSON Lines consumers see results as they finish.
enum Output {
    static func stdout(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Colour only for a person at a terminal, and never when NO_COLOR is set.
    static var stdoutIsTerminal: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// A progress line on a terminal, rewritten in place.
    @Sendable static func progress(_ phase: String, _ fraction: Double) {
        FileHandle.standardError.write(Data(String(format: "\r%@ %3.0f%%", phase, fraction * 100).utf8))
    }

    static func progressDone() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The file an option (`--report`, `--emit-request`) names, checked before any work: one that is an input, a
    /// device or a directory is refused (exit 4). Its temporary file is removed on Ctrl-C or SIGTERM. Nil without a path.
    static func target(_ option: String, _ path: String?, inputs: [String]) throws -> OutputTarget? {
        guard let path else { return nil }
        InterruptCleanup.install()
        do {
            return try OutputTarget(path, inputs: inputs)
        } catch {
            stderr("preflight: \(option) \(error.description)")
            throw ExitCode(PreflightExitCode.outputFailed.rawValue)
        }
    }

    /// A rendered report to `--report`'s file (replaced whole, by rename) or, without one, to stdout. False when
    /// the file could not be written (said on stderr): the command then exits 4.
    static func report(_ rendered: String, to target: OutputTarget?) -> Bool {
        guard let target else {
            stdout(rendered)
            return true
        }
        do {
            try AtomicFile.write(Data((rendered + "\n").utf8), to: target)
            return true
        } catch {
            stderr("preflight: --report \(target.path): could not be written: \(error.localizedDescription)")
            return false
        }
    }
}
