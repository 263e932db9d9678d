import Foundation
import MediaIO

/// A value worked out on a thread of its own at the lowest priority (`ThreadPriority`, under the caller's
/// `StopRequest`), for work that runs beside a decode and is wanted once the decode is over (the output's speech
/// for the lips, the submitted audio for the alignment). `value()` waits for it.
final class BackgroundResult<Value>: @unchecked Sendable {
    private let result = Locked<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        ThreadPriority.startBackgroundThread { [result, done] in
            let value = work()
            result.withLock { $0 = value }
            done.signal()
        }
    }

    /// Waits for the work (the first call; later ones return at once) and returns what it gave.
    func value() -> Value {
        done.wait()
        done.signal()
        return result.withLock { $0! }
    }
}
