import ArgumentParser
import Foundation
import Preflight
import Synchronization

/// Set by SIGINT: running jobs finish, no new one starts, the results written so far stay valid.
private let interrupted = Atomic<Bool>(false)

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Check (or verify) many jobs from a manifest or a directory, concurrently, as JSON Lines.",
        discussion: """
        MANIFEST is JSON Lines ({"id","video","audio","sync_mode","plan","model","output"} per line; a job with \
        "output" is a verify job), a CSV with those column names, or a directory scanned for media. Each result \
        is one JSON line written as soon as it is done. --shard i/n takes every n-th job starting at the i-th, so \
        n machines (a CI matrix, a Kubernetes Indexed Job with i = JOB_COMPLETION_INDEX+1) cover the list once.
        \(ExitCodeHelp.text([.ok, .errors, .unreadable, .outputFailed, .usage, .internalError, .interrupted]))
        """
    )

    @Argument(help: "A JSON Lines or CSV manifest, or a directory.") var manifest: String
    @Option(help: "Jobs at once (default: number of cores).") var jobs: Int?
    @Option(help: "i/n: run only shard i of n.") var shard: String?
    @Option(name: .shortAndLong, help: "Append results to this JSON Lines file (default: stdout).") var output: String?
    @Flag(help: "Skip jobs whose id is already in --output.") var resume = false
    @Option(help: "Built-in profile: sync (default) or wav2lip.") var profile: String?
    @Option(help: "A YAML policy file.") var policy: String?
    @Option(help: "Default plan for jobs that do not name one.") var plan: Plan?
    @Option(help: "Default model for jobs that do not name one.") var model: LipsyncModel?
    @Option(help: "Seconds allowed per file.") var timeout: Double = 30
    @Option(help: "Also write a JUnit XML report: one test case per job this call runs (errors fail, unreadable inputs error).") var junit: String?
    @Option(help: "Write the Sync batch JSONL ({request_id, endpoint, payload}) for the check jobs that passed.") var emitBatch: String?

    func validate() throws {
        guard !CommandValidation.deferred else { return }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if resume && output == nil { throw ValidationError("--resume needs --output FILE") }
        if let s = shard, Self.parseShard(s) == nil { throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n") }
    }

    static func parseShard(_ s: String) -> (Int, Int)? {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        return (i, n)
    }

    func run() throws {
        let resolved: ResolvedPolicy
        var list: [BatchJob]
        do {
            resolved = try ResolvedPolicy.resolve(profileName: profile, policyPath: policy, plan: plan, model: model)
            list = try BatchManifest.load(manifest)
        } catch let e as Policy.LoadError {
            Output.stderr("preflight: \(e.description)")
            throw ExitCode(PreflightExitCode.usage.rawValue)
        } catch let e as BatchManifestError {
            Output.stderr("preflight: \(e.description)")
            throw ExitCode(PreflightExitCode.usage.rawValue)
        }
        if let s = shard, let (i, n) = Self.parseShard(s) { list = BatchManifest.shard(list, index: i, count: n) }
        // Before the results file is touched: a JUnit path that cannot be written stops here.
        let junitFile: BatchJUnitFile?
        do { junitFile = try junit.map { try BatchJUnitFile(path: $0) } } catch {
            Output.stderr("preflight: \(junit!): cannot write the JUnit report")
            throw ExitCode(PreflightExitCode.outputFailed.rawValue)
        }
        var sink = FileHandle.standardOutput
        if let output {
            if resume {
                let done = try BatchResultsFile.prepareForResume(output)
                list.removeAll { done.contains($0.id) }
            } else {
                FileManager.default.createFile(atPath: output, contents: nil)
            }
            if !FileManager.default.fileExists(atPath: output) { FileManager.default.createFile(atPath: output, contents: nil) }
            guard let h = FileHandle(forWritingAtPath: output) else {
                Output.stderr("preflight: \(output): cannot write the results file")
                throw ExitCode(PreflightExitCode.outputFailed.rawValue)
            }
            h.seekToEndOfFile()
            sink = h
        }
        // A parent may hand SIGINT over blocked or ignored (Foundation's Process does): take it back.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in interrupted.store(true, ordering: .relaxed) }
        let handle = sink
        let writeError = Locked<Error?>(nil)
        var record: (@Sendable (BatchJobOutcome) -> Void)? = nil
        if let file = junitFile { record = { outcome in file.append(outcome) } }
        let tty = Output.stderrIsTerminal
        let start = Date()
        let summary = BatchRunner.run(
            list,
            options: .init(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, profile: resolved.profile, constraints: resolved.constraints, plan: resolved.plan,
                           model: resolved.model, timeoutSeconds: timeout),
            collectRequests: emitBatch != nil,
            shouldStop: { interrupted.load(ordering: .relaxed) || writeError.withLock { $0 != nil } },
            write: { line in
                // A full disk stops the batch (exit 4) rather than trapping inside FileHandle.write(_: Data).
                do { try handle.write(contentsOf: Data((line + "\n").utf8)) } catch {
                    writeError.withLock { if $0 == nil { $0 = error } }
                }
            },
            record: record,
            progress: { done, total in
                let elapsed = Date().timeIntervalSince(start)
                let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
                if tty {
                    FileHandle.standardError.write(Data(String(format: "\rbatch %d/%d done, ETA %.0f s ", done, total, eta).utf8))
                } else if total >= 10, done % max(1, total / 10) == 0 || done == total {
                    Output.stderr(String(format: "batch %d/%d done (%.0f s)", done, total, elapsed))
                }
            })
        if tty { Output.progressDone() }
        let verdicts = summary.byVerdict.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let rules = summary.byRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        Output.stderr("preflight batch: \(summary.jobs) job(s)\(summary.interrupted ? " (interrupted)" : ""): \(verdicts.isEmpty ? "none" : verdicts)"
                      + (rules.isEmpty ? "" : "; most frequent findings: \(rules)"))
        if let error = writeError.withLock({ $0 }) {
            Output.stderr("preflight: \(output ?? "stdout"): cannot write the results: \(error.localizedDescription)")
            throw ExitCode(PreflightExitCode.outputFailed.rawValue)
        }
        if let junitFile {
            do { try junitFile.finish() } catch {
                Output.stderr("preflight: \(junitFile.path): cannot write the JUnit report: \(error.localizedDescription)")
                throw ExitCode(PreflightExitCode.outputFailed.rawValue)
            }
        }
        if summary.interrupted { throw ExitCode(PreflightExitCode.interrupted.rawValue) }
        if let emitBatch {
            let (data, problems) = SyncBatchFile.make(summary.requests)
            for p in problems { Output.stderr("preflight: \(emitBatch): \(p)") }
            if !problems.isEmpty { throw ExitCode(PreflightExitCode.errors.rawValue) }
            do { try AtomicFile.write(data, to: OutputTarget(emitBatch, inputs: [manifest])) } catch {
                Output.stderr("preflight: \(emitBatch): cannot write the batch file: \(error.localizedDescription)")
                throw ExitCode(PreflightExitCode.outputFailed.rawValue)
            }
            Output.stderr("preflight: wrote \(summary.requests.count) request(s) to \(emitBatch)")
        }
        if summary.worstExitCode != 0 { throw ExitCode(summary.worstExitCode) }
    }
}
