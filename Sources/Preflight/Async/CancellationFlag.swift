import Foundation
import MediaIO

/// Set once to ask a running probe, check, prepare, verify or batch to stop; the work polls it between
/// chunks of work (a decoded batch, a rendered block, a job). The `async` entry points set it when their
/// `Task` is cancelled; a caller with threads of its own can pass one to the synchronous calls.
public final class CancellationFlag: Sendable {
    /// Made by `cancel()`: the reads of the files opened under it (`BlockingCall`'s `stoppingReads`) stop too.
    let stopRequest = StopRequest()

    /// A flag not yet set.
    public init() {}

    /// Whether `cancel()` was called.
    public var isCancelled: Bool { stopRequest.isMade }

    /// Asks the work to stop; it throws `CancellationError` (or, for a batch, starts no new job) soon after.
    public func cancel() { stopRequest.make() }

    /// Throws `CancellationError` once cancelled.
    public func check() throws {
        if isCancelled { throw CancellationError() }
    }
}
