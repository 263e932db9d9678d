import Foundation
import Testing
import TestMediaSupport

/// What every verb says about its own command line: an unknown option or stray argument names itself
/// (before a verb's own checks), help lists each verb's exit codes and defaults once, and an error no verb
/// expected is one line and exit 70, not ArgumentParser's exit 1 (which means warnings with --strict).
@Suite struct UsageCLITests {
    static let video = TestMedia.path("h264_aac.mp4")

    /// Help text with ArgumentParser's line wrapping undone.
    static func help(_ args: [String]) throws -> String {
        let r = try ProbeCLITests.run(args + ["--help"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: [
        (["check", "--vidoe", "x.mp4"], "Unknown option '--vidoe'"),
        (["check", "x.mp4"], "Unexpected argument 'x.mp4'"),
        (["check", "--video", video, "stray"], "Unexpected argument 'stray'"),
        (["prepare", "x.wav", "--bogus"], "Unknown option '--bogus'"),
        (["prepare", "x.wav", "stray"], "Unexpected argument 'stray'"),
        (["probe", "--bogus", video], "Unknown option '--bogus'"),
        (["verify", video, "--bogus"], "Unknown option '--bogus'"),
        (["batch", "jobs.jsonl", "--bogus"], "Unknown option '--bogus'"),
        (["batch", "jobs.jsonl", "stray"], "Unexpected argument 'stray'"),
        (["rules", "--bogus"], "Unknown option '--bogus'"),
        (["rules", "stray"], "Unexpected argument 'stray'"),
    ])
    func unknownOptionOrStrayArgumentNamesItself(_ args: [String], _ message: String) throws {
        let r = try ProbeCLITests.run(args)
        #expect(r.status == 64, "\(args): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
    }

    /// A verb's own check still speaks when the command line has nothing unknown.
    @Test func validationStillRunsWhenNothingIsUnknown() throws {
        let r = try ProbeCLITests.run(["check"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("give at least one input"), "\(r.stderr)")
    }

    @Test(arguments: [
        ([String](), ["0 ok", "1 warnings with --strict", "2 errors", "3 an input", "4 an output could not be written", "64 usage error",
                      "70 internal error", "130 interrupted"]),
        (["check"], ["0 ok", "1 warnings with --strict", "4 an output could not be written", "64 usage error", "70 internal error"]),
        (["verify"], ["0 ok", "1 warnings with --strict", "2 errors", "3 an input", "70 internal error"]),
        (["probe"], ["0 ok", "2 errors", "3 an input", "64 usage error", "70 internal error"]),
        (["batch"], ["0 ok", "4 an output could not be written", "64 usage error", "70 internal error", "130 interrupted"]),
        (["prepare"], ["0 written", "4 the output cannot be written", "64 usage", "70 internal error"]),
        (["rules"], ["0 ok", "64 usage error", "70 internal error"]),
    ])
    func helpListsTheVerbsExitCodes(_ verb: [String], _ expected: [String]) throws {
        let text = try Self.help(verb)
        for code in expected { #expect(text.contains(code), "\(verb) --help lacks '\(code)': \(text)") }
    }

    /// probe and batch have no --strict, prepare and rules write no warnings: no exit 1 in their help.
    @Test(arguments: ["probe", "batch", "prepare", "rules"])
    func helpListsNoStrictCodeTheVerbLacks(_ verb: String) throws {
        let text = try Self.help([verb])
        #expect(!text.contains("1 warnings"), "\(verb) --help: \(text)")
        #expect(!text.contains("--strict"), "\(verb) --help: \(text)")
    }

    @Test(arguments: ["batch", "probe"])
    func jobsShowsOneDefault(_ verb: String) throws {
        let text = try Self.help([verb])
        #expect(text.contains("(default: number of cores)."), "\(text)")
        #expect(!text.contains("(default: number of cores). (default:"), "\(text)")
    }

    @Test func prepareFormatListsOnlyWhatItAccepts() throws {
        let text = try Self.help(["prepare"])
        #expect(text.contains("(values: text, json;"), "\(text)")
        #expect(!text.contains("junit"), "\(text)")
        let r = try ProbeCLITests.run(["prepare", TestMedia.path("speech_48k.wav"), "--measure-only", "--format", "junit"])
        #expect(r.status == 64, "\(r.stderr)")
    }

    /// A results file that is a directory makes Foundation throw out of `batch --resume`: the verb did not
    /// expect it, so it is an internal error (70, or 4 once batch reports it as an unwritable output), one line.
    @Test func unexpectedErrorExitsSeventyWithOneLine() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("jobs.jsonl")
        try Data("{\"id\":\"a\",\"video\":\"\(Self.video)\"}\n".utf8).write(to: manifest)
        let results = dir.appendingPathComponent("results")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        let r = try ProbeCLITests.run(["batch", manifest.path, "-o", results.path, "--resume"])
        #expect(r.status == 70 || r.status == 4, "exit \(r.status): \(r.stderr)")
        let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("preflight batch:") }
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("preflight: ") == true, "\(r.stderr)")
        #expect(lines.first?.contains(results.path) == true, "\(r.stderr)")
    }
}
