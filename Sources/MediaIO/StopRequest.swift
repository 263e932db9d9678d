import Synchronization

/// A request, made from another thread, that reads of the files opened under it stop: every `InputFile`
/// opened while a request is `current` polls it, through libav's interrupt callback (between the reads of
/// a demuxer) and before each packet, and fails with `MediaIOError.cancelled` once it is made. It is how a
/// cancelled `Task` stops a probe, check or verify inside a long decode rather than after it.
public final class StopRequest: Sendable {
    private let made = Atomic<Bool>(false)

    public init() {}

    /// Whether `make()` was called.
    public var isMade: Bool { made.load(ordering: .acquiring) }

    /// Asks every read under this request to stop.
    public func make() { made.store(true, ordering: .releasing) }

    /// The request the files opened on this thread (or task) poll; nil: reads stop only at their deadline.
    /// Threads do not inherit it: code that hands reading work to a thread of its own carries it there
    /// (`carried(_:)`; `ThreadPriority.startBackgroundThread` does).
    @TaskLocal public static var current: StopRequest?

    /// `body`, to run on another thread under the request current here (threads do not inherit it).
    public static func carried(_ body: @escaping @Sendable () -> Void) -> @Sendable () -> Void {
        let stop = current
        return { $current.withValue(stop) { body() } }
    }
}
