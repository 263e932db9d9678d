import Foundation

/// Integrated loudness (ITU-R BS.1770-4) and loudness range (EBU Tech 3342) of interleaved float audio fed
/// in chunks, computed the way libebur128 computes them, from the K-weighted energy of every 100 ms.
///
/// libebur128 re-sums its 400 ms blocks every 100 ms and its 3 s blocks every second from a ring of
/// filtered samples (~12 ns a sample here); `prepare` measures its input and its output, so that was a
/// third of its time. Here each sample is filtered and squared once into its 100 ms sub-block; blocks are
/// sums of sub-blocks (400 ms every 100 ms, 3 s every second, as libebur128 places them), and the gates
/// and percentiles are libebur128's. Pinned against libebur128 in `BlockLoudnessTests`; prepare's outputs
/// are checked with ffmpeg's `ebur128` in its tests and in `bench/prepare.sh`.
struct BlockLoudness {
    let channels: Int
    /// libebur128's 100 ms: (rate + 5) / 10 frames.
    let framesPerSubBlock: Int
    /// Weighted K-filtered energy (sum over frames and channels) of each whole 100 ms sub-block so far.
    private(set) var subBlocks: [Double] = []
    private var filters: [KWeighting]
    private let weights: [Double]
    private var partial = 0.0
    private var partialFrames = 0

    static func framesPerSubBlock(sampleRate: Int) -> Int { (sampleRate + 5) / 10 }

    init(channels: Int, sampleRate: Int) {
        self.channels = channels
        framesPerSubBlock = Self.framesPerSubBlock(sampleRate: sampleRate)
        filters = (0..<channels).map { _ in KWeighting(sampleRate: sampleRate) }
        weights = Self.channelWeights(channels)
    }

    /// BS.1770's channel weights in libav's order, as libebur128's default map (and prepare's 5.1 map) set
    /// them: surrounds 1.41, the LFE (6 channels: FL FR FC LFE SL SR) and channels past the sixth 0.
    static func channelWeights(_ channels: Int) -> [Double] {
        switch channels {
        case 4: return [1, 1, 1.41, 1.41]
        case 5: return [1, 1, 1, 1.41, 1.41]
        case 6...: return [1, 1, 1, 0, 1.41, 1.41] + Array(repeating: 0, count: channels - 6)
        default: return Array(repeating: 1, count: channels)
        }
    }

    /// Adds interleaved samples (frames × channels; a trailing partial frame is ignored). With `energies`
    /// (one per frame, zeroed by the caller), also adds each frame's K-weighted energy, channels summed
    /// unweighted (the LFE left out): the limiter plan's blocks reuse the filtering.
    mutating func add(_ samples: UnsafeBufferPointer<Float>, energies: UnsafeMutablePointer<Float>? = nil) {
        guard let base = samples.baseAddress else { return }
        let frames = samples.count / channels
        var frame = 0
        while frame < frames {
            let n = min(frames - frame, framesPerSubBlock - partialFrames)
            let x = base + frame * channels
            for c in 0..<channels where weights[c] > 0 {
                partial += weights[c] * filters[c].sumOfSquares(x, count: n, channel: c, channels: channels, energy: energies.map { $0 + frame })
            }
            partialFrames += n
            frame += n
            if partialFrames == framesPerSubBlock {
                subBlocks.append(partial)
                partial = 0
                partialFrames = 0
            }
        }
    }

    /// This signal followed by `next` (measured separately, e.g. on another thread). Exact when this part
    /// is a whole number of sub-blocks long; the next part's filter started from silence (its first
    /// milliseconds weigh slightly differently than in one pass).
    func followed(by next: BlockLoudness) -> BlockLoudness {
        var joined = next
        joined.subBlocks = subBlocks + next.subBlocks
        return joined
    }

    /// Integrated loudness, LUFS: 400 ms blocks every 100 ms over the absolute gate, then those over the
    /// relative gate (10 LU under their mean). Nil when no block passes (silence, or under 0.4 s).
    var integratedLUFS: Double? { Self.integratedLUFS(subBlocks: subBlocks, framesPerSubBlock: framesPerSubBlock) }

    /// Loudness range, LU: 3 s blocks every second over the absolute gate, then over the relative gate
    /// (20 LU under their mean); the spread from the 10th to the 95th percentile. 0 when no block passes
    /// (libebur128's answer).
    var loudnessRangeLU: Double {
        let loud = Self.blocks(subBlocks, length: 30, hop: 10, framesPerSubBlock: framesPerSubBlock).filter { $0 >= Self.absoluteGate }
        guard !loud.isEmpty else { return 0 }
        let relative = loud.reduce(0, +) / Double(loud.count) * 0.01
        let gated = loud.filter { $0 >= relative }.sorted()
        guard !gated.isEmpty else { return 0 }
        let n = Double(gated.count - 1)
        return Self.lufs(gated[Int(n * 0.95 + 0.5)]) - Self.lufs(gated[Int(n * 0.1 + 0.5)])
    }

    /// BS.1770's gating over sub-block energy sums (`scale` times each, for a gain applied afterwards): the
    /// integrated loudness of `integratedLUFS`, also for the limiter plan's predicted energies.
    static func integratedLUFS(subBlocks: [Double], framesPerSubBlock: Int, scale: Double = 1) -> Double? {
        let loud = blocks(subBlocks, length: 4, hop: 1, framesPerSubBlock: framesPerSubBlock).map { $0 * scale }.filter { $0 >= absoluteGate }
        guard !loud.isEmpty else { return nil }
        let relative = loud.reduce(0, +) / Double(loud.count) * 0.1
        let gated = loud.filter { $0 >= relative }
        guard !gated.isEmpty else { return nil }
        return lufs(gated.reduce(0, +) / Double(gated.count))
    }

    /// Mean power of each block of `length` sub-blocks, one every `hop` sub-blocks, complete blocks only.
    private static func blocks(_ subBlocks: [Double], length: Int, hop: Int, framesPerSubBlock: Int) -> [Double] {
        guard subBlocks.count >= length else { return [] }
        let frames = Double(length * framesPerSubBlock)
        return stride(from: 0, through: subBlocks.count - length, by: hop).map { start in
            subBlocks[start..<start + length].reduce(0, +) / frames
        }
    }

    private static func lufs(_ power: Double) -> Double { 10 * log10(power) - 0.691 }
    /// The absolute gate, −70 LUFS, as power.
    private static let absoluteGate = pow(10, (-70 + 0.691) / 10)
}
