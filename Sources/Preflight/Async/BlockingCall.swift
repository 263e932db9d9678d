import Foundation

/// Runs blocking work (libav reads and decodes, worker threads of its own) on a thread of its own rather
/// than on Swift's cooperative pool, whose few threads must never block; cancelling the calling `Task`
/// sets the `CancellationFlag` the work polls.
enum BlockingCall {
    static func run<T: Sendable>(_ work: @escaping @Sendable (CancellationFlag) throws -> T) async throws -> T {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
                let thread = Thread {
                    do {
                        try flag.check()
                        continuation.resume(returning: try work(flag))
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
