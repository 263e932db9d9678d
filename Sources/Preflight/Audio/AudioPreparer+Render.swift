import Foundation
import MediaIO

extension AudioPreparer {
    struct RenderResult {
        var loudness: LoudnessMeasurement
        var frames: Int64
        var limitedFrames: Int64
        var minimumGain: Double
    }

    /// The final pass into `file`: rendered once and, when a limited render lands further than
    /// `correctionThresholdLU` from `correctTo` (the plan's prediction is approximate: a decimated gain curve,
    /// weighting before gain), once more with the gain corrected. `unchangedFrom`: the input's measurement,
    /// when a plain gain over everything moves each figure by the gain and nothing is measured again.
    /// Returns the result and the gain used; the caller renames or discards the file.
    static func writeFinal(to file: PendingFile, codec: PrepareOptions.Codec, bits: Int, audio: any SampleSource, first: Int64,
                           count: Int64, targetFrames: Int64, gainDB: Double, limiterCeiling: Double?,
                           correctTo targetLUFS: Double?, unchangedFrom input: LoudnessMeasurement?, channels: Int, rate: Int,
                           cancellation: CancellationFlag?, progress: ((Double) -> Void)?) throws -> (RenderResult, gainDB: Double) {
        var gainDB = gainDB
        var target: RenderTarget?
        func renderToFile() throws -> RenderResult {
            target?.abandon()
            let t: RenderTarget
            if codec == .wav, FixedLengthWaveFile.fits(bits: bits, channels: channels, frames: targetFrames) {
                t = .positioned(try FixedLengthWaveFile(path: file.path, bits: bits, sampleRate: rate, channels: channels, frames: targetFrames))
            } else {
                t = .inOrder(try AudioFileWriter(path: file.path, container: codec == .wav ? .wav : .flac, bits: bits,
                                                 sampleRate: rate, channels: channels))
            }
            target = t
            return try render(audio: audio, first: first, count: count, targetFrames: targetFrames, gainDB: gainDB,
                              limiterCeiling: limiterCeiling.map { Float($0) }, measure: input == nil, channels: channels,
                              rate: rate, target: t, cancellation: cancellation, progress: progress)
        }
        var result = try renderToFile()
        if limiterCeiling != nil, let targetLUFS, let got = result.loudness.integratedLUFS, abs(targetLUFS - got) > correctionThresholdLU {
            gainDB += targetLUFS - got
            result = try renderToFile()
        }
        if let input { result.loudness = input.applying(gainDB: gainDB) }
        try target!.finish()
        return (result, gainDB)
    }

    /// Where a render's frames go: libavformat's muxer, in order (FLAC, or a WAV too large for RIFF's
    /// sizes), the second half waiting in a spool until the first is written; or a WAV written at frame
    /// positions, both halves at once.
    enum RenderTarget: @unchecked Sendable {
        case inOrder(AudioFileWriter)
        case positioned(FixedLengthWaveFile)

        func finish() throws {
            switch self {
            case .inOrder(let w): try w.finish()
            case .positioned(let f): try f.finish()
            }
        }

        func abandon() {
            switch self {
            case .inOrder(let w): w.abandon()
            case .positioned(let f): f.abandon()
            }
        }
    }

