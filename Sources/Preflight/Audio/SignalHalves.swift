import Foundation

/// A long signal cut in two halves worked on at once, one thread each (`prepare`'s limiter plan and its
/// final render on two cores). Short signals stay whole: under `minimumSeconds` a second thread costs
/// about what it saves.
enum SignalHalves {
    static let minimumSeconds = 20

    /// Frames [0, count) as one span, or as two when `split` and longer than `minimumSeconds`; the cut is
    /// a multiple of `alignment` frames.
    static func spans(count: Int64, sampleRate: Int, split: Bool = true, alignment: Int64 = 1) -> [Range<Int64>] {
        guard split, count > Int64(sampleRate * minimumSeconds) else { return [0..<count] }
        let mid = count / 2 / alignment * alignment
        return [0..<mid, mid..<count]
    }

    /// `body` for each span, all at once; the results in span order, or the first span's error.
    static func run<T>(_ spans: [Range<Int64>], _ body: @Sendable (_ index: Int, _ span: Range<Int64>) throws -> T) throws -> [T] {
        let results = Locked([Int: Result<T, Error>]())
        DispatchQueue.concurrentPerform(iterations: spans.count) { k in
            let r = Result { try body(k, spans[k]) }
            results.withLock { $0[k] = r }
        }
        return try spans.indices.map { k in try results.withLock { $0[k]! }.get() }
    }
}
