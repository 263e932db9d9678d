import Dispatch
import Foundation

/// Runs batch jobs concurrently with bounded memory: each result is written as one JSON line the moment
/// it is done (so an interrupted run leaves valid JSON Lines), and only counters are kept.
public enum BatchRunner {
    /// How a batch runs its jobs: how many at once, against what, within which time limits.
    public struct Options: Sendable {
        /// Jobs run at the same time (`--jobs`), at least 1.
        public var jobs: Int
        /// The check jobs' rules and thresholds, and the verify jobs' Q-* rules, as the policy left them.
        public var profile: Profile
        /// A policy's constraints, evaluated on every check job.
        public var constraints: [Policy.Constraint]
        /// The plan jobs are checked against, unless a job names its own; nil: no plan limits.
        public var plan: Plan?
        /// The lipsync model jobs are checked for, unless a job names its own.
        public var model: LipsyncModel
        /// Seconds per file of a check job.
        public var timeoutSeconds: Double
        /// Seconds for a whole verify job.
        public var verifyTimeoutSeconds: Double
        /// The jobs are meant for the Sync batch API (`--emit-batch`): check jobs also get G-BATCH-02, and the
        /// requests of those that pass are collected in `Summary.requests`.
        public var forBatchAPI: Bool
        /// Content analysis of check jobs (faces): off by default in a batch, where its ~0.5-1 s per job
        /// would multiply over hundreds of jobs; `check` defaults to fast.
        public var content: ContentDepth = .off
        /// Options with these values; the defaults are those of the CLI.
        public init(jobs: Int, profile: Profile, constraints: [Policy.Constraint] = [], plan: Plan? = nil,
                    model: LipsyncModel = .lipsync2, timeoutSeconds: Double = 30, verifyTimeoutSeconds: Double = 600,
                    forBatchAPI: Bool = false) {
            self.jobs = jobs
            self.profile = profile
            self.constraints = constraints
            self.plan = plan
            self.model = model
            self.timeoutSeconds = timeoutSeconds
            self.verifyTimeoutSeconds = verifyTimeoutSeconds
            self.forBatchAPI = forBatchAPI
        }
    }

    /// Counts over the finished jobs.
    public struct Summary: Codable, Sendable, Equatable {
        /// Jobs finished.
        public var jobs = 0
        /// Finished jobs by verdict (`pass`, `warnings`, `errors`, `unreadable`).
        public var byVerdict: [String: Int] = [:]
        /// Warning and error findings by rule id, over all jobs.
        public var byRule: [String: Int] = [:]
        /// The highest exit code of a job (`ExitCode`), 0 when all passed.
        public var worstExitCode: Int32 = 0
        /// Whether the batch stopped before every job ran (Ctrl-C or cancellation).
        public var interrupted = false
        /// `/v2/generate` bodies of the check jobs that passed (verdict pass or warnings), by job id.
        public var requests: [String: GenerateRequest] = [:]

        /// Nothing counted yet.
        public init() {}

        /// One line for a person: jobs run (and whether interrupted), jobs by verdict, the ten most frequent findings.
        public var line: String {
            let verdicts = byVerdict.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let rules = byRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(10)
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return "\(jobs) job(s)\(interrupted ? " (interrupted)" : ""): \(verdicts.isEmpty ? "none" : verdicts)"
                + (rules.isEmpty ? "" : "; most frequent findings: \(rules)")
        }

        /// The most serious code of the jobs (3 over 2 over 0), and at least 2 when the Sync batch file has
        /// error findings (G-BATCH-01).
        public func exitCode(batchFileFindings: [Finding]) -> Int32 {
            let file = batchFileFindings.contains { $0.severity == .error } ? PreflightExitCode.errors.rawValue : 0
            return max(worstExitCode, file)
        }
    }

    /// One JSON line of the results file.
    struct ResultLine: Encodable {
        var id: String
        var kind: String
        var verdict: String
        var exitCode: Int32
        var check: CheckReport?
        var verify: VerifyReport?
    }

