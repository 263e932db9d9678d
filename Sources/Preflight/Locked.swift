import Foundation

/// A value behind a lock, for the few places where worker threads share state. A pthread mutex (via
/// NSLock) rather than `Synchronization.Mutex`: ThreadSanitizer understands the former, and reports the
/// latter's futex-based hand-offs as races.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// A lock around `value`.
    public init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, holding the lock; what `body` returns or throws is passed on.
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
