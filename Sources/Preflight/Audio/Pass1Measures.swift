import Foundation
import MediaIO

/// One batch of pass 1's audio on its way through the stages, with what the loudness stage measured for
/// the peaks stage.
struct Pass1Chunk: PipelineChunk {
    var samples: [Float] = []
    /// Per frame, the K-weighted energy (channels summed), while the limiter plan's feed runs.
    var energies: [Float] = []
    /// Per frame, the true-peak envelope's level, while the limiter plan's feed runs.
    var levels: [Float] = []
    /// The integrated loudness after this chunk where the feed judges on it (`.some(nil)`: no gated block yet).
    var loudnessSoFar: Double?? = nil

    init() {}

    mutating func empty() {
        samples.removeAll(keepingCapacity: true)
        energies.removeAll(keepingCapacity: true)
        levels.removeAll(keepingCapacity: true)
        loudnessSoFar = nil
    }
}

/// What pass 1 accumulates, on three pipeline stages: loudness (and where the sound is) on one, the limiter
/// plan's envelope on the next, peaks and the plan's blocks on the third. Each stage's state is touched by its
/// thread alone; read only after the pipeline finished.
final class Pass1Measures: @unchecked Sendable {
    // The loudness stage.
    var loudness: BlockLoudness
    var activity: ActivityTracker
    let trackActivity: Bool
    private var frames: Int64 = 0
    private let sampleRate: Int
    // The peaks stage.
    var peaks: TruePeakEstimator
    let feed: LimiterPlan.Feed?

    init(channels: Int, sampleRate: Int, thresholdDBFS: Double, trackActivity: Bool, feed: LimiterPlan.Feed?) {
        self.feed = feed
        self.sampleRate = sampleRate
        loudness = BlockLoudness(channels: channels, sampleRate: sampleRate)
        peaks = TruePeakEstimator(channels: channels)
        activity = ActivityTracker(channels: channels, sampleRate: sampleRate, thresholdDBFS: thresholdDBFS)
        self.trackActivity = trackActivity
    }

    /// Loudness and activity; while the feed runs, the frames' energies and, where it judges, the loudness so far.
    func measureLoudness(_ chunk: inout Pass1Chunk) {
        let channels = loudness.channels
        let frames = chunk.samples.count / channels
        chunk.samples.withUnsafeBufferPointer { samples in
            if let feed, feed.active {
                chunk.energies.append(contentsOf: repeatElement(0, count: frames))   // chunks arrive emptied
                chunk.energies.withUnsafeMutableBufferPointer { loudness.add(samples, energies: $0.baseAddress!) }
                if LimiterPlan.Feed.judges(framesBefore: self.frames, framesAfter: self.frames + Int64(frames), sampleRate: sampleRate) {
                    chunk.loudnessSoFar = .some(loudness.integratedLUFS)
                }
            } else {
                loudness.add(samples)
            }
            if trackActivity { activity.add(samples) }
        }
        self.frames += Int64(frames)
    }

    /// The envelope's levels, while the feed runs (on chunks the loudness stage gave energies).
    func measureEnvelope(_ chunk: inout Pass1Chunk) {
        guard let feed, !chunk.energies.isEmpty, feed.active else { return }
        chunk.samples.withUnsafeBufferPointer { feed.levels(of: $0, into: &chunk.levels) }
    }

    /// Peaks, and the limiter plan's blocks for as long as the feed runs (on chunks the stages before gave
    /// energies and levels: those stages saw it running whenever this one does, since only this one stops it).
    /// The feed's envelope interpolates every position, so where it runs the estimator only takes the sample
    /// peak; `finish` adds the envelope's highest level.
    func measurePeaks(_ chunk: Pass1Chunk) throws {
        if let feed, !chunk.energies.isEmpty, feed.active {
            try chunk.samples.withUnsafeBufferPointer { samples in
                try chunk.energies.withUnsafeBufferPointer { try feed.add(levels: chunk.levels, energies: $0, loudnessSoFar: chunk.loudnessSoFar) }
                peaks.addSamplePeak(samples)
            }
        } else {
            chunk.samples.withUnsafeBufferPointer { peaks.add($0) }
        }
    }

    /// After the pipeline and the feed finished: the true peak where the feed's envelope measured it.
    func finish() {
        if let feed { peaks.include(truePeak: Double(feed.highestLevel)) }
    }
}
