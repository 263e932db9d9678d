import CFFmpeg
#if canImport(Glibc)
import Glibc
#endif

/// A monotonic deadline that libav polls through `AVFormatContext.interrupt_callback`.
final class InterruptDeadline {
    let seconds: Double
    private let deadline: UInt64
    private(set) var fired = false

    init(seconds: Double) {
        self.seconds = seconds
        deadline = InterruptDeadline.now() &+ UInt64(max(0, seconds) * 1_000_000_000)
    }

    var hasPassed: Bool {
        if !fired && InterruptDeadline.now() >= deadline { fired = true }
        return fired
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
