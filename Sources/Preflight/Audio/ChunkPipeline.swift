import Foundation

/// Runs `consume` on a second thread over chunks handed over by the caller's thread, through a
/// bounded queue: decoding and measuring overlap on two cores, and memory stays at `capacity` chunks.
final class ChunkPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[Float]] = []
    /// Consumed chunks, emptied with their capacity kept, for `buffer()`: a fresh 128 KB array per chunk is
    /// an mmap and munmap each (glibc's threshold), whose page faults and TLB shootdowns cost more than the copy.
    private var spare: [[Float]] = []
    private var closed = false
    private var finished = false
    private let capacity: Int
    private var failure: Error?

    /// `consume` runs on the worker thread only; everything it touches is handed over, not shared.
    init(capacity: Int = 8, consume: @escaping @Sendable ([Float]) throws -> Void) {
        self.capacity = capacity
        let worker = Thread { [self] in
            while true {
                condition.lock()
                while queue.isEmpty && !closed { condition.wait() }
                if queue.isEmpty && closed {
                    finished = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                var chunk = queue.removeFirst()
                condition.broadcast()
                condition.unlock()
                var failed: Error?
                do { try consume(chunk) } catch { failed = error }
                chunk.removeAll(keepingCapacity: true)
                condition.lock()
                if let failed, failure == nil { failure = failed }
                if spare.count < capacity { spare.append(chunk) }
                condition.unlock()
            }
        }
        worker.stackSize = 1 << 20
        worker.start()
    }

    /// Hands a chunk to the worker, waiting while the queue is full. Returns false once the worker failed.
    func send(_ chunk: [Float]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        guard failure == nil else { return false }
        queue.append(chunk)
        condition.broadcast()
        return true
    }

    /// An empty array for the next chunk, with the capacity of one already consumed when there is one.
    func buffer() -> [Float] {
        condition.lock()
        defer { condition.unlock() }
        return spare.popLast() ?? []
    }

    /// Waits until the worker has consumed everything; rethrows its first error.
    func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        let error = failure
        condition.unlock()
        if let error { throw error }
    }
}
