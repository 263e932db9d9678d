import Foundation
import Synchronization
import Testing
@testable import MediaIO
import TestMediaSupport

/// A `StopRequest` ends the reads of the files opened under it at their next packet, as `.cancelled` (not
/// `.timedOut`), and nothing else: files opened under no request, or another one, read on.
@Suite struct StopRequestTests {
    @Test func aMadeRequestEndsTheReadAtTheNextPacket() throws {
        let stop = StopRequest()
        let file = try StopRequest.$current.withValue(stop) { try InputFile(path: TestMedia.path("h264_aac.mp4")) }
        let other = try InputFile(path: TestMedia.path("h264_aac.mp4"))
        let packet = Packet()
        for _ in 0..<3 { #expect(try file.readPacket(into: packet)) }
        stop.make()
        do {
            _ = try file.readPacket(into: packet)
            Issue.record("read on after the stop request")
        } catch let e as MediaIOError {
            guard case .cancelled(let path) = e else { Issue.record("\(e)"); return }
            #expect(path == file.path && e.kind == "cancelled" && e.endsTheRun)
        }
        // The file opened outside the request reads to its end.
        var packets = 0
        while try other.readPacket(into: packet) { packets += 1 }
        #expect(packets > 3)
    }

    @Test func aFileOpenedUnderAMadeRequestIsNotOpened() {
        let stop = StopRequest()
        stop.make()
        #expect {
            _ = try StopRequest.$current.withValue(stop) { try InputFile(path: TestMedia.path("h264_aac.mp4")) }
        } throws: { error in
            guard let e = error as? MediaIOError, case .cancelled = e else { return false }
            return true
        }
    }

    /// Work handed to a background thread stops with the caller's work: the thread runs under its request.
    @Test func backgroundThreadsRunUnderTheCallersRequest() {
        let stop = StopRequest()
        let seen = Mutex<StopRequest?>(nil)
        let done = DispatchSemaphore(value: 0)
        StopRequest.$current.withValue(stop) {
            ThreadPriority.startBackgroundThread {
                seen.withLock { $0 = StopRequest.current }
                done.signal()
            }
        }
        done.wait()
        #expect(seen.withLock { $0 } === stop)
        #expect(StopRequest.current == nil)
    }
}
