import Foundation
import MediaIO

extension LimiterPlan {
    /// Pass 1's share of the plan, built while the input decodes (beside pass 1's loudness meter, whose
    /// K-weighting it reuses): the true-peak envelope of every frame, reduced to the ladder's blocks, which
    /// are spooled, so that once the loudness is known only the ladder's curves remain (`make(feed:)`),
    /// instead of a second pass over the audio. The envelope itself is not kept: the render computes it
    /// again from the frames it reads, which costs less than writing it out and reading it back.
    ///
    /// It gives up as soon as the input's peaks and loudness so far say the limiter will not be needed
    /// (work no prepare without the limiter should pay for); should the limiter be needed after all, the
    /// plan is made from the decoded audio as before. Used by two pipeline stages, one after the other (the
    /// envelope's levels, `levels(of:into:)`; the blocks, `add`), each touching its own state; read after
    /// both finished.
    final class Feed: @unchecked Sendable {
        /// Per block: its loudest level and its energy (two floats).
        let blocks: SampleSpool
        private let sampleRate: Int
        private let exactLookAhead: Int
        private var peaks: TruePeakEnvelope
        private var builder: LimiterBlocks
        private var pairs: [Float] = []
        /// The highest envelope level in the blocks so far: what the judgement uses, and the input's true peak
        /// where the feed ran.
        private(set) var highestLevel: Float = 0
        private var frames: Int64 = 0
        private let unneeded: (_ truePeakDB: Double, _ loudnessLUFS: Double?) -> Bool
        /// Set false by the blocks' stage, read by the stages before it (which stop measuring energies and
        /// levels then).
        private let running = Locked(true)
        /// False once it gave up.
        var active: Bool { running.withLock { $0 } }

        /// `unneeded(true peak so far, integrated loudness so far)`: true when the limiter will not be needed.
        init(channels: Int, sampleRate: Int, directory: String, unneeded: @escaping (Double, Double?) -> Bool) throws {
            blocks = try SampleSpool(channels: 2, directory: directory)
            self.sampleRate = sampleRate
            exactLookAhead = LimiterGain.Timing(sampleRate: sampleRate).lookAhead
            peaks = TruePeakEnvelope(channels: channels)
            builder = LimiterBlocks(channels: channels, sampleRate: sampleRate, origin: 0)
            self.unneeded = unneeded
        }

        /// Whether the feed judges after a chunk that took the input from `framesBefore` to `framesAfter`
        /// frames: at ten seconds, then every five. The stage that meters loudness measures it for these chunks.
        static func judges(framesBefore: Int64, framesAfter: Int64, sampleRate: Int) -> Bool {
            let first = Int64(sampleRate) * 10, every = Int64(sampleRate) * 5
            guard framesAfter >= first else { return false }
            return framesBefore < first || (framesAfter - first) / every != (framesBefore - first) / every
        }

        /// The envelope's levels of the next frames, appended to `levels`: the first of the feed's two stages
        /// (the envelope's state is this stage's alone), whose levels `add` takes on the next.
        func levels(of chunk: UnsafeBufferPointer<Float>, into levels: inout [Float]) {
            peaks.add(chunk, to: &levels)
        }

        /// The levels `levels(of:into:)` gave for the next frames and their K-weighted energies (channels
        /// summed); `loudnessSoFar` is the integrated loudness after them (nil: no gated block yet) where
        /// `judges` says so, which the judgement uses.
        func add(levels: [Float], energies: UnsafeBufferPointer<Float>, loudnessSoFar: Double??) throws {
            guard active else { return }
            try step(levels: levels, energies: energies)
            let before = frames
            frames += Int64(energies.count)
            if Self.judges(framesBefore: before, framesAfter: frames, sampleRate: sampleRate), let lufs = loudnessSoFar,
               unneeded(highestLevel > 0 ? 20 * log10(Double(highestLevel)) : -200, lufs) {
                running.withLock { $0 = false }
            }
        }

        /// After the last frame (both stages finished): the look-ahead's silent tail and the last block. True
        /// when it ran to the end.
        func finish() throws -> Bool {
            guard active else { return false }
            let tail = [Float](repeating: 0, count: (TruePeakEnvelope.firPad + exactLookAhead) * builder.channels)
            let silent = [Float](repeating: 0, count: tail.count / builder.channels)
            var levels: [Float] = []
            tail.withUnsafeBufferPointer { peaks.add($0, to: &levels) }
            try silent.withUnsafeBufferPointer { try step(levels: levels, energies: $0) }
            pairs.removeAll(keepingCapacity: true)
            var highest = highestLevel
            builder.flush { _, level, energy in
                pairs.append(level)
                pairs.append(energy)
                highest = max(highest, level)
            }
            highestLevel = highest
            try pairs.withUnsafeBufferPointer { try blocks.append($0) }
            return true
        }

        /// A block's level is the highest of its positions', so the blocks give the highest level too (the
        /// positions of a block not yet whole count once it is).
        private func step(levels: [Float], energies: UnsafeBufferPointer<Float>) throws {
            pairs.removeAll(keepingCapacity: true)
            var highest = highestLevel
            builder.add(energies: energies, levels: levels) { _, level, energy in
                pairs.append(level)
                pairs.append(energy)
                highest = max(highest, level)
            }
            highestLevel = highest
            try pairs.withUnsafeBufferPointer { try blocks.append($0) }
        }
    }

    /// The plan from a feed that ran over the whole input (nothing trimmed): only the ladder's curves,
    /// over the spooled blocks, in two halves on two threads as `make(audio:...)`.
    static func make(feed: Feed, count: Int64, sampleRate rate: Int, ceiling: Double, baseGainDB: Double) throws -> LimiterPlan {
        let gainsDB = steps.map { baseGainDB + $0 }
        let decimation = Int64(LimiterBlocks.decimation(sampleRate: rate))
        let totalBlocks = feed.blocks.frames
        let spans = SignalHalves.spans(count: count, sampleRate: rate, alignment: decimation)
        let parts = try SignalHalves.run(spans) { _, span in
            var ladder = Ladder(sampleRate: rate, ceiling: ceiling, gainsDB: gainsDB, counted: span)
            let last = span.upperBound == count
            let warm = LimiterBlocks.settling(before: span.lowerBound, sampleRate: rate)
            let firstBlock = (span.lowerBound - warm) / decimation
            // A middle span's last blocks get their gains from the blocks after them.
            let endBlock = last ? totalBlocks : min(totalBlocks, span.upperBound / decimation + Int64(ladder.lookAheadBlocks) + 2)
            var buffer = [Float](repeating: 0, count: 8192 * 2)
            var block = firstBlock
            while block < endBlock {
                let want = Int(min(8192, endBlock - block))
                let n = try buffer.withUnsafeMutableBufferPointer { b in
                    try feed.blocks.read(from: block, into: UnsafeMutableBufferPointer(rebasing: b[0..<want * 2]))
                }
                guard n > 0 else { break }
                for k in 0..<n {
                    ladder.add(blockAt: (block + Int64(k)) * decimation, level: buffer[2 * k], energy: buffer[2 * k + 1])
                }
                ladder.feedCurves()
                block += Int64(n)
            }
            if last { ladder.finish() }
            return ladder
        }
        var ladder = parts[0]
        for part in parts.dropFirst() { ladder.merge(part) }
        return LimiterPlan(ladder: ladder.loss())
    }
}
