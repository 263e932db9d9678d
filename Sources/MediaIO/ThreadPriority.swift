import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Scheduling priority of the threads that work beside a decode.
public enum ThreadPriority {
    /// Lowers the calling thread to the lowest priority (nice 19): it runs on the cores a decode leaves idle
    /// and yields them back as soon as the decode wants them. A full H.264 decode with frame threads keeps
    /// 2 cores only ~75–85 % busy (each frame thread waits for rows of the frame it refers to), so work at
    /// this priority mostly fills that idle time instead of slowing the decode. It cannot starve: whatever
    /// the decode waits on gets the cores the waiting decode frees. Only for threads made for that work (the
    /// priority cannot be raised back without privileges): never call it on a thread of a shared pool. Threads
    /// started from such a thread (a library's worker pool created there) inherit the priority.
    public static func lowerCurrentThread() {
        #if os(Linux)
        // On Linux the nice value is per thread (a kernel task), and 0 names the caller.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }

    /// A thread that starts at the lowest priority (`lowerCurrentThread`) and runs `body`, with `stackSize` bytes of
    /// stack, under the caller's `StopRequest` (the files it opens stop when the caller's work is cancelled).
    public static func startBackgroundThread(stackSize: Int = 1 << 23, _ body: @escaping @Sendable () -> Void) {
        let body = StopRequest.carried(body)
        let t = Thread {
            lowerCurrentThread()
            body()
        }
        t.stackSize = stackSize
        t.start()
    }
}
