import Foundation
import MediaIO

/// Runs blocking work (libav reads and decodes, worker threads of its own) on a thread of its own rather
/// than on Swift's cooperative pool, whose few threads must never block; cancelling the calling `Task`
/// sets the `CancellationFlag` the work polls. With `stoppingReads`, the flag is also the `StopRequest` of
/// every file the work opens, so a read or decode in progress ends at its next packet: for work that reports
/// what it read (probe, check, verify) and whose result the cancelled caller throws away anyway. Not for a
/// batch, whose running jobs finish and are recorded, nor a prepare, which polls the flag itself.
enum BlockingCall {
    static func run<T: Sendable>(stoppingReads: Bool = false,
                                 _ work: @escaping @Sendable (CancellationFlag) throws -> T) async throws -> T {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                let thread = Thread {
                    do {
                        try flag.check()
                        let result = try StopRequest.$current.withValue(stoppingReads ? flag.stopRequest : nil) { try work(flag) }
                        continuation.resume(returning: result)
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                // As the main thread's: decoders and the rule code recurse deeper than a secondary thread's 512 KB.
                thread.stackSize = 8 << 20
                thread.start()
            }
        } onCancel: {
            flag.cancel()
        }
    }
}
