import Foundation

/// A unit of work handed between pipeline stages, emptied (its storage kept) for reuse at the end of the chain.
protocol PipelineChunk: Sendable {
    init()
    mutating func empty()
}

/// Runs `consume` on a second thread over chunks handed over by the caller's thread, through a
/// bounded queue: decoding and measuring overlap on two cores, and memory stays at `capacity` chunks.
/// With `next`, each consumed chunk goes on to that pipeline's thread (stages of work on one chunk, the
/// operating system sharing the cores between them), and chunks are recycled at the end of the chain.
final class ChunkPipeline<Chunk: PipelineChunk>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Chunk] = []
    /// Consumed chunks, emptied with their capacity kept, for `buffer()`: a fresh 128 KB array per chunk is
    /// an mmap and munmap each (glibc's threshold), whose page faults and TLB shootdowns cost more than the copy.
    private var spare: [Chunk] = []
    private var closed = false
    private var finished = false
    private let capacity: Int
    private var failure: Error?
    private let next: ChunkPipeline?

    /// `consume` runs on the worker thread only; everything it touches is handed over, not shared. It may
    /// add to the chunk for the stages after it.
    init(capacity: Int = 8, next: ChunkPipeline? = nil, consume: @escaping @Sendable (inout Chunk) throws -> Void) {
        self.capacity = capacity
        self.next = next
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
                do { try consume(&chunk) } catch { failed = error }
                if let next, failed == nil {
                    if next.send(chunk) { continue }
                    failed = next.error ?? CancellationError()
                }
                chunk.empty()
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
    func send(_ chunk: Chunk) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && failure == nil { condition.wait() }
        guard failure == nil else { return false }
        queue.append(chunk)
        condition.broadcast()
        return true
    }

    /// An empty chunk for the next batch, with the storage of one already consumed when there is one.
    func buffer() -> Chunk {
        if let next { return next.buffer() }
        condition.lock()
        defer { condition.unlock() }
        return spare.popLast() ?? Chunk()
    }

    /// Waits until the worker (and the pipelines after it) consumed everything; rethrows the first error
    /// along the chain.
    func finish() throws {
        condition.lock()
        closed = true
        condition.broadcast()
        while !finished { condition.wait() }
        let error = failure
        condition.unlock()
        let later = Result { try next?.finish() }
        if let error { throw error }
        try later.get()
    }

    /// The worker's first error so far.
    private var error: Error? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }
}
