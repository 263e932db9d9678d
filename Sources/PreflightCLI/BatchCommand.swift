import ArgumentParser
import Foundation
import Preflight

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Check (or verify) many jobs from a manifest or a directory, concurrently, as JSON Lines.",
        discussion: """
        MANIFEST is JSON Lines ({"id","video","audio","text","segments","sync_mode","plan","model","output_name",\
        "video_url","audio_url","voice_id","output"} per line; a job with "output" is a verify job), a CSV with \
        those column names (LF or CRLF), or a directory scanned for media. Each result is one JSON line written as \
        soon as it is done. -o FILE starts a new results file; one that already holds results needs --resume (run \
        only the jobs not in it, appending) or --overwrite (replace it). Ctrl-C finishes the running jobs and starts \
        no new one; a second Ctrl-C stops at once. --shard i/n takes every n-th job starting at the i-th, so n \
        machines (a CI matrix, a Kubernetes Indexed Job with i = JOB_COMPLETION_INDEX+1) cover the list once.
        \(ExitCodeHelp.text([.ok, .errors, .unreadable, .outputFailed, .usage, .internalError, .interrupted]))
        """
    )

    @Argument(help: "A JSON Lines or CSV manifest, or a directory.") var manifest: String
    @Option(help: "Jobs at once (default: number of cores).") var jobs: Int?
    @Option(help: "i/n: run only shard i of n.") var shard: String?
    @Option(name: .shortAndLong, help: "Write results to this new JSON Lines file (default: stdout); one holding results needs --resume or --overwrite.")
    var output: String?
    @Flag(help: "Keep the results already in --output and run only the jobs whose id is not in it, appending.") var resume = false
    @Flag(help: "Replace an --output file that already holds results.") var overwrite = false
    @OptionGroup var ruleSet: RuleSetOptions
    @Option(help: "Default plan for jobs that do not name one.") var plan: Plan?
    @Option(help: "Default model for jobs that do not name one.") var model: LipsyncModel?
    @Option(help: "Seconds allowed per file of a check job and per verify job (default: 30 and 600).") var timeout: Double?
    @Option(help: "Also write a JUnit XML report: one test case per job this call runs (errors fail, unreadable inputs error).") var junit: String?
    @Option(help: "Also write a self-contained HTML page: totals, an index of every job this call runs (filter by verdict and rule, sort by column) and each job's findings.")
    var html: String?
    @Option(help: "Write the Sync batch JSONL ({request_id, endpoint, payload}) for the check jobs that passed; jobs need video_url/audio_url (https), voice_id for text; G-BATCH-02 (inputs ≤ 30 s) applies.")
    var emitBatch: String?

    func validate() throws {
        guard !CommandValidation.deferred else { return }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if (resume || overwrite) && output == nil { throw ValidationError("--\(resume ? "resume" : "overwrite") needs --output FILE") }
        if resume && overwrite { throw ValidationError("--resume keeps the results in --output, --overwrite replaces them: give one") }
        if let s = shard, Self.parseShard(s) == nil { throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n") }
        if let t = timeout, !(t > 0) { throw ValidationError("--timeout must be positive") }
    }

    static func parseShard(_ s: String) -> (Int, Int)? {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        return (i, n)
    }

    func run() throws {
        let setup = BatchSession.Setup(
            manifest: manifest, profile: ruleSet.profile, policy: ruleSet.policy, plan: plan, model: model, jobs: jobs,
            shard: shard.flatMap(Self.parseShard), timeoutSeconds: timeout, results: output,
            existing: resume ? .resume : overwrite ? .overwrite : .refuse, junit: junit, html: html, syncBatch: emitBatch)
        do {
            let session = try BatchSession.open(setup)
            if let notice = session.resumeNotice { Output.stderr("preflight batch: " + notice) }
            let tty = Output.stderrIsTerminal
            let start = Date()
            let summary = session.run { done, total in
                let progress = BatchProgress(done: done, total: total)
                guard let text = progress.text(elapsed: Date().timeIntervalSince(start), terminal: tty) else { return }
                if tty { FileHandle.standardError.write(Data(text.utf8)) } else { Output.stderr(text) }
            }
            if tty { Output.progressDone() }
            Output.stderr("preflight batch: " + summary.line)
            let code = try session.finish(summary) { Output.stderr("preflight: " + $0) }
            if code != 0 { throw ExitCode(code) }
        } catch let failure as BatchSession.Failure {
            Output.stderr("preflight: \(failure.message)")
            throw ExitCode(failure.exitCode.rawValue)
        }
    }
}
