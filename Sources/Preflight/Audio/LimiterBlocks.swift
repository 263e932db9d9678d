import Foundation

/// The limiter plan's view of a signal: for each block of `decimation` frames (about 0.6 ms), the loudest
/// true-peak level in it and its K-weighted energy (channels summed). The ladder's decimated gain curves
/// run on these; pass 1 can build them while it decodes (`LimiterPlan.Feed`).
struct LimiterBlocks {
    let channels: Int
    let decimation: Int
    private var weighting: [KWeighting]
    /// Per-frame energy whose level has not arrived yet (levels lag frames by `TruePeakEnvelope.firPad`),
    /// and levels not yet making a whole block.
    private var energyFrames: [Float] = []
    private var pendingLevels: [Float] = []
    /// Frame where the next block starts.
    private(set) var next: Int64

    /// About eight blocks per look-ahead: the curve keeps its shape at an eighth of the work.
    static func decimation(sampleRate: Int) -> Int { max(1, LimiterGain.Timing(sampleRate: sampleRate).lookAhead / 8) }

    /// Frames before a later span of the plan that only settle its curves: a second, in whole blocks (so
    /// the span's blocks line up with the whole signal's); none before the first span.
    static func settling(before spanStart: Int64, sampleRate: Int) -> Int64 {
        let decimation = Int64(decimation(sampleRate: sampleRate))
        return spanStart > 0 ? min(spanStart, Int64(sampleRate) / decimation * decimation) : 0
    }

    /// Blocks start at frame `origin` (whole blocks from there).
    init(channels: Int, sampleRate: Int, origin: Int64) {
        self.channels = channels
        decimation = Self.decimation(sampleRate: sampleRate)
        weighting = (0..<channels).map { _ in KWeighting(sampleRate: sampleRate) }
        next = origin
    }

    /// Feeds interleaved frames and the envelope levels that arrived with them; `block(start, level,
    /// energy)` for every block now whole.
    mutating func add(frames chunk: UnsafeBufferPointer<Float>, levels: [Float], block: (Int64, Float, Float) -> Void) {
        let frames = chunk.count / channels
        let start = energyFrames.count
        energyFrames.append(contentsOf: repeatElement(0, count: frames))
        energyFrames.withUnsafeMutableBufferPointer { e in
            guard let x = chunk.baseAddress else { return }
            for c in 0..<channels {
                _ = weighting[c].sumOfSquares(x, count: frames, channel: c, channels: channels, energy: e.baseAddress! + start)
            }
        }
        pendingLevels.append(contentsOf: levels)
        makeBlocks(final: false, block)
    }

    /// As `add(frames:levels:block:)` with the frames' K-weighted energies already measured (by `BlockLoudness`).
    mutating func add(energies: UnsafeBufferPointer<Float>, levels: [Float], block: (Int64, Float, Float) -> Void) {
        energyFrames.append(contentsOf: energies)
        pendingLevels.append(contentsOf: levels)
        makeBlocks(final: false, block)
    }

    /// The last, partial block.
    mutating func flush(_ block: (Int64, Float, Float) -> Void) { makeBlocks(final: true, block) }

    private mutating func makeBlocks(final: Bool, _ block: (Int64, Float, Float) -> Void) {
        let available = min(pendingLevels.count, energyFrames.count)
        var i = 0
        guard available > 0 else { return }
        pendingLevels.withUnsafeBufferPointer { l in
            energyFrames.withUnsafeBufferPointer { e in
                let lb = UnsafeRawPointer(l.baseAddress!), eb = UnsafeRawPointer(e.baseAddress!)
                while i + decimation <= available || (final && i < available) {
                    let end = min(i + decimation, available)
                    // Eight frames at a time (a block is ~27 at 44.1 kHz).
                    var levels = SIMD8<Float>(repeating: 0), energies = SIMD8<Float>(repeating: 0)
                    var k = i
                    while k + 8 <= end {
                        let x = lb.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
                        levels.replace(with: x, where: x .> levels)     // (the generic pointwiseMax is not inlined)
                        energies += eb.loadUnaligned(fromByteOffset: k * 4, as: SIMD8<Float>.self)
                        k += 8
                    }
                    var level: Float = 0
                    for j in 0..<8 { level = levels[j] > level ? levels[j] : level }
                    var energy = energies.sum()
                    while k < end {
                        level = l[k] > level ? l[k] : level
                        energy += e[k]
                        k += 1
                    }
                    block(next + Int64(i), level, energy)
                    i = end
                }
            }
        }
        next += Int64(i)
        pendingLevels.removeFirst(i)
        energyFrames.removeFirst(i)
    }
}
