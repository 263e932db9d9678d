import Foundation
import Testing
import MediaIO
@testable import Preflight
import TestMediaSupport

/// The limiter plan built during pass 1 (`LimiterPlan.Feed`) against the plan made afterwards from the
/// spooled audio: the same loudness lost at every gain of the ladder; and the envelope the render computes
/// again equals pass 1's.
@Suite struct LimiterPlanFeedTests {
    static let rate = 48000

    /// 36 s of real speech, quiet (−20 dB), as pass 1 sees it: chunks of uneven sizes.
    static func speech() throws -> [Float] {
        let once = try FFmpegTool.decode(TestMedia.path("speech_48k.wav")).map { $0 * 0.1 }
        return Array(repeating: once, count: 18).flatMap { $0 }
    }

    /// Pass 1 over `samples`: the spool, and the feed with its verdict.
    static func passOne(_ samples: [Float], unneeded: @escaping (Double, Double?) -> Bool) throws -> (SampleSpool, LimiterPlan.Feed, Bool) {
        let dir = FileManager.default.temporaryDirectory.path
        let spool = try SampleSpool(channels: 1, directory: dir)
        let feed = try LimiterPlan.Feed(channels: 1, sampleRate: rate, directory: dir, unneeded: unneeded)
        var loudness = BlockLoudness(channels: 1, sampleRate: rate)
        var i = 0, k = 0, frames: Int64 = 0
        let sizes = [32768, 1000, 7, 4096, 1, 333, 23, 22, 24]   // some shorter than the envelope's 23 frames of context
        try samples.withUnsafeBufferPointer { all in
            while i < all.count {
                let n = min(sizes[k % sizes.count], all.count - i)
                let chunk = UnsafeBufferPointer(rebasing: all[i..<i + n])
                var energies = [Float](repeating: 0, count: n)
                energies.withUnsafeMutableBufferPointer { loudness.add(chunk, energies: $0.baseAddress!) }
                let judged = LimiterPlan.Feed.judges(framesBefore: frames, framesAfter: frames + Int64(n), sampleRate: rate)
                frames += Int64(n)
                var levels: [Float] = []
                feed.levels(of: chunk, into: &levels)
                try energies.withUnsafeBufferPointer { try feed.add(levels: levels, energies: $0, loudnessSoFar: judged ? .some(loudness.integratedLUFS) : nil) }
                try spool.append(chunk)
                i += n; k += 1
            }
        }
        return (spool, feed, try feed.finish())
    }

    @Test func feedPlansAsTheSpoolDoes() throws {
        let samples = try Self.speech()
        let (spool, feed, complete) = try Self.passOne(samples) { _, _ in false }
        #expect(complete)
        let ceiling = pow(10, -1.8 / 20), base = 18.0
        let count = spool.frames
        let fromSpool = try LimiterPlan.make(audio: spool, first: 0, count: count, sampleRate: Self.rate, ceiling: ceiling, baseGainDB: base)
        let fromFeed = try LimiterPlan.make(feed: feed, count: count, sampleRate: Self.rate, ceiling: ceiling, baseGainDB: base)
        #expect(fromFeed.ladder.count == fromSpool.ladder.count)
        for (a, b) in zip(fromFeed.ladder, fromSpool.ladder) {
            #expect(a.gainDB == b.gainDB)
            #expect(abs(a.lossLU - b.lossLU) <= 0.01, "+\(a.gainDB) dB: feed loses \(a.lossLU) LU, spool \(b.lossLU) LU")
        }
        #expect(fromSpool.ladder.last!.lossLU > 3, "the ladder's top step limits hard: \(fromSpool.ladder.last!.lossLU) LU")
    }

