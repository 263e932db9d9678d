import Foundation

/// One `batch` call with its files: the manifest's jobs (sharded, resumed), the JSON Lines results file and the
/// reports written beside it, and how Ctrl-C ends it. Three steps, so a front end only prints between them:
/// `open` (everything that can refuse the call before a job runs), `run`, then `finish` (the reports and the
/// Sync batch file, and the exit code).
public final class BatchSession {
    /// What the call asks for, as given on the command line.
    public struct Setup: Sendable {
        /// A JSON Lines or CSV manifest, or a directory scanned for media.
        public var manifest: String
        /// Built-in profile name; nil takes the policy's, else `sync`.
        public var profile: String?
        /// A YAML policy file: it changes the check and verify jobs' rules and thresholds.
        public var policy: String?
        /// Plan for jobs that name none; nil takes the policy's, else none.
        public var plan: Plan?
        /// Model for jobs that name none; nil takes the policy's, else lipsync-2.
        public var model: LipsyncModel?
        /// Jobs at once; nil runs one per core.
        public var jobs: Int?
        /// Run only shard `index` of `count` (1-based): every `count`-th job starting at the `index`-th.
        public var shard: (index: Int, count: Int)?
        /// Seconds per file of a check job and per verify job; nil allows 30 and 600.
        public var timeoutSeconds: Double?
        /// The JSON Lines results file; nil writes the lines to standard output.
        public var results: String?
        /// What happens to results already in `results`: refused, resumed or overwritten.
        public var existing: ExistingResults
        /// Also write a JUnit report: one test case per job this call runs.
        public var junit: String?
        /// Also write a self-contained HTML page of the jobs this call runs.
        public var html: String?
        /// Also write the Sync batch JSONL of the check jobs that passed (G-BATCH-01, G-BATCH-02).
        public var syncBatch: String?

        /// A call that writes its results to standard output and no other file.
        public init(manifest: String, profile: String? = nil, policy: String? = nil, plan: Plan? = nil, model: LipsyncModel? = nil,
                    jobs: Int? = nil, shard: (index: Int, count: Int)? = nil, timeoutSeconds: Double? = nil, results: String? = nil,
                    existing: ExistingResults = .refuse, junit: String? = nil, html: String? = nil, syncBatch: String? = nil) {
            self.manifest = manifest
            self.profile = profile
            self.policy = policy
            self.plan = plan
            self.model = model
            self.jobs = jobs
            self.shard = shard
            self.timeoutSeconds = timeoutSeconds
            self.results = results
            self.existing = existing
            self.junit = junit
            self.html = html
            self.syncBatch = syncBatch
        }
    }

    /// What happens to results already in the results file (`--resume`, `--overwrite`, neither).
    public enum ExistingResults: Sendable {
        /// A results file that already holds results is a usage error.
        case refuse
        /// Keep them and run only the jobs whose id is not in it, appending.
        case resume
        /// Replace the file.
        case overwrite
    }

