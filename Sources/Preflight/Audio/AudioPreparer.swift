import Foundation
import MediaIO

/// `prepare`: decode → downmix → resample (soxr) → measure → gain → true-peak limiter → trim/fit →
/// encode, written to a temporary file beside the target and renamed.
///
/// The decoded audio is spooled once to an unlinked temporary file, so later passes re-read floats
/// instead of decoding again, and memory does not grow with the input's length.
public enum AudioPreparer {
    /// Internal margin under the ceiling for the limiter: covers interpolation error and 16-bit rounding.
    static let limiterMarginDB = 0.3
    /// A limited render further than this from the target is rendered once more with the gain corrected.
    static let correctionThresholdLU = 0.1

    /// Throws `PrepareOptionsError` for options it cannot honour, else `PrepareError`.
    public static func run(input: String, output: String?, options: PrepareOptions,
                           progress: (@Sendable (String, Double) -> Void)? = nil) throws -> PrepareReport {
        try options.validate()
        // Decoders hand over a chunk every ~20 ms of audio: pass progress on only when the phase or the whole percent changes.
        let reportProgress: (@Sendable (String, Double) -> Void)? = progress.map { progress in
            let last = Locked((phase: "", percent: -1))
            return { phase, fraction in
                let percent = Int(fraction * 100)
                let changed = last.withLock { l in
                    guard l.phase != phase || l.percent != percent else { return false }
                    l = (phase, percent)
                    return true
                }
                if changed { progress(phase, fraction) }
            }
        }

        // Where the result goes, checked before any work.
        var destination: OutputTarget?
        if !options.measureOnly {
            guard let output else { throw PrepareError.outputMissing }
            destination = try checkOutput(output, codec: options.codec, inputs: [input] + (options.fitVideoPath.map { [$0] } ?? []))
        }

        // The input and its audio stream.
        let file: InputFile
        // 1 MiB of probing is plenty to identify a stream that is only decoded (libav reads 5 MB by default).
        do { file = try InputFile(path: input, options: InputOpenOptions(timeoutSeconds: options.timeoutSeconds, probeSize: 1 << 20)) } catch let e as MediaIOError {
            throw PrepareError.input(e)
        }
        let audioStreams = file.streams.filter { $0.mediaType == .audio }
        guard !audioStreams.isEmpty else { throw PrepareError.noAudioStream(path: input) }
        let source: StreamParameters
        if let i = options.streamIndex {
            guard let s = audioStreams.first(where: { $0.index == i }) else {
                throw PrepareError.noSuchStream(path: input, index: i, audioStreams: audioStreams.map(\.index))
            }
            source = s
        } else {
            source = audioStreams[0]
        }
        file.discardAllStreams(except: source.index)
        let channels = options.channels == .mono ? 1 : min(2, max(1, source.channels))
        let rate = options.sampleRate
        let declared = source.duration.map { source.timeBase.seconds($0) } ?? file.container.duration.map { Double($0) / 1e6 }

        // Pass 1: decode once into the spool, measuring loudness and where the sound starts and ends.
        let stream: AudioSampleStream
        let spool: SampleSpool
        do {
            stream = try AudioSampleStream(file: file, streamIndex: source.index, sampleRate: rate, channels: channels)
            spool = try SampleSpool(channels: channels, directory: FileManager.default.temporaryDirectory.path)
        } catch let e as MediaIOError { throw PrepareError.input(e) }
        // With nothing trimmed, the limiter's plan is built here too, for as long as the limiter may be needed.
        let ceilingDB = options.truePeakCeiling - limiterMarginDB
        var feed: LimiterPlan.Feed?
        if !options.measureOnly, !options.trimSilence, options.fitVideoPath == nil {
            let target = options.targetLUFS
            do {
                feed = try LimiterPlan.Feed(channels: channels, sampleRate: rate, directory: FileManager.default.temporaryDirectory.path) { peakDB, lufs in
                    // As the decision below, with half a dB to spare for peaks and loudness still to come; no
                    // judgement before there is a loudness to judge by.
                    guard let target else { return peakDB < ceilingDB - 1.5 }
                    guard let lufs else { return false }
                    return peakDB + target - lufs < ceilingDB - 1.5
                }
            } catch let e as MediaIOError { throw PrepareError.input(e) }
        }
        // This thread decodes; a second one meters loudness, a third finds the peaks and feeds the plan, a
        // fourth spools: stages the two cores share (decoding AAC or resampling costs more than the rest, PCM less).
        let measures = Pass1Measures(channels: channels, sampleRate: rate, thresholdDBFS: options.silenceThresholdDBFS,
                                     trackActivity: options.trimSilence, feed: feed)
        let spooling = ChunkPipeline<Pass1Chunk> { chunk in try chunk.samples.withUnsafeBufferPointer { try spool.append($0) } }
        let peaking = ChunkPipeline(next: spooling) { chunk in try measures.measurePeaks(chunk) }
        let pipeline = ChunkPipeline(next: peaking) { chunk in measures.measureLoudness(&chunk) }
        // Decoders hand over ~1024-sample frames; batches of 32k frames keep thread hand-offs rare.
        let batchSamples = 32768 * channels
        var batch = Pass1Chunk()
        batch.samples.reserveCapacity(batchSamples + 16384)
        do {
            try stream.read { chunk, time in
                batch.samples.append(contentsOf: chunk)
                if batch.samples.count >= batchSamples {
                    guard pipeline.send(batch) else { return false }
                    batch = pipeline.buffer()
                    batch.samples.reserveCapacity(batchSamples + 16384)
                }
                if let time, let d = declared, d > 0 { reportProgress?("decoding", min(1, time / d)) }
                return true
            }
            if !batch.samples.isEmpty { _ = pipeline.send(batch) }
        } catch let e as MediaIOError {
            try? pipeline.finish()
            if case .timedOut = e { throw PrepareError.input(e) }
            throw PrepareError.corruptAudio(path: input, errors: max(1, stream.tally.errors), at: nil, message: e.reason)
        }
        // The measures cannot fail: an error here is a spool's, a write to the temporary disk.
        let fedPlan: Bool
        do {
            try pipeline.finish()
            fedPlan = try feed?.finish() ?? false
        } catch {
            throw PrepareError.writeFailed(path: "temporary file", reason: (error as? MediaIOError)?.reason ?? "\(error)")
        }
        measures.finish()
        if !fedPlan { feed = nil }
        let activity = measures.activity
        let tally = stream.tally
        if tally.hasErrors {
            let tb = source.timeBase
            throw PrepareError.corruptAudio(path: input, errors: tally.errorCount,
                                            at: tally.firstErrorPacketPTS.map { tb.seconds($0 - (source.startTime ?? 0)) },
                                            message: tally.lastErrorMessage)
        }
        let totalFrames = spool.frames
        let inputLoudness = LoudnessMeasurement(measures.loudness, peaks: [measures.peaks])
        var notes: [String] = []
        var report = PrepareReport(
            input: input, output: nil, inputStream: source.index, inputCodec: source.codecName, inputSampleRate: source.sampleRate,
            inputChannels: source.channels, inputDuration: Double(totalFrames) / Double(rate), inputLoudness: inputLoudness,
            outputLoudness: nil, targetLUFS: options.targetLUFS, truePeakCeiling: options.truePeakCeiling, gainDB: 0,
            limiterEngaged: false, limiterMaxReductionDB: 0, sampleRate: rate, channels: channels, bits: options.bits,
            codec: options.codec.rawValue, outputDuration: nil, outputFrames: nil, outputBytes: nil,
            trimmedLeadingSeconds: 0, trimmedTrailingSeconds: 0, fit: nil, notes: [], decodeErrors: 0)
        if source.channels > channels {
            notes.append("downmixed \(source.channelLayout ?? "\(source.channels) channels") to \(channels == 1 ? "mono" : "stereo") with libswresample's matrix")
        }
        if source.sampleRate != rate { notes.append("resampled \(source.sampleRate) → \(rate) Hz (soxr)") }
        if options.measureOnly {
            report.notes = notes
            return report
        }

        // What to keep: trimmed silence, then fitted to the video.
        var first: Int64 = 0, end = totalFrames
        if options.trimSilence {
            if let span = activity.activeSpan(padding: 0.025) {
                first = span.lowerBound
                end = min(totalFrames, span.upperBound)
            } else {
                notes.append("no sound above \(Say.num(options.silenceThresholdDBFS)) dBFS: nothing trimmed")
            }
        }
        report.trimmedLeadingSeconds = Double(first) / Double(rate)
        report.trimmedTrailingSeconds = Double(totalFrames - end) / Double(rate)
        var targetFrames = end - first
        if let videoPath = options.fitVideoPath, let mode = options.fitMode {
            let fit = try fitTarget(videoPath: videoPath, mode: mode, contentFrames: targetFrames, rate: rate)
            report.fit = fit.action
            if mode == .cutOff, fit.frames < targetFrames {
                // The cut drops input from first + target to end: is there speech in it?
                let from = Double(first + fit.frames) / Double(rate), to = Double(end) / Double(rate)
                if case .success(let tail) = SpeechAnalysis.measure(path: input, from: from, duration: to - from) {
                    let dropped = tail.class.hasSpeech ? tail.segments.map { SpeechFigures.Segment(start: round3($0.start + from), end: round3($0.end + from)) } : []
                    report.fit?.droppedSpeech = dropped
                    let seconds = dropped.map(\.duration).reduce(0, +)
                    if let f = dropped.first, seconds > 0 {
                        report.warnings.append(String(format: "cut_off drops %.2f s of speech (from %.2f s of the input): use bounce or remap, or a longer video", seconds, f.start))
                    }
                }
            }
            targetFrames = fit.frames
        }

        // Gain to the target; the limiter only where the gain would push the true peak over the ceiling.
        var gainDB = 0.0
        if let target = options.targetLUFS {
            if let i = inputLoudness.integratedLUFS {
                gainDB = target - i
            } else {
                notes.append("no gated loudness blocks (silent, or shorter than 0.4 s): level left unchanged")
            }
        }
        let ceiling = pow(10, ceilingDB / 20)
        // Run the limiter (a no-op where nothing comes near the ceiling) whenever the predicted true peak
        // comes within 1 dB of its ceiling: estimators differ by a fraction of a dB near Nyquist.
        let keptFrames = min(end - first, targetFrames)
        var plan: LimiterPlan?
        var reachable = true
        if inputLoudness.truePeakDBTP + gainDB > ceilingDB - 1 {
            // Limiting lowers loudness: the plan predicts by how much at each gain, so one render lands on target.
            let p: LimiterPlan
            if let feed, first == 0, keptFrames == totalFrames {
                p = try LimiterPlan.make(feed: feed, count: keptFrames, sampleRate: rate, ceiling: ceiling, baseGainDB: gainDB)
            } else {
                p = try LimiterPlan.make(spool: spool, first: first, count: keptFrames, sampleRate: rate, ceiling: ceiling,
                                         baseGainDB: gainDB, directory: FileManager.default.temporaryDirectory.path)
            }
            if let target = options.targetLUFS, let i = inputLoudness.integratedLUFS {
                (gainDB, reachable) = p.gain(targetLUFS: target, inputLUFS: i)
            }
            plan = p
        }

        // Container: WAV unless it cannot fit --max-size (then FLAC, the only change allowed).
        var codec = options.codec
        let wavBytes = targetFrames * Int64(channels * options.bits / 8) + 1024
        var dest = destination!
        if let max = options.maxBytes, codec == .wav, wavBytes > max {
            if options.codecExplicit {
                throw PrepareError.tooLarge(bytes: wavBytes, limit: max, codec: "wav (FLAC not tried: --codec wav was given)")
            }
            codec = .flac
            let url = URL(fileURLWithPath: dest.path)
            if url.pathExtension.lowercased() == "wav" {
                dest = try checkOutput(url.deletingPathExtension().appendingPathExtension("flac").path, codec: .flac,
                                       inputs: [input] + (options.fitVideoPath.map { [$0] } ?? []))
            }
            notes.append("WAV would be \(wavBytes) bytes, over --max-size \(max): wrote lossless FLAC to \(URL(fileURLWithPath: dest.path).lastPathComponent) instead")
        }

        // Final pass: write to a temporary name (removed on failure, on drop and on SIGINT/SIGTERM), then rename.
        let tmp = dest.pending()
        var result: RenderResult
        do {
            // Known without measuring again: a plain gain over everything moves each figure by the gain.
            let unchanged = plan == nil && first == 0 && end == totalFrames && targetFrames >= totalFrames
            var target: RenderTarget?
            func renderToFile() throws -> RenderResult {
                target?.abandon()
                let t: RenderTarget
                if codec == .wav, FixedLengthWaveFile.fits(bits: options.bits, channels: channels, frames: targetFrames) {
                    t = .positioned(try FixedLengthWaveFile(path: tmp.path, bits: options.bits, sampleRate: rate, channels: channels,
                                                            frames: targetFrames))
                } else {
                    t = .inOrder(try AudioFileWriter(path: tmp.path, container: codec == .wav ? .wav : .flac, bits: options.bits,
                                                     sampleRate: rate, channels: channels))
                }
                target = t
                return try render(spool: spool, first: first, count: keptFrames, targetFrames: targetFrames, gainDB: gainDB,
                                  limiter: plan.map { ($0.envelope, Float(ceiling)) }, measure: !unchanged, channels: channels,
                                  rate: rate, target: t, progress: { reportProgress?("writing", $0) })
            }
            result = try renderToFile()
            // The plan's prediction is approximate (a decimated gain curve, weighting before gain): when the
            // measured output misses the target, the file is written once more with the gain corrected.
            if plan != nil, reachable, let target = options.targetLUFS, let got = result.loudness.integratedLUFS,
               abs(target - got) > correctionThresholdLU {
                gainDB += target - got
                result = try renderToFile()
            }
            if unchanged { result.loudness = inputLoudness.applying(gainDB: gainDB) }
            try target!.finish()
        } catch {
            tmp.discard()
            let reason = (error as? MediaIOError)?.reason ?? "\(error)"
            throw PrepareError.writeFailed(path: dest.path, reason: reason)
        }
        if plan != nil, !reachable, let target = options.targetLUFS, let got = result.loudness.integratedLUFS {
            notes.append(String(format: "the true-peak ceiling holds the loudness at %.1f LUFS, under the %.1f LUFS target (the peaks are too high for that loudness: lower --target-lufs or raise --true-peak)", got, target))
        }
        // Closing the spools frees their page cache page by page, and renaming over an existing output frees the
        // old one's: each takes 5–20 ms for five minutes of audio, so they run at once.
        let freed = DispatchGroup()
        var spools: [SampleSpool] = []
        for s in [spool, plan?.envelope, feed?.envelope, feed?.blocks].compactMap({ $0 }) where !spools.contains(where: { $0 === s }) {
            spools.append(s)   // the plan's envelope may be the feed's: each spool released once
        }
        for s in spools { DispatchQueue.global().async(group: freed) { s.release() } }
        defer { freed.wait() }
        let size = (try? FileManager.default.attributesOfItem(atPath: tmp.path)[.size] as? NSNumber)?.int64Value ?? 0
        if let max = options.maxBytes, size > max {
            tmp.discard()
            throw PrepareError.tooLarge(bytes: size, limit: max, codec: codec.rawValue)
        }
        do { try tmp.commit() } catch {
            throw PrepareError.writeFailed(path: dest.path, reason: "\(error)")
        }
        report.output = dest.path
        report.outputLoudness = result.loudness
        report.gainDB = gainDB
        report.limiterEngaged = result.limitedFrames > 0
        report.limiterMaxReductionDB = result.minimumGain < 1 ? -20 * log10(result.minimumGain) : 0
        report.codec = codec.rawValue
        report.outputFrames = result.frames
        report.outputDuration = Double(result.frames) / Double(rate)
        report.outputBytes = size
        if report.limiterEngaged {
            notes.append(String(format: "true-peak limiter engaged on %.2f s of audio, at most %.1f dB of reduction",
                                Double(result.limitedFrames) / Double(rate), report.limiterMaxReductionDB))
        }
        report.notes = notes
        return report
    }