    /// The render computes the limiter's envelope again, from other chunks and, for the second half, from
    /// a point inside the signal with the frames before it as context: every level equals pass 1's exactly.
    @Test func envelopeDoesNotDependOnChunksOrStart() throws {
        let samples = try Self.speech()
        var whole = TruePeakEnvelope(channels: 1)
        var expected: [Float] = []
        samples.withUnsafeBufferPointer { all in
            let sizes = [32768, 1000, 7, 4096, 1, 333, 23, 22, 24]
            var i = 0, j = 0
            while i < all.count {
                let k = min(sizes[j % sizes.count], all.count - i)
                whole.add(UnsafeBufferPointer(rebasing: all[i..<i + k]), to: &expected)
                i += k; j += 1
            }
        }
        for start in [0, 5, 11, 480_000, 480_013] {
            var part = samples.withUnsafeBufferPointer { TruePeakEnvelope(channels: 1, before: UnsafeBufferPointer(rebasing: $0[..<start])) }
            var got: [Float] = []
            samples.withUnsafeBufferPointer { all in
                var i = start
                while i < all.count {
                    let k = min(8192, all.count - i)
                    part.add(UnsafeBufferPointer(rebasing: all[i..<i + k]), to: &got)
                    i += k
                }
            }
            #expect(got.count == expected.count - start)
            let mismatches = zip(got, expected[start...]).filter { $0 != $1 }.count
            #expect(mismatches == 0, "from frame \(start): \(mismatches) levels differ")
        }
    }

    /// Once the peaks and loudness so far say no limiter, the feed stops and says it did not finish.
    @Test func feedGivesUpWhenTheLimiterIsNotNeeded() throws {
        var judged: [(Double, Double?)] = []
        let (_, feed, complete) = try Self.passOne(try Self.speech()) { peak, lufs in
            judged.append((peak, lufs))
            return true
        }
        #expect(!complete)
        #expect(!feed.active)
        // Judged once, after ten seconds, on the real figures (the speech at −20 dB: about −37 LUFS, peaks near −20 dBTP).
        #expect(judged.count == 1)
        let (peak, lufs) = try #require(judged.first)
        #expect(peak > -26 && peak < -14, "peak \(peak)")
        let l = try #require(lufs)
        #expect(l > -45 && l < -30, "loudness \(l)")
    }

    /// Pass 1's true peak where the feed ran: the estimator takes only the sample peak of those chunks and the
    /// feed's envelope (every position interpolated) the true peak; the estimator takes over, with the right left
    /// context, where the feed gave up. The result lies between the estimator's own (which interpolates only next
    /// to local maxima) and the full envelope's, and the sample peak is the same.
    @Test func truePeakWhereTheFeedRan() throws {
        let samples = try Self.speech().map { $0 * 9 }     // peaks over full scale, as the limiter sees them
        var alone = TruePeakEstimator(channels: 1), hybrid = TruePeakEstimator(channels: 1)
        var envelope = TruePeakEnvelope(channels: 1)
        var levels: [Float] = [], highest: Float = 0
        let cut = samples.count / 3
        var i = 0
        samples.withUnsafeBufferPointer { all in
            while i < all.count {
                let chunk = UnsafeBufferPointer(rebasing: all[i..<min(all.count, i + 4099)])
                alone.add(chunk)
                if i < cut {
                    levels.removeAll()
                    envelope.add(chunk, to: &levels)
                    highest = max(highest, levels.max() ?? 0)
                    hybrid.addSamplePeak(chunk)
                } else {
                    hybrid.add(chunk)
                }
                i += chunk.count
            }
        }
        hybrid.include(truePeak: Double(highest))
        var full = TruePeakEnvelope(channels: 1), all: [Float] = []
        full.add(samples + [Float](repeating: 0, count: TruePeakEnvelope.firPad), to: &all)
        let ceiling = Double(all.max()!)
        #expect(hybrid.samplePeak == alone.samplePeak)
        #expect(hybrid.truePeak >= alone.truePeak && hybrid.truePeak <= ceiling,
                "estimator \(alone.truePeak), with the feed \(hybrid.truePeak), full envelope \(ceiling)")
        #expect(20 * log10(hybrid.truePeak / alone.truePeak) < 0.05)
    }
}