    /// The final pass: frames [first, first + count) of the decoded audio, times the gain and, with a limiter, the
    /// limiter's gain curve (`renderSpan`); padded with silence to `targetFrames`; written and,
    /// with `measure`, measured (`BlockLoudness` and the true-peak estimator). A long render runs in two
    /// halves on two threads, each metering its own half (cut on a 100 ms boundary, so the two meters'
    /// blocks join); into an in-order target the second half is spooled and appended once the first is
    /// written (and an unmeasured render, which would gain little, stays whole).
    static func render(audio: any SampleSource, first: Int64, count: Int64, targetFrames: Int64, gainDB: Double,
                       limiterCeiling: Float?, measure: Bool, channels: Int, rate: Int,
                       target: RenderTarget, cancellation: CancellationFlag? = nil, progress: ((Double) -> Void)? = nil) throws -> RenderResult {
        let gain = Float(pow(10, gainDB / 20))
        let subBlock = Int64(BlockLoudness.framesPerSubBlock(sampleRate: rate))
        var positioned: FixedLengthWaveFile?
        if case .positioned(let f) = target { positioned = f }
        let spans = SignalHalves.spans(count: count, sampleRate: rate, split: measure || positioned != nil, alignment: subBlock)
        // A second of settling for the second half's gain curve (the release forgets in ~0.1 s).
        let warm = limiterCeiling != nil ? min(spans[0].count, rate) : 0
        let tail = spans.count > 1 && positioned == nil ? try SampleSpool(channels: channels, directory: FileManager.default.temporaryDirectory.path) : nil
        // Each half touches only its own meter; an in-order writer and the progress callback belong to the first.
        let shared = RenderHalves(target: target, tail: tail, progress: progress)
        var rendered = try SignalHalves.run(spans) { k, span in
            var meter = measure ? BlockLoudness(channels: channels, sampleRate: rate) : nil
            var peaks = TruePeakEstimator(channels: channels)
            var emitted: Int64 = 0
            var rendered = try renderSpan(audio: audio, first: first, span: span, warmFrom: span.lowerBound - Int64(k > 0 ? warm : 0),
                                          count: count, gain: gain, limiterCeiling: limiterCeiling, channels: channels, rate: rate) { samples in
                try cancellation?.check()
                switch shared.target {
                case .positioned(let file): try file.write(samples, at: span.lowerBound + emitted)
                case .inOrder(let writer): if k == 0 { try writer.write(samples) } else { try shared.tail!.append(samples) }
                }
                if meter != nil {
                    meter!.add(samples)
                    peaks.add(samples)
                }
                emitted += Int64(samples.count / channels)
                if k == 0, let progress = shared.progress, targetFrames > 0 {
                    progress(min(1, Double(emitted) * Double(spans.count) / Double(targetFrames)))
                }
            }
            rendered.peaks = peaks
            rendered.loudness = meter
            return rendered
        }
        var emitted = spans.last!.upperBound
        if let tail, case .inOrder(let writer) = target {
            emitted = spans[0].upperBound
            try tail.read { chunk in
                try writer.write(chunk)
                return true
            }
            emitted += tail.frames
        }
        // Pad with silence up to the fitted length (measured too: it is part of the output).
        let silence = [Float](repeating: 0, count: 8192 * channels)
        while emitted < targetFrames {
            let n = Int(min(Int64(8192), targetFrames - emitted))
            try silence.withUnsafeBufferPointer { all in
                let part = UnsafeBufferPointer(rebasing: all[0..<n * channels])
                switch target {
                case .positioned(let file): try file.write(part, at: emitted)
                case .inOrder(let writer): try writer.write(part)
                }
                rendered[rendered.count - 1].loudness?.add(part)
            }
            emitted += Int64(n)
        }
        progress?(1)
        let loudness = measure
            ? LoudnessMeasurement(rendered.compactMap(\.loudness).reduce(BlockLoudness(channels: channels, sampleRate: rate)) { $0.followed(by: $1) },
                                  peaks: rendered.compactMap(\.peaks))
            : LoudnessMeasurement(integratedLUFS: nil, loudnessRangeLU: nil, samplePeakDBFS: -200, truePeakDBTP: -200)
        return RenderResult(loudness: loudness, frames: emitted, limitedFrames: rendered.map(\.limitedFrames).reduce(0, +),
                            minimumGain: Double(rendered.map(\.minimumGain).min()!))
    }

    /// What the two halves of a render share, each part used by one thread only (see `render`), but for a
    /// positioned target's writes, which are made for that.
    struct RenderHalves: @unchecked Sendable {
        let target: RenderTarget
        let tail: SampleSpool?
        let progress: ((Double) -> Void)?
    }

    struct RenderedSpan {
        var limitedFrames: Int64 = 0
        var minimumGain: Float = 1
        var peaks: TruePeakEstimator?
        var loudness: BlockLoudness?

        /// Multiplies each frame of `audio` by its limiter gain times `gain`, counting the limited frames
        /// and the deepest gain. Mono eight frames at a time: whether a frame is limited changes from frame
        /// to frame, and a branch on it mispredicted often.
        mutating func apply(_ curve: UnsafeBufferPointer<Float>, gain: Float, to audio: UnsafeMutablePointer<Float>, channels: Int) {
            let g = curve.baseAddress!, frames = curve.count
            let limit: Float = 0.99999
            var f = 0
            if channels == 1 {
                var deepest = SIMD8<Float>(repeating: 1), counted = SIMD8<Int32>(repeating: 0)
                let one = SIMD8<Int32>(repeating: 1), zero = SIMD8<Int32>(repeating: 0)
                while f + 8 <= frames {
                    let s = UnsafeRawPointer(g + f).loadUnaligned(as: SIMD8<Float>.self)
                    counted &+= zero.replacing(with: one, where: s .< limit)
                    deepest = deepest.replacing(with: s, where: s .< deepest)
                    let x = UnsafeRawPointer(audio + f).loadUnaligned(as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(audio + f).storeBytes(of: x * (s * gain), as: SIMD8<Float>.self)
                    f += 8
                }
                limitedFrames += Int64(counted.wrappedSum())
                minimumGain = min(minimumGain, deepest.min())
            }
            while f < frames {
                let s = g[f]
                if s < limit { limitedFrames += 1; minimumGain = min(minimumGain, s) }
                let k = s * gain
                for c in 0..<channels { audio[f * channels + c] *= k }
                f += 1
            }
        }
    }

