import Foundation
import MediaIO

/// `prepare`: decode → downmix → measure → gain → resample (soxr) → true-peak limiter → trim/fit →
/// encode, written to a temporary file beside the target and renamed.
///
/// The decoded audio is spooled once, at the input's rate, to an unlinked temporary file (or, for a PCM WAV
/// that already holds it, read again from the input: `DecodedAudio`), so later passes re-read floats instead
/// of decoding again, and memory does not grow with the input's length; the render converts the rate as it
/// reads (`ResampledFrames`).
public enum AudioPreparer {
    /// Internal margin under the ceiling for the limiter: covers interpolation error and 16-bit rounding.
    static let limiterMarginDB = 0.3
    /// A limited render further than this from the target is rendered once more with the gain corrected.
    static let correctionThresholdLU = 0.1

    /// Throws `PrepareOptionsError` for options it cannot honour, `CancellationError` once `cancellation` is
    /// cancelled (no file left behind), else `PrepareError`.
    public static func run(input: String, output: String?, options: PrepareOptions, cancellation: CancellationFlag? = nil,
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
            throw PrepareError.input(ProbeFailure(e))
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

        // Pass 1 decodes and measures at the input's own rate, and soxr converts only while rendering, reading the
        // input in place or a spool of what was decoded: measuring at the output's rate would put the whole
        // conversion before the gain can be known and spool the converted audio (four bytes a frame written and
        // read back). Outside the rates prepare writes, pass 1 converts as it decodes.
        let measureRate = PrepareOptions.sampleRates.contains(source.sampleRate) ? source.sampleRate : rate
        let ceilingDB = options.truePeakCeiling - limiterMarginDB
        let pass1 = try firstPass(file: file, source: source, input: input, options: options, channels: channels, rate: measureRate,
                                  ceilingDB: ceilingDB, cancellation: cancellation, progress: reportProgress)
        let decoded = pass1.audio, measures = pass1.measures, feed = pass1.feed
        let audio: any SampleSource = measureRate == rate
            ? decoded : ResampledFrames(source: decoded, inputRate: measureRate, outputRate: rate, label: "decoded audio")
        let activity = measures.activity
        let totalFrames = audio.frames
        let inputLoudness = LoudnessMeasurement(measures.loudness, peaks: [measures.peaks])
        var notes: [String] = []
        var report = PrepareReport(
            input: input, output: nil, inputStream: source.index, inputCodec: source.codecName, inputSampleRate: source.sampleRate,
            inputChannels: source.channels, inputDuration: Double(decoded.frames) / Double(measureRate), inputLoudness: inputLoudness,
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
                first = ResampledFrames.frames(span.lowerBound, from: measureRate, to: rate, roundingUp: false)
                end = min(totalFrames, ResampledFrames.frames(span.upperBound, from: measureRate, to: rate))
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
            // Made at pass 1's rate, from what pass 1 kept: the loudness the limiter takes away does not depend
            // on the rate the signal is sampled at.
            if let feed, first == 0, keptFrames == totalFrames {
                p = try LimiterPlan.make(feed: feed, count: decoded.frames, sampleRate: measureRate, ceiling: ceiling, baseGainDB: gainDB)
            } else {
                let from = ResampledFrames.frames(first, from: rate, to: measureRate, roundingUp: false)
                let frames = min(decoded.frames - from, ResampledFrames.frames(keptFrames, from: rate, to: measureRate))
                p = try LimiterPlan.make(audio: decoded, first: from, count: frames, sampleRate: measureRate, ceiling: ceiling,
                                         baseGainDB: gainDB)
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
        // Known without measuring again: a plain gain over everything moves each figure by the gain.
        // (Not after a conversion of the rate: the true peak between the new samples is not the one measured.)
        let unchanged = plan == nil && first == 0 && end == totalFrames && targetFrames >= totalFrames && measureRate == rate
        let tmp = dest.pending()
        let result: RenderResult
        do {
            (result, gainDB) = try writeFinal(to: tmp, codec: codec, bits: options.bits, audio: audio, first: first, count: keptFrames,
                                              targetFrames: targetFrames, gainDB: gainDB, limiterCeiling: plan.map { _ in ceiling },
                                              correctTo: reachable ? options.targetLUFS : nil,
                                              unchangedFrom: unchanged ? inputLoudness : nil, channels: channels, rate: rate,
                                              cancellation: cancellation, progress: { reportProgress?("writing", $0) })
        } catch is CancellationError {
            tmp.discard()
            throw CancellationError()
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
        let kept: [any SampleSource] = [audio] + (feed.map { [$0.blocks] } ?? [])
        for s in kept { DispatchQueue.global().async(group: freed) { s.release() } }
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
}
