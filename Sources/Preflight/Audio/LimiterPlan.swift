import Foundation
import MediaIO

/// What the true-peak limiter will do, worked out before anything is rendered: for a ladder of make-up
/// gains, how much integrated loudness the limiter would take away, so the gain that lands on the target
/// *after* limiting is read off the ladder instead of found by trial renders. Made in one pass over the
/// decoded audio (`make(audio:...)`), or from what pass 1 built while decoding (`Feed`). The final render
/// computes the `TruePeakEnvelope` again for the limiter itself (see `AudioPreparer.renderSpan`).
///
/// The prediction runs the limiter's gain curve on `LimiterBlocks` (the loudest level and the energy of
/// every `decimation` frames, about 0.6 ms) for all the gains at once, and gates the 400 ms blocks as
/// BS.1770 does. It predicts the loudness the limiter *removes*, relative to the unlimited signal at the
/// same gain (so the blocks' unweighted channel sum and the meter's small differences cancel); the final
/// render measures the real output.
struct LimiterPlan {
    /// Make-up gains tried (dB over `baseGainDB`) and the loudness the limiter takes away at each (LU, ≥ 0).
    let ladder: [(gainDB: Double, lossLU: Double)]

    /// Extra gain over the unlimited target gain tried by the ladder, dB.
    static let steps: [Double] = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12]

    /// Reads frames [first, first + count) of the decoded `audio`, with silence outside as the render sees it.
    /// `baseGainDB` is the gain that would reach the target without limiting. Long inputs are split in two
    /// halves measured on two threads; the second starts a second early so its filters and gain curves
    /// have settled where its half begins.
    static func make(audio: any SampleSource, first: Int64, count: Int64, sampleRate rate: Int, ceiling: Double,
                     baseGainDB: Double) throws -> LimiterPlan {
        let gainsDB = steps.map { baseGainDB + $0 }
        let spans = SignalHalves.spans(count: count, sampleRate: rate, alignment: Int64(LimiterBlocks.decimation(sampleRate: rate)))
        let parts = try SignalHalves.run(spans) { _, span in
            try measure(audio: audio, first: first, count: count, span: span, sampleRate: rate, ceiling: ceiling, gainsDB: gainsDB)
        }
        var ladder = parts[0]
        for part in parts.dropFirst() { ladder.merge(part) }
        return LimiterPlan(ladder: ladder.loss())
    }

    /// One span of the plan: the ladder's energies of the blocks in `span`.
    private static func measure(audio: any SampleSource, first: Int64, count: Int64, span: Range<Int64>, sampleRate rate: Int,
                                ceiling: Double, gainsDB: [Double]) throws -> Ladder {
        let channels = audio.channels
        let decimation = LimiterBlocks.decimation(sampleRate: rate)
        let exactLookAhead = LimiterGain.Timing(sampleRate: rate).lookAhead
        let last = span.upperBound == count
        let warm = LimiterBlocks.settling(before: span.lowerBound, sampleRate: rate)
        let start = span.lowerBound - warm
        var ladder = Ladder(sampleRate: rate, ceiling: ceiling, gainsDB: gainsDB, counted: span)
        var blocks = LimiterBlocks(channels: channels, sampleRate: rate, origin: start)
        // Frames after a middle span that its last blocks still look at.
        let margin = last ? 0 : Int64(TruePeakEnvelope.firPad + exactLookAhead + decimation * (ladder.lookAheadBlocks + 2))
        let end = min(count, span.upperBound + margin)
        var envelope = TruePeakEnvelope(channels: channels)
        var levels: [Float] = []
        func step(_ chunk: UnsafeBufferPointer<Float>) {
            levels.removeAll(keepingCapacity: true)
            envelope.add(chunk, to: &levels)
            blocks.add(frames: chunk, levels: levels) { ladder.add(blockAt: $0, level: $1, energy: $2) }
            ladder.feedCurves()
        }
        let chunkFrames = 8192
        var buffer = [Float](repeating: 0, count: chunkFrames * channels)
        var position = start
        while position < end {
            let want = Int(min(Int64(chunkFrames), end - position)) * channels
            let n = try buffer.withUnsafeMutableBufferPointer { b in
                try audio.read(from: first + position, into: UnsafeMutableBufferPointer(rebasing: b[0..<want]))
            }
            guard n > 0 else { break }
            buffer.withUnsafeBufferPointer { step(UnsafeBufferPointer(rebasing: $0[0..<n * channels])) }
            position += Int64(n)
        }
        if last {
            // Silence after the end: the last frames' right context and the look-ahead's tail.
            let tail = [Float](repeating: 0, count: (TruePeakEnvelope.firPad + exactLookAhead) * channels)
            tail.withUnsafeBufferPointer { step($0) }
            blocks.flush { ladder.add(blockAt: $0, level: $1, energy: $2) }
            ladder.feedCurves()
            ladder.finish()
        }
        return ladder
    }

    /// The decimated gain curves of every gain on the ladder, fed together, and the energies they leave.
    struct Ladder {
        let gainsDB: [Double]
        let decimation: Int
        let lookAheadBlocks: Int
        let subBlock: Int
        var curves: [LimiterGain]
        /// K-weighted energy per 100 ms sub-block: unlimited, and after each curve's gain.
        var plain: [Double] = []
        var limited: [[Double]]
        /// Blocks waiting for their gain (a curve's gain lags its input by lookAheadBlocks - 1).
        var waitingEnergy: [Double] = []
        var waitingSub: [Int] = []
        var blockLevels: [Float] = []
        var gains: [Float] = []
        /// Blocks starting in this range count; the others only settle the curves.
        let counted: Range<Int64>

        init(sampleRate rate: Int, ceiling: Double, gainsDB: [Double], counted: Range<Int64>) {
            self.gainsDB = gainsDB
            self.counted = counted
            decimation = LimiterBlocks.decimation(sampleRate: rate)
            let blocks = LimiterGain.Timing(sampleRate: rate).decimated(by: decimation)
            lookAheadBlocks = blocks.lookAhead
            curves = gainsDB.map { g in LimiterGain(timing: blocks, threshold: Float(ceiling / pow(10, g / 20))) }
            subBlock = rate / 10
            limited = [[Double]](repeating: [], count: gainsDB.count)
        }

        /// Queues one block (its loudest level and its energy) for the curves.
        mutating func add(blockAt start: Int64, level: Float, energy: Float) {
            var sub = -1
            if counted.contains(start) {
                sub = Int(start / Int64(subBlock))
                grow(to: sub + 1)
                plain[sub] += Double(energy)
            }
            blockLevels.append(level)
            waitingEnergy.append(Double(energy))
            waitingSub.append(sub)
        }

        mutating func feedCurves() {
            if gains.count < blockLevels.count { gains = [Float](repeating: 0, count: blockLevels.count) }
            var known = 0
            for k in curves.indices {
                known = blockLevels.withUnsafeBufferPointer { l in gains.withUnsafeMutableBufferPointer { curves[k].add(l, gains: $0.baseAddress!) } }
                let n = min(known, waitingEnergy.count)
                gains.withUnsafeBufferPointer { g in
                    waitingEnergy.withUnsafeBufferPointer { energy in
                        waitingSub.withUnsafeBufferPointer { subs in
                            limited[k].withUnsafeMutableBufferPointer { out in
                                Self.accumulate(gains: g.baseAddress!, energies: energy.baseAddress!, subBlocks: subs.baseAddress!,
                                                count: n, into: out.baseAddress!)
                            }
                        }
                    }
                }
            }
            let done = min(known, waitingEnergy.count)
            waitingEnergy.removeFirst(done)
            waitingSub.removeFirst(done)
            blockLevels.removeAll(keepingCapacity: true)
        }

        /// `out[sub] += gain² × energy` for each block counted (`sub` ≥ 0). A sub-block's ~160 blocks are
        /// consecutive: summed in registers, four at a time, and stored once (adding into memory block by block
        /// waited on the previous store every block).
        private static func accumulate(gains g: UnsafePointer<Float>, energies e: UnsafePointer<Double>, subBlocks subs: UnsafePointer<Int>,
                                       count n: Int, into out: UnsafeMutablePointer<Double>) {
            var b = 0
            while b < n {
                let sub = subs[b]
                var end = b + 1
                while end < n && subs[end] == sub { end += 1 }
                if sub >= 0 {
                    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                    var i = b
                    while i + 4 <= end {
                        let g0 = Double(g[i]), g1 = Double(g[i + 1]), g2 = Double(g[i + 2]), g3 = Double(g[i + 3])
                        s0 += g0 * g0 * e[i]
                        s1 += g1 * g1 * e[i + 1]
                        s2 += g2 * g2 * e[i + 2]
                        s3 += g3 * g3 * e[i + 3]
                        i += 4
                    }
                    while i < end { let gi = Double(g[i]); s0 += gi * gi * e[i]; i += 1 }
                    out[sub] += (s0 + s1) + (s2 + s3)
                }
                b = end
            }
        }

        mutating func grow(to subBlocks: Int) {
            guard subBlocks > plain.count else { return }
            plain.append(contentsOf: repeatElement(0, count: subBlocks - plain.count))
            for k in limited.indices { limited[k].append(contentsOf: repeatElement(0, count: subBlocks - limited[k].count)) }
        }

        /// Feeds the curves' tail (silence after the last block).
        mutating func finish() {
            blockLevels.append(contentsOf: repeatElement(0, count: lookAheadBlocks))
            feedCurves()
        }

        /// Adds another span's energies (the spans do not overlap).
        mutating func merge(_ other: Ladder) {
            grow(to: other.plain.count)
            for i in other.plain.indices { plain[i] += other.plain[i] }
            for k in limited.indices { for i in other.limited[k].indices { limited[k][i] += other.limited[k][i] } }
        }

        /// The loudness each gain loses to the limiter.
        func loss() -> [(gainDB: Double, lossLU: Double)] {
            let base = BlockLoudness.integratedLUFS(subBlocks: plain, framesPerSubBlock: subBlock)
            return gainsDB.indices.map { k -> (gainDB: Double, lossLU: Double) in
                let linear = pow(10, (gainsDB[k] - gainsDB[0]) / 10)
                let after = BlockLoudness.integratedLUFS(subBlocks: limited[k], framesPerSubBlock: subBlock, scale: linear)
                guard let u = base.map({ $0 + 10 * log10(linear) }), let a = after else { return (gainsDB[k], 0) }
                return (gainsDB[k], max(0, u - a))
            }
        }
    }

    /// The make-up gain whose limited rendering reaches `targetLUFS`, from an input at `inputLUFS`:
    /// interpolated on the ladder; nil when even its top step stays under the target (the ceiling holds the
    /// loudness down), in which case the caller uses the top step.
    func gain(targetLUFS: Double, inputLUFS: Double) -> (gainDB: Double, reachable: Bool) {
        // Predicted output loudness at each step, rising with the gain.
        let predicted = ladder.map { inputLUFS + $0.gainDB - $0.lossLU }
        for k in predicted.indices where predicted[k] >= targetLUFS {
            guard k > 0 else { return (ladder[0].gainDB, true) }
            let (g0, p0) = (ladder[k - 1].gainDB, predicted[k - 1]), (g1, p1) = (ladder[k].gainDB, predicted[k])
            let t = p1 > p0 ? (targetLUFS - p0) / (p1 - p0) : 1
            return (g0 + t * (g1 - g0), true)
        }
        return (ladder[ladder.count - 1].gainDB, false)
    }
}