    /// Frames `span` (counted from `first`; the signal is frames [first, first + `count`) of `audio`, silent
    /// outside) times the gain and the limiter's curve, handed to `sink` chunk by chunk. The curve starts at
    /// `warmFrom` (at most `span.lowerBound`): earlier frames only settle it.
    ///
    /// The limiter's `TruePeakEnvelope` is computed here from the frames read, ahead of the frames being
    /// gained (a position's level needs `firPad` frames after it, a frame's gain the levels of `lookAhead - 1`
    /// positions after it), and only where a level may reach the curve's threshold: ~10–20 ms of CPU for five
    /// minutes of mono, less than writing it out in pass 1 and reading it back, 4 bytes a frame.
    static func renderSpan(audio: any SampleSource, first: Int64, span: Range<Int64>, warmFrom: Int64, count: Int64, gain: Float,
                           limiterCeiling: Float?, channels: Int, rate: Int,
                           sink: (UnsafeBufferPointer<Float>) throws -> Void) throws -> RenderedSpan {
        let chunkFrames = 8192
        var result = RenderedSpan()
        /// Frames [from, from + frames) of the signal into `buffer` (silence past `count`).
        func read(_ from: Int64, _ frames: Int, into buffer: UnsafeMutableBufferPointer<Float>) throws {
            let real = Int(max(0, min(Int64(frames), count - from)))
            if real < frames {
                UnsafeMutableBufferPointer(rebasing: buffer[real * channels..<frames * channels]).update(repeating: 0)
            }
            guard real > 0 else { return }
            let got = try audio.read(from: first + from, into: UnsafeMutableBufferPointer(rebasing: buffer[0..<real * channels]))
            guard got == real else {
                throw MediaIOError.libav(path: "decoded audio", operation: "reading it back", code: .invalidArgument,
                                         detail: "\(got) of \(real) frames")
            }
        }
        guard let ceiling = limiterCeiling else {
            var audio = [Float](repeating: 0, count: chunkFrames * channels)
            var position = span.lowerBound
            while position < span.upperBound {
                let n = Int(min(Int64(chunkFrames), span.upperBound - position))
                try audio.withUnsafeMutableBufferPointer { try read(position, n, into: $0) }
                if gain != 1 { audio.withUnsafeMutableBufferPointer { a in for i in 0..<n * channels { a[i] *= gain } } }
                try audio.withUnsafeBufferPointer { try sink(UnsafeBufferPointer(rebasing: $0[0..<n * channels])) }
                position += Int64(n)
            }
            return result
        }
        // The envelope of `warmFrom` onwards, with the frames before it as its left context.
        let context = Int64(TruePeakEnvelope.back)
        let contextFrom = max(0, warmFrom - context)
        var before = [Float](repeating: 0, count: Int(warmFrom - contextFrom) * channels)
        try before.withUnsafeMutableBufferPointer { try read(contextFrom, Int(warmFrom - contextFrom), into: $0) }
        // Levels under the curve's threshold need the limiter nowhere (its need is 1 there), so quiet runs of
        // positions are not interpolated (they read 0; the gains are the same).
        var curve = LimiterGain(sampleRate: rate, threshold: ceiling / gain)
        var envelope = before.withUnsafeBufferPointer { TruePeakEnvelope(channels: channels, before: $0, reaching: curve.threshold) }
        // Frames read and not yet gained at the front of `audio` (`held` of them, the first frame `gained`); each
        // step reads a chunk after them. Gains lag the frames read by `firPad + lookAhead - 1`.
        let capacity = chunkFrames + TruePeakEnvelope.firPad + curve.lookAhead
        var audio = [Float](repeating: 0, count: capacity * channels)
        var held = 0
        var levels: [Float] = []
        var gains = [Float](repeating: 0, count: chunkFrames)
        var readTo = warmFrom
        var gained = warmFrom
        while gained < span.upperBound {
            try audio.withUnsafeMutableBufferPointer { a in
                let chunk = UnsafeMutableBufferPointer(rebasing: a[held * channels..<(held + chunkFrames) * channels])
                try read(readTo, chunkFrames, into: chunk)
                levels.removeAll(keepingCapacity: true)
                envelope.add(UnsafeBufferPointer(chunk), to: &levels)
            }
            readTo += Int64(chunkFrames)
            held += chunkFrames
            let known = levels.withUnsafeBufferPointer { l in
                gains.withUnsafeMutableBufferPointer { curve.add(l, gains: $0.baseAddress!) }
            }
            let lo = max(gained, span.lowerBound), hi = min(gained + Int64(known), span.upperBound)
            if hi > lo {
                let frames = Int(hi - lo), skip = Int(lo - gained)
                audio.withUnsafeMutableBufferPointer { a in
                    gains.withUnsafeBufferPointer { g in
                        result.apply(UnsafeBufferPointer(rebasing: g[skip..<skip + frames]), gain: gain,
                                     to: a.baseAddress! + skip * channels, channels: channels)
                    }
                }
                try audio.withUnsafeBufferPointer { try sink(UnsafeBufferPointer(rebasing: $0[skip * channels..<(skip + frames) * channels])) }
            }
            // The frames still waiting for their gains move to the front.
            held -= known
            audio.withUnsafeMutableBufferPointer { a in
                _ = memmove(a.baseAddress!, a.baseAddress! + known * channels, held * channels * MemoryLayout<Float>.size)
            }
            gained += Int64(known)
        }
        return result
    }
}
