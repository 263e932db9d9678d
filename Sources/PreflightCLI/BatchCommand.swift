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

    static func fail(_ message: String, _ code: PreflightExitCode) -> ExitCode {
        Output.stderr("preflight: \(message)")
        return ExitCode(code.rawValue)
    }

    func run() throws {
        let resolved: ResolvedPolicy
        var list: [BatchJob]
        do {
            resolved = try ResolvedPolicy.resolve(profileName: ruleSet.profile, policyPath: ruleSet.policy, plan: plan, model: model)
            list = try BatchManifest.load(manifest)
            if emitBatch != nil { try BatchManifest.requireSubmissionKeys(list, path: manifest) }
        } catch let e as Policy.LoadError {
            throw Self.fail(e.description, .usage)
        } catch let e as BatchManifestError {
            throw Self.fail(e.description, .usage)
        }
        if let s = shard, let (i, n) = Self.parseShard(s) { list = BatchManifest.shard(list, index: i, count: n) }
        // Every output is checked before anything is written: never an input, never another output.
        let outputs: BatchOutputs
        do {
            outputs = try BatchOutputs(results: output, junit: junit, html: html, syncBatch: emitBatch,
                                       inputs: [manifest] + [ruleSet.policy].compactMap { $0 } + list.flatMap(\.inputPaths))
        } catch {
            if case .sameFile = error { throw Self.fail(error.description, .usage) }
            throw Self.fail(error.description, .outputFailed)
        }
        // First Ctrl-C: running jobs finish, no new one starts; a second one (or SIGTERM/SIGHUP) removes the
        // temporary files and ends the process at once.
        InterruptCleanup.install(finishOnFirstInterrupt: true,
                                 notice: "\npreflight batch: Ctrl-C: finishing the running jobs, starting no new one; Ctrl-C again stops at once\n")
        let options = BatchRunner.Options(
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, profile: resolved.profile, constraints: resolved.constraints,
            plan: resolved.plan, model: resolved.model, timeoutSeconds: timeout ?? 30, verifyTimeoutSeconds: timeout ?? 600,
            forBatchAPI: emitBatch != nil)
        // Before the results file is touched: a JUnit or HTML path that cannot be written stops here.
        let junitFile: BatchJUnitFile?
        do { junitFile = try outputs.junit.map { try BatchJUnitFile(target: $0) } } catch {
            throw Self.fail("\(junit!): cannot write the JUnit report", .outputFailed)
        }
        let htmlFile: BatchHTMLFile?
        do { htmlFile = try outputs.html.map { try BatchHTMLFile(target: $0, manifest: manifest, options: options) } } catch {
            throw Self.fail("\(html!): cannot write the HTML report", .outputFailed)
        }
        var sink = FileHandle.standardOutput
        if let target = outputs.results {
            do {
                let existing: BatchResultsFile.Existing = resume ? .resume(jobIDs: Set(list.map(\.id))) : overwrite ? .overwrite : .refuse
                let (handle, done) = try BatchResultsFile.openForAppending(target, existing: existing)
                sink = handle
                if resume {
                    let before = list.count
                    list.removeAll { done.contains($0.id) }
                    Output.stderr("preflight batch: --resume: skipping \(before - list.count) job(s) already in \(target.path); \(list.count) to run")
                }
            } catch {
                if case .holdsResults = error { throw Self.fail(error.description, .usage) }
                throw Self.fail(error.description, .outputFailed)
            }
        }
        let handle = sink
        let writeError = Locked<Error?>(nil)
        var record: (@Sendable (BatchJobOutcome) -> Void)? = nil
        if junitFile != nil || htmlFile != nil {
            record = { outcome in
                junitFile?.append(outcome)
                htmlFile?.append(outcome)
            }
        }
        let tty = Output.stderrIsTerminal
        let start = Date()
        let summary = BatchRunner.run(
            list,
            options: options,
            shouldStop: { InterruptCleanup.interruptRequested || writeError.withLock { $0 != nil } },
            write: { line in
                // One whole line: a signal arriving during the write ends the process after it.
                // A full disk stops the batch (exit 4) rather than trapping inside FileHandle.write(_: Data).
                InterruptCleanup.holdingTermination {
                    do { try handle.write(contentsOf: Data((line + "\n").utf8)) } catch {
                        writeError.withLock { if $0 == nil { $0 = error } }
                    }
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
        Output.stderr("preflight batch: " + summary.line)
        if let error = writeError.withLock({ $0 }) {
            throw Self.fail("\(output ?? "stdout"): cannot write the results: \(FileErrorReason.reason(error))", .outputFailed)
        }
        if let junitFile {
            do { try junitFile.finish() } catch {
                throw Self.fail("\(junitFile.path): cannot write the JUnit report: \(FileErrorReason.reason(error))", .outputFailed)
            }
        }
        if let htmlFile {
            do { try htmlFile.finish(planned: list.count) } catch {
                throw Self.fail("\(htmlFile.path): cannot write the HTML report: \(FileErrorReason.reason(error))", .outputFailed)
            }
        }
        if summary.interrupted {
            if let target = outputs.syncBatch { Output.stderr("preflight: \(target.path): not written: the batch was interrupted") }
            throw ExitCode(PreflightExitCode.interrupted.rawValue)
        }
        var batchFindings: [Finding] = []
        if let target = outputs.syncBatch {
            let (data, findings) = SyncBatchFile.make(summary.requests, path: target.path)
            batchFindings = findings
            for f in findings { Output.stderr("preflight: \(target.path): \(f.ruleID) \(f.severity.rawValue): \(f.message); fix: \(f.fix)") }
            if SyncBatchFile.worthWriting(lines: summary.requests.count, bytes: data.count) {
                do { try AtomicFile.write(data, to: target) } catch {
                    throw Self.fail("\(target.path): cannot write the batch file: \(FileErrorReason.reason(error))", .outputFailed)
                }
                Output.stderr(findings.isEmpty ? "preflight: wrote \(summary.requests.count) request(s) to \(target.path)"
                              : "preflight: warning: wrote \(summary.requests.count) request(s) to \(target.path), but the batch API refuses it until G-BATCH-01 passes")
            } else {
                Output.stderr("preflight: \(target.path): not written")
            }
        }
        let code = summary.exitCode(batchFileFindings: batchFindings)
        if code != 0 { throw ExitCode(code) }
    }
}