    /// Runs `jobs`, calling `write` with each result line and `record` with its outcome (serialised: one call at
    /// a time). `shouldStop` is polled between jobs (Ctrl-C): running jobs finish, no new one starts.
    public static func run(_ jobs: [BatchJob], options: Options,
                           shouldStop: @escaping @Sendable () -> Bool,
                           write: @escaping @Sendable (String) -> Void,
                           record: (@Sendable (BatchJobOutcome) -> Void)? = nil,
                           progress: (@Sendable (Int, Int) -> Void)? = nil) -> Summary {
        let state = Locked((next: 0, summary: Summary()))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let workers = max(1, min(options.jobs, jobs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index: Int? = state.withLock { s in
                    guard s.next < jobs.count, !shouldStop() else { return nil }
                    defer { s.next += 1 }
                    return s.next
                }
                guard let index else { return }
                let job = jobs[index]
                let (line, request) = result(job, options: options)
                let urls = RequestEmitter.URLs(video: job.videoURL, audio: job.audioURL.map { [$0] } ?? [], voiceId: job.voiceID)
                let body = options.forBatchAPI && (line.verdict == "pass" || line.verdict == "warnings")
                    ? request.flatMap { r in line.check.flatMap { try? RequestEmitter.request(r, report: $0, urls: urls) } } : nil
                let text = (try? encoder.encode(line)).map { String(decoding: $0, as: UTF8.self) }
                    ?? "{\"id\":\"\(job.id)\",\"kind\":\"error\",\"verdict\":\"unreadable\",\"exitCode\":70}"
                let findings = line.check?.findings ?? line.verify?.findings ?? []
                let done: Int = state.withLock { s in
                    write(text)
                    record?(BatchJobOutcome(id: job.id, kind: line.kind, verdict: line.verdict,
                                            inputs: line.check?.inputs ?? line.verify?.inputs ?? [], findings: findings))
                    s.summary.jobs += 1
                    s.summary.byVerdict[line.verdict, default: 0] += 1
                    for f in findings where f.severity != .info { s.summary.byRule[f.ruleID, default: 0] += 1 }
                    s.summary.worstExitCode = max(s.summary.worstExitCode, line.exitCode)
                    if let body { s.summary.requests[job.id] = body }
                    return s.summary.jobs
                }
                progress?(done, jobs.count)
            }
        }
        var summary = state.withLock { $0.summary }
        summary.interrupted = summary.jobs < jobs.count
        return summary
    }

    static func result(_ job: BatchJob, options: Options) -> (ResultLine, CheckRequest?) {
        if let output = job.output {
            let r = OutputVerifier.run(VerifyRequest(outputPath: output, videoPath: job.video, audioPath: job.audio,
                                                     syncMode: job.syncMode, timeoutSeconds: options.verifyTimeoutSeconds),
                                     profile: options.profile)
            return (ResultLine(id: job.id, kind: "verify", verdict: r.verdict.rawValue, exitCode: r.exitCode(strict: false).rawValue,
                               check: nil, verify: r), nil)
        }
        var request = CheckRequest(videoPath: job.video, audio: job.audio.map { [.init(path: $0)] } ?? [], scriptPath: job.text,
                                   syncMode: job.syncMode, plan: job.plan ?? options.plan, model: job.model ?? options.model,
                                   segmentsPath: job.segments, outputFileName: job.outputName, timeoutSeconds: options.timeoutSeconds)
        request.content = options.content
        // Only a profile missing a threshold its rules read throws: the same internal-error line as an unencodable result.
        guard var r = try? MediaCheck.run(request, profile: options.profile, constraints: options.constraints) else {
            return (ResultLine(id: job.id, kind: "error", verdict: "unreadable", exitCode: PreflightExitCode.internalError.rawValue,
                               check: nil, verify: nil), nil)
        }
        if options.forBatchAPI { BatchRules.applyInputLength(to: &r) }
        return (ResultLine(id: job.id, kind: "check", verdict: r.verdict.rawValue, exitCode: r.exitCode(strict: false).rawValue,
                           check: r, verify: nil), request)
    }
}
