import Foundation

// The `async` forms of the library's entry points. Each runs the synchronous one on a thread of its own
// (`BlockingCall`), so awaiting it never blocks the cooperative pool, and honours `Task` cancellation by
// throwing `CancellationError`: a prepare stops within one decoded batch or rendered block and leaves no
// file; a batch starts no new job (the running ones finish and are recorded); probe, check and verify stop
// their reads and decodes at the next packet (libav's interrupt callback polls the flag) and the partial
// result is thrown away (face detection already queued, at most a few dozen pictures, still runs out).

/// What a running prepare is doing: `phase` ("decoding", "writing") and how far it is, 0...1.
public struct PrepareProgress: Sendable, Equatable {
    /// The step in hand: "decoding" (pass 1, measuring the input) or "writing" (rendering the output).
    public var phase: String
    /// How far that step is, 0...1.
    public var fraction: Double

    /// A progress report of `phase`, `fraction` done.
    public init(phase: String, fraction: Double) {
        self.phase = phase
        self.fraction = fraction
    }
}

/// How far a batch is: jobs finished of those it runs.
public struct BatchProgress: Sendable, Equatable {
    /// Jobs finished so far, whatever their verdict.
    public var done: Int
    /// Jobs in the batch.
    public var total: Int

    /// A progress report of `done` jobs out of `total`.
    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

extension MediaProbe {
    /// `outcome(path:options:)` off the cooperative pool; throws only `CancellationError`.
    public static func outcome(path: String, options: ProbeOptions = ProbeOptions()) async throws -> ProbeOutcome {
        try await BlockingCall.run(stoppingReads: true) { flag in
            let outcome: ProbeOutcome = outcome(path: path, options: options)
            try flag.check()
            return outcome
        }
    }
}

extension MediaCheck {
    /// `run(_:profile:constraints:)` off the cooperative pool.
    public static func run(_ request: CheckRequest, profile: Profile, constraints: [Policy.Constraint] = []) async throws -> CheckReport {
        try await BlockingCall.run(stoppingReads: true) { flag in
            let report: CheckReport = try run(request, profile: profile, constraints: constraints)
            try flag.check()
            return report
        }
    }
}

extension OutputVerifier {
    /// `run(_:profile:)` off the cooperative pool; throws only `CancellationError`.
    public static func run(_ request: VerifyRequest, profile: Profile = .sync) async throws -> VerifyReport {
        try await BlockingCall.run(stoppingReads: true) { flag in
            let report: VerifyReport = run(request, profile: profile)
            try flag.check()
            return report
        }
    }
}

extension AudioPreparer {
    /// `run(input:output:options:)` off the cooperative pool, its progress yielded to `progress` (finished when
    /// the prepare ends). Cancelling the task stops the work within one decoded batch or rendered block; the
    /// temporary output is removed and `CancellationError` thrown (an existing file at `output` is untouched).
    public static func run(input: String, output: String?, options: PrepareOptions,
                           progress: AsyncStream<PrepareProgress>.Continuation? = nil) async throws -> PrepareReport {
        defer { progress?.finish() }
        let onProgress = progress.map { $0.yielding(PrepareProgress.init) }
        return try await BlockingCall.run { flag -> PrepareReport in
            try AudioPreparer.run(input: input, output: output, options: options, cancellation: flag, progress: onProgress)
        }
    }
}

extension BatchRunner {
    /// `run(_:options:shouldStop:write:record:progress:)` off the cooperative pool, its progress yielded to
    /// `progress` (finished at the end). Cancelling the task starts no new job; the summary of the jobs that
    /// ran is returned with `interrupted` set.
    public static func run(_ jobs: [BatchJob], options: Options, write: @escaping @Sendable (String) -> Void,
                           record: (@Sendable (BatchJobOutcome) -> Void)? = nil,
                           progress: AsyncStream<BatchProgress>.Continuation? = nil) async throws -> Summary {
        defer { progress?.finish() }
        let onProgress = progress.map { $0.yielding(BatchProgress.init) }
        return try await BlockingCall.run { flag -> Summary in
            BatchRunner.run(jobs, options: options, shouldStop: { flag.isCancelled }, write: write, record: record, progress: onProgress)
        }
    }
}

extension AsyncStream.Continuation where Element: Sendable {
    /// The two-argument callback the synchronous calls report progress through, yielding `make(a, b)` here.
    func yielding<A, B>(_ make: @escaping @Sendable (A, B) -> Element) -> @Sendable (A, B) -> Void {
        { a, b in self.yield(make(a, b)) }
    }
}
