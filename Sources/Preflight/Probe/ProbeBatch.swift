import Dispatch

/// Probes many files concurrently in one process and hands results back in input order as soon as
/// each one and all before it are done, so output streams while memory stays bounded by the window.
public enum ProbeBatch {
    /// Probes `paths` with up to `jobs` workers, calling `onResult` with each path's index and outcome in input order.
    public static func run(paths: [String], jobs: Int, options: ProbeOptions,
                           onResult: @Sendable (Int, ProbeOutcome) -> Void) {
        guard !paths.isEmpty else { return }
        let workers = max(1, min(jobs, paths.count))
        let state = Locked(State())
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index: Int? = state.withLock { s in
                    guard s.next < paths.count else { return nil }
                    defer { s.next += 1 }
                    return s.next
                }
                guard let index else { return }
                let outcome = MediaProbe.outcome(path: paths[index], options: options)
                state.withLock { s in
                    s.pending[index] = outcome
                    while let ready = s.pending.removeValue(forKey: s.emitted) {
                        onResult(s.emitted, ready)
                        s.emitted += 1
                    }
                }
            }
        }
    }

    private struct State {
        var next = 0
        var emitted = 0
        var pending: [Int: ProbeOutcome] = [:]
    }
}
