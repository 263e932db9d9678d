import CFFmpeg
#if canImport(Glibc)
import Glibc
#endif

/// A monotonic deadline that libav polls through `AVFormatContext.interrupt_callback`, and the caller's
/// `StopRequest` (the one current when the file was opened), polled with it.
final class InterruptDeadline {
    let seconds: Double
    private let deadline: UInt64
    private(set) var fired = false
    let stop: StopRequest?

    init(seconds: Double, stop: StopRequest? = StopRequest.current) {
        self.seconds = seconds
        self.stop = stop
        deadline = InterruptDeadline.now() &+ UInt64(max(0, seconds) * 1_000_000_000)
    }

    /// True once the deadline has passed or the stop request was made: either way the reads must end.
    var hasPassed: Bool {
        if !fired && (InterruptDeadline.now() >= deadline || stop?.isMade == true) { fired = true }
        return fired
    }

    /// The error that ends a read interrupted by this deadline or its stop request.
    func error(path: String) -> MediaIOError {
        stop?.isMade == true ? .cancelled(path: path) : .timedOut(path: path, seconds: seconds)
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// The C callback: `opaque` is an unretained `InterruptDeadline` owned by the `InputFile`.
    static let callback: @convention(c) (UnsafeMutableRawPointer?) -> Int32 = { opaque in
        guard let opaque else { return 0 }
        return Unmanaged<InterruptDeadline>.fromOpaque(opaque).takeUnretainedValue().hasPassed ? 1 : 0
    }
}