    struct RenderResult {
        var loudness: LoudnessMeasurement
        var frames: Int64
        var limitedFrames: Int64
        var minimumGain: Double
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

    /// The final pass: frames [first, first + count) of the spool, times the gain and, with a limiter, the
    /// limiter's gain curve from the plan's envelope; padded with silence to `targetFrames`; written and,
    /// with `measure`, measured (`BlockLoudness` and the true-peak estimator). A long render runs in two
    /// halves on two threads, each metering its own half (cut on a 100 ms boundary, so the two meters'
    /// blocks join); into an in-order target the second half is spooled and appended once the first is
    /// written (and an unmeasured render, which would gain little, stays whole).
    static func render(spool: SampleSpool, first: Int64, count: Int64, targetFrames: Int64, gainDB: Double,
                       limiter: (envelope: SampleSpool, ceiling: Float)?, measure: Bool, channels: Int, rate: Int,
                       target: RenderTarget, progress: ((Double) -> Void)? = nil) throws -> RenderResult {
        let gain = Float(pow(10, gainDB / 20))
        let subBlock = Int64(BlockLoudness.framesPerSubBlock(sampleRate: rate))
        var positioned: FixedLengthWaveFile?
        if case .positioned(let f) = target { positioned = f }
        let spans = SignalHalves.spans(count: count, sampleRate: rate, split: measure || positioned != nil, alignment: subBlock)
        // A second of settling for the second half's gain curve (the release forgets in ~0.1 s).
        let warm = limiter != nil ? min(spans[0].count, rate) : 0
        let tail = spans.count > 1 && positioned == nil ? try SampleSpool(channels: channels, directory: FileManager.default.temporaryDirectory.path) : nil
        // Each half touches only its own meter; an in-order writer and the progress callback belong to the first.
        let shared = RenderHalves(target: target, tail: tail, progress: progress)
        var rendered = try SignalHalves.run(spans) { k, span in
            var meter = measure ? BlockLoudness(channels: channels, sampleRate: rate) : nil
            var peaks = TruePeakEstimator(channels: channels)
            var emitted: Int64 = 0
            var rendered = try renderSpan(spool: spool, first: first, span: span, warmFrom: span.lowerBound - Int64(k > 0 ? warm : 0),
                                          gain: gain, limiter: limiter, channels: channels, rate: rate) { samples in
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

    /// Frames `span` (counted from `first`) times the gain and the limiter's curve, handed to `sink` chunk by
    /// chunk. The curve starts at `warmFrom` (at most `span.lowerBound`): earlier frames only settle it.
    static func renderSpan(spool: SampleSpool, first: Int64, span: Range<Int64>, warmFrom: Int64, gain: Float,
                           limiter: (envelope: SampleSpool, ceiling: Float)?, channels: Int, rate: Int,
                           sink: (UnsafeBufferPointer<Float>) throws -> Void) throws -> RenderedSpan {
        let chunkFrames = 8192
        var audio = [Float](repeating: 0, count: chunkFrames * channels)
        var result = RenderedSpan()
        func readAudio(_ from: Int64, _ frames: Int) throws {
            let got = try audio.withUnsafeMutableBufferPointer { a in
                try spool.read(from: first + from, into: UnsafeMutableBufferPointer(rebasing: a[0..<frames * channels]))
            }
            guard got == frames else {
                throw MediaIOError.libav(path: "temporary file", operation: "reading decoded audio back", code: .invalidArgument,
                                         detail: "\(got) of \(frames) frames")
            }
        }
        guard let limiter else {
            var position = span.lowerBound
            while position < span.upperBound {
                let n = Int(min(Int64(chunkFrames), span.upperBound - position))
                try readAudio(position, n)
                if gain != 1 { audio.withUnsafeMutableBufferPointer { a in for i in 0..<n * channels { a[i] *= gain } } }
                try audio.withUnsafeBufferPointer { try sink(UnsafeBufferPointer(rebasing: $0[0..<n * channels])) }
                position += Int64(n)
            }
            return result
        }
        // Gains arrive lookAhead - 1 envelope positions late: the envelope is read ahead of the audio.
        var curve = LimiterGain(sampleRate: rate, threshold: limiter.ceiling / gain)
        var levels = [Float](repeating: 0, count: chunkFrames)
        var gains = [Float](repeating: 0, count: chunkFrames)
        var position = warmFrom     // next envelope position
        var gained = warmFrom       // next frame whose gain the curve gives
        while gained < span.upperBound {
            let n = try levels.withUnsafeMutableBufferPointer { try limiter.envelope.read(from: position, into: $0) }
            guard n > 0 else { break }
            position += Int64(n)
            let known = levels.withUnsafeBufferPointer { l in
                gains.withUnsafeMutableBufferPointer { curve.add(UnsafeBufferPointer(rebasing: l[0..<n]), gains: $0.baseAddress!) }
            }
            let lo = max(gained, span.lowerBound), hi = min(gained + Int64(known), span.upperBound)
            if hi > lo {
                let frames = Int(hi - lo), skip = Int(lo - gained)
                try readAudio(lo, frames)
                audio.withUnsafeMutableBufferPointer { a in
                    gains.withUnsafeBufferPointer { g in
                        result.apply(UnsafeBufferPointer(rebasing: g[skip..<skip + frames]), gain: gain, to: a.baseAddress!, channels: channels)
                    }
                }
                try audio.withUnsafeBufferPointer { try sink(UnsafeBufferPointer(rebasing: $0[0..<frames * channels])) }
            }
            gained += Int64(known)
        }
        guard gained >= span.upperBound else {
            throw MediaIOError.libav(path: "temporary file", operation: "reading the limiter's envelope back", code: .invalidArgument,
                                     detail: "it ends at frame \(gained), the audio at \(span.upperBound)")
        }
        return result
    }

    struct Fit { var frames: Int64; var action: PrepareReport.FitAction }

    /// The length the sync_mode wants next to this video: cut_off exactly the video (pad or trim),
    /// silence at least the video (pad), bounce/loop/remap unchanged (the output follows the audio).
    static func fitTarget(videoPath: String, mode: SyncMode, contentFrames: Int64, rate: Int) throws -> Fit {
        let video: MediaInfo
        switch MediaProbe.outcome(path: videoPath, options: ProbeOptions()) {
        case .media(let m): video = m
        case .failure(let f): throw PrepareError.fitVideo(f)
        }
        guard let v = MediaCheck.duration(video) else { throw PrepareError.fitVideoHasNoDuration(path: videoPath) }
        let videoFrames = Int64((v * Double(rate)).rounded())
        let target: Int64
        switch mode {
        case .cutOff: target = videoFrames
        case .silence: target = max(contentFrames, videoFrames)
        case .bounce, .loop, .remap: target = contentFrames
        }
        let action = target > contentFrames ? "padded" : target < contentFrames ? "trimmed" : "unchanged"
        return Fit(frames: target, action: .init(video: videoPath, videoDuration: v, mode: mode.rawValue,
                                                 targetDuration: Double(target) / Double(rate), action: action,
                                                 seconds: Double(abs(target - contentFrames)) / Double(rate)))
    }

    /// Refuses an output that is an input, not a regular file, in a missing or read-only directory, or named
    /// with an extension other than the codec's (`out.mp3` would hold WAV bytes).
    static func checkOutput(_ output: String, codec: PrepareOptions.Codec, inputs: [String]) throws -> OutputTarget {
        let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
        if !ext.isEmpty && ext != codec.rawValue {
            throw PrepareError.outputExtension(path: output, codec: codec.rawValue)
        }
        do { return try OutputTarget(output, inputs: inputs) } catch { throw PrepareError.output(error) }
    }
}

/// One batch of pass 1's audio on its way through the stages, with what the loudness stage measured for
/// the peaks stage.
struct Pass1Chunk: PipelineChunk {
    var samples: [Float] = []
    /// Per frame, the K-weighted energy (channels summed), while the limiter plan's feed runs.
    var energies: [Float] = []
    /// The integrated loudness after this chunk where the feed judges on it (`.some(nil)`: no gated block yet).
    var loudnessSoFar: Double?? = nil

    init() {}

    mutating func empty() {
        samples.removeAll(keepingCapacity: true)
        energies.removeAll(keepingCapacity: true)
        loudnessSoFar = nil
    }
}

/// What pass 1 accumulates, on two pipeline stages: loudness (and where the sound is) on one, peaks and the
/// limiter plan's feed on the next. Each stage's state is touched by its thread alone; read only after the
/// pipeline finished.
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

    /// Peaks, and the limiter plan's feed for as long as it runs (on chunks the loudness stage gave energies).
    /// The feed's envelope interpolates every position, so where it runs the estimator only takes the sample
    /// peak; `finish` adds the envelope's highest level.
    func measurePeaks(_ chunk: Pass1Chunk) throws {
        if let feed, !chunk.energies.isEmpty, feed.active {
            try chunk.samples.withUnsafeBufferPointer { samples in
                try chunk.energies.withUnsafeBufferPointer { try feed.add(samples, energies: $0, loudnessSoFar: chunk.loudnessSoFar) }
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

/// Where the sound is: first and last 10 ms window whose RMS (all channels) is above a threshold.
struct ActivityTracker {
    let channels: Int
    let window: Int
    let threshold: Double
    let sampleRate: Int
    private var sum = 0.0
    private var count = 0
    private var windowIndex: Int64 = 0
    private(set) var firstActive: Int64?
    private(set) var lastActive: Int64?

    init(channels: Int, sampleRate: Int, thresholdDBFS: Double) {
        self.channels = channels
        self.sampleRate = sampleRate
        window = max(1, sampleRate / 100)
        threshold = pow(10, thresholdDBFS / 10)
    }

    mutating func add(_ chunk: UnsafeBufferPointer<Float>) {
        var i = 0
        while i + channels <= chunk.count {
            for c in 0..<channels { sum += Double(chunk[i + c]) * Double(chunk[i + c]) }
            i += channels
            count += 1
            if count == window {
                if sum / Double(window * channels) > threshold {
                    if firstActive == nil { firstActive = windowIndex }
                    lastActive = windowIndex
                }
                windowIndex += 1
                sum = 0
                count = 0
            }
        }
    }

    /// Frames from the first to the end of the last active window, widened by `padding` seconds.
    func activeSpan(padding: Double) -> Range<Int64>? {
        guard let a = firstActive, let b = lastActive else { return nil }
        let pad = Int64(padding * Double(sampleRate))
        return max(0, a * Int64(window) - pad)..<((b + 1) * Int64(window) + pad)
    }
}