    /// Why the call stopped: a message naming the file or option, and the exit code it ends with.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What went wrong, naming the file or option, without the program's name.
        public var message: String
        /// usage (64) for a mistake in the call, outputFailed (4) for a file that cannot be written.
        public var exitCode: PreflightExitCode
        /// The message, for printing.
        public var description: String { message }
    }

    /// The jobs this call runs: the manifest's, sharded, less those a resumed results file already holds.
    public let jobs: [BatchJob]
    /// How the jobs run: the resolved profile, constraints, defaults and timeouts.
    public let options: BatchRunner.Options
    /// With `--resume`: a line for a person saying how many jobs the results file already held; nil otherwise.
    public let resumeNotice: String?
    let setup: Setup
    let outputs: BatchOutputs
    let results: FileHandle
    let junitFile: BatchJUnitFile?
    let htmlFile: BatchHTMLFile?
    /// The first failed write of a results line: it stops the batch (exit 4).
    let writeError = Locked<Error?>(nil)

    /// Loads the policy and the manifest, checks every output (never an input, never another output), installs the
    /// Ctrl-C handling (the first finishes the running jobs and starts no new one; a second one, or SIGTERM/SIGHUP,
    /// removes the temporary files and ends the process at once), then opens the reports and the results file.
    /// Throws before any job runs: a usage error (exit 64) for a bad policy, manifest or pair of outputs, or a
    /// results file holding results without `resume`/`overwrite`; exit 4 for an output that cannot be written.
    public static func open(_ setup: Setup) throws(Failure) -> BatchSession {
        let resolved: ResolvedPolicy
        var list: [BatchJob]
        do {
            resolved = try ResolvedPolicy.resolve(profileName: setup.profile, policyPath: setup.policy, plan: setup.plan, model: setup.model)
            list = try BatchManifest.load(setup.manifest)
            if setup.syncBatch != nil { try BatchManifest.requireSubmissionKeys(list, path: setup.manifest) }
        } catch let e as Policy.LoadError {
            throw Failure(message: e.description, exitCode: .usage)
        } catch let e as BatchManifestError {
            throw Failure(message: e.description, exitCode: .usage)
        } catch {
            throw Failure(message: "\(error)", exitCode: .internalError)
        }
        if let (i, n) = setup.shard { list = BatchManifest.shard(list, index: i, count: n) }
        let outputs: BatchOutputs
        do {
            outputs = try BatchOutputs(results: setup.results, junit: setup.junit, html: setup.html, syncBatch: setup.syncBatch,
                                       inputs: [setup.manifest] + [setup.policy].compactMap { $0 } + list.flatMap(\.inputPaths))
        } catch {
            if case .sameFile = error { throw Failure(message: error.description, exitCode: .usage) }
            throw Failure(message: error.description, exitCode: .outputFailed)
        }
        // Before any temporary file exists, so none outlives a second Ctrl-C.
        InterruptCleanup.install(finishOnFirstInterrupt: true,
                                 notice: "\npreflight batch: Ctrl-C: finishing the running jobs, starting no new one; Ctrl-C again stops at once\n")
        let options = BatchRunner.Options(
            jobs: setup.jobs ?? ProcessInfo.processInfo.activeProcessorCount, profile: resolved.profile, constraints: resolved.constraints,
            plan: resolved.plan, model: resolved.model, timeoutSeconds: setup.timeoutSeconds ?? 30,
            verifyTimeoutSeconds: setup.timeoutSeconds ?? 600, forBatchAPI: setup.syncBatch != nil)
        // Before the results file is touched: a JUnit or HTML path that cannot be written stops here.
        let junitFile: BatchJUnitFile?
        do { junitFile = try outputs.junit.map { try BatchJUnitFile(target: $0) } } catch {
            throw Failure(message: "\(setup.junit!): cannot write the JUnit report", exitCode: .outputFailed)
        }
        let htmlFile: BatchHTMLFile?
        do { htmlFile = try outputs.html.map { try BatchHTMLFile(target: $0, manifest: setup.manifest, options: options) } } catch {
            throw Failure(message: "\(setup.html!): cannot write the HTML report", exitCode: .outputFailed)
        }
        var handle = FileHandle.standardOutput
        var resumeNotice: String?
        if let target = outputs.results {
            let existing: BatchResultsFile.Existing = switch setup.existing {
            case .resume: .resume(jobIDs: Set(list.map(\.id)))
            case .overwrite: .overwrite
            case .refuse: .refuse
            }
            do {
                let (file, done) = try BatchResultsFile.openForAppending(target, existing: existing)
                handle = file
                if case .resume = setup.existing {
                    let before = list.count
                    list.removeAll { done.contains($0.id) }
                    resumeNotice = "--resume: skipping \(before - list.count) job(s) already in \(target.path); \(list.count) to run"
                }
            } catch {
                if case .holdsResults = error { throw Failure(message: error.description, exitCode: .usage) }
                throw Failure(message: error.description, exitCode: .outputFailed)
            }
        }
        return BatchSession(setup: setup, jobs: list, options: options, outputs: outputs, results: handle,
                            junitFile: junitFile, htmlFile: htmlFile, resumeNotice: resumeNotice)
    }

    init(setup: Setup, jobs: [BatchJob], options: BatchRunner.Options, outputs: BatchOutputs, results: FileHandle,
         junitFile: BatchJUnitFile?, htmlFile: BatchHTMLFile?, resumeNotice: String?) {
        self.setup = setup
        self.jobs = jobs
        self.options = options
        self.outputs = outputs
        self.results = results
        self.junitFile = junitFile
        self.htmlFile = htmlFile
        self.resumeNotice = resumeNotice
    }

    /// Runs the jobs, appending each result line whole (a signal arriving during a write ends the process after
    /// it) and stopping at the first Ctrl-C or failed write: running jobs finish, no new one starts.
    public func run(progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> BatchRunner.Summary {
        let handle = results, writeError = writeError
        var record: (@Sendable (BatchJobOutcome) -> Void)? = nil
        if junitFile != nil || htmlFile != nil {
            let junitFile = junitFile, htmlFile = htmlFile
            record = { outcome in
                junitFile?.append(outcome)
                htmlFile?.append(outcome)
            }
        }
        return BatchRunner.run(
            jobs,
            options: options,
            shouldStop: { InterruptCleanup.interruptRequested || writeError.withLock { $0 != nil } },
            write: { line in
                // A full disk stops the batch (exit 4) rather than trapping inside FileHandle.write(_: Data).
                InterruptCleanup.holdingTermination {
                    do { try handle.write(contentsOf: Data((line + "\n").utf8)) } catch {
                        writeError.withLock { if $0 == nil { $0 = error } }
                    }
                }
            },
            record: record,
            progress: progress)
    }

    /// After the run: reports a failed results write, finishes the JUnit and HTML reports, then (unless the run
    /// was interrupted) writes the Sync batch file with its G-BATCH-01 findings. `notice` receives each line for a
    /// person (a finding, a file written or not), to print after the program's name. Returns the exit code: the worst job's, at least 2 when the Sync
    /// batch file has errors, interrupted (130) after a Ctrl-C; throws the failure that ends the call (exit 4).
    public func finish(_ summary: BatchRunner.Summary, notice: (String) -> Void) throws(Failure) -> Int32 {
        if let error = writeError.withLock({ $0 }) {
            throw Failure(message: "\(setup.results ?? "stdout"): cannot write the results: \(FileErrorReason.reason(error))",
                          exitCode: .outputFailed)
        }
        if let junitFile {
            do { try junitFile.finish() } catch {
                throw Failure(message: "\(junitFile.path): cannot write the JUnit report: \(FileErrorReason.reason(error))",
                              exitCode: .outputFailed)
            }
        }
        if let htmlFile {
            do { try htmlFile.finish(planned: jobs.count) } catch {
                throw Failure(message: "\(htmlFile.path): cannot write the HTML report: \(FileErrorReason.reason(error))",
                              exitCode: .outputFailed)
            }
        }
        if summary.interrupted {
            if let target = outputs.syncBatch { notice("\(target.path): not written: the batch was interrupted") }
            return PreflightExitCode.interrupted.rawValue
        }
        var batchFindings: [Finding] = []
        if let target = outputs.syncBatch {
            let (data, findings) = SyncBatchFile.make(summary.requests, path: target.path)
            batchFindings = findings
            for f in findings { notice("\(target.path): \(f.ruleID) \(f.severity.rawValue): \(f.message); fix: \(f.fix)") }
            if SyncBatchFile.worthWriting(lines: summary.requests.count, bytes: data.count) {
                do { try AtomicFile.write(data, to: target) } catch {
                    throw Failure(message: "\(target.path): cannot write the batch file: \(FileErrorReason.reason(error))",
                                  exitCode: .outputFailed)
                }
                notice(findings.isEmpty ? "wrote \(summary.requests.count) request(s) to \(target.path)"
                       : "warning: wrote \(summary.requests.count) request(s) to \(target.path), but the batch API refuses it until G-BATCH-01 passes")
            } else {
                notice("\(target.path): not written")
            }
        }
        return summary.exitCode(batchFileFindings: batchFindings)
    }
}
