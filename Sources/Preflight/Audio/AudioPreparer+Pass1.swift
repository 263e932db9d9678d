import Foundation
import MediaIO

extension AudioPreparer {
    /// What pass 1 leaves: the decoded audio (`DecodedAudio`), the measures of it, and the limiter plan's feed
    /// where the feed ran to the end (nil where it gave up, was not started, or the limiter is not needed).
    struct FirstPass {
        let audio: any SampleSource
        let measures: Pass1Measures
        let feed: LimiterPlan.Feed?
    }

    /// Pass 1: decode once (at `rate`, the input's own unless it is outside the rates prepare writes), keeping
    /// the audio (`DecodedAudio`, or a WAV's own samples) and measuring loudness, peaks and where the sound
    /// starts and ends; with nothing trimmed, the limiter's plan is fed here too, for as long as the limiter
    /// may be needed.
    static func firstPass(file: InputFile, source: StreamParameters, input: String, options: PrepareOptions, channels: Int,
                          rate: Int, ceilingDB: Double, cancellation: CancellationFlag?,
                          progress: (@Sendable (String, Double) -> Void)?) throws -> FirstPass {
        let declared = source.duration.map { source.timeBase.seconds($0) } ?? file.container.duration.map { Double($0) / 1e6 }
        // A 16-bit or float PCM WAV whose samples libav's demuxer finds where `PCMWaveFrames` does is read in place
        // and not decoded at all; anything else is decoded and kept (`DecodedAudio`: compared with a WAV that may
        // hold it, else spooled).
        let reading: FirstPassSource
        do {
            let inPlace = source.sampleRate == rate && source.channels == channels
                ? PCMWaveFrames(path: input, codecName: source.codecName, channels: channels) : nil
            if let inPlace, (try? inPlace.agrees(with: file, streamIndex: source.index)) == true {
                reading = .inPlace(inPlace)
            } else {
                let stream = try AudioSampleStream(file: file, streamIndex: source.index, sampleRate: rate, channels: channels)
                if inPlace != nil { stream.seek(toSeconds: 0) }   // back before the packets the check read
                reading = .decoded(stream, try DecodedAudio(inPlace: inPlace, channels: channels,
                                                            directory: FileManager.default.temporaryDirectory.path))
            }
        } catch let e as MediaIOError { throw PrepareError.input(ProbeFailure(e)) }
        // With nothing trimmed, the limiter's plan is built here too, for as long as the limiter may be needed.
        var feed: LimiterPlan.Feed?
        if !options.measureOnly, !options.trimSilence, options.fitVideoPath == nil {
            let target = options.targetLUFS
            do {
                feed = try LimiterPlan.Feed(channels: channels, sampleRate: rate, directory: FileManager.default.temporaryDirectory.path) { peakDB, lufs in
                    // As run's decision to limit, with half a dB to spare for peaks and loudness still to come; no
                    // judgement before there is a loudness to judge by.
                    guard let target else { return peakDB < ceilingDB - 1.5 }
                    guard let lufs else { return false }
                    return peakDB + target - lufs < ceilingDB - 1.5
                }
            } catch let e as MediaIOError { throw PrepareError.input(ProbeFailure(e)) }
        }
        // This thread decodes (or reads the WAV); a second one meters loudness, a third interpolates the plan's envelope, a fourth
        // finds the peaks, builds the plan's blocks and keeps the audio (spools it, or checks that the input
        // holds it): stages the two cores share, of similar cost for a PCM input that needs the limiter
        // (decoding AAC costs more than the rest).
        let measures = Pass1Measures(channels: channels, sampleRate: rate, thresholdDBFS: options.silenceThresholdDBFS,
                                     trackActivity: options.trimSilence, feed: feed)
        let peaking = ChunkPipeline<Pass1Chunk> { chunk in
            try measures.measurePeaks(chunk)
            if case .decoded(_, let kept) = reading { try chunk.samples.withUnsafeBufferPointer { try kept.keep($0) } }
        }
        let enveloping = ChunkPipeline(next: peaking) { chunk in measures.measureEnvelope(&chunk) }
        let pipeline = ChunkPipeline(next: enveloping) { chunk in measures.measureLoudness(&chunk) }
        // Decoders hand over ~1024-sample frames; batches of 32k frames keep thread hand-offs rare.
        let batchSamples = 32768 * channels
        var batch = Pass1Chunk()
        batch.samples.reserveCapacity(batchSamples + 16384)
        switch reading {
        case .inPlace(let direct):
            // The file's own samples, in batches.
            var at: Int64 = 0
            do {
                while at < direct.frames, cancellation?.isCancelled != true {
                    batch.samples.append(contentsOf: repeatElement(0, count: Int(min(Int64(batchSamples / channels), direct.frames - at)) * channels))
                    let got = try batch.samples.withUnsafeMutableBufferPointer { try direct.read(from: at, into: $0) }
                    at += Int64(got)
                    guard got > 0, pipeline.send(batch) else { break }
                    batch = pipeline.buffer()
                    progress?("decoding", Double(at) / Double(direct.frames))
                }
            } catch let e as MediaIOError {
                try? pipeline.finish()
                throw PrepareError.input(ProbeFailure(e))
            }
        case .decoded(let stream, _):
            do {
                try stream.read { chunk, time in
                    batch.samples.append(contentsOf: chunk)
                    if batch.samples.count >= batchSamples {
                        if cancellation?.isCancelled == true { return false }
                        guard pipeline.send(batch) else { return false }
                        batch = pipeline.buffer()
                        batch.samples.reserveCapacity(batchSamples + 16384)
                    }
                    if let time, let d = declared, d > 0 { progress?("decoding", min(1, time / d)) }
                    return true
                }
                if !batch.samples.isEmpty { _ = pipeline.send(batch) }
            } catch let e as MediaIOError {
                try? pipeline.finish()
                if e.endsTheRun { throw PrepareError.input(ProbeFailure(e)) }
                throw PrepareError.corruptAudio(path: input, errors: max(1, stream.tally.errors), at: nil, message: e.reason)
            }
        }
        // The measures cannot fail: an error here is the kept audio's (a write to the temporary disk).
        let fedPlan: Bool
        do {
            try pipeline.finish()
            fedPlan = try feed?.finish() ?? false
        } catch {
            throw PrepareError.writeFailed(path: "temporary file", reason: (error as? MediaIOError)?.reason ?? "\(error)")
        }
        measures.finish()
        try cancellation?.check()
        if !fedPlan { feed = nil }
        if case .decoded(let stream, _) = reading, stream.tally.hasErrors {
            let tally = stream.tally, tb = source.timeBase
            throw PrepareError.corruptAudio(path: input, errors: tally.errorCount,
                                            at: tally.firstErrorPacketPTS.map { tb.seconds($0 - (source.startTime ?? 0)) },
                                            message: tally.lastErrorMessage)
        }
        switch reading {
        case .inPlace(let frames): return FirstPass(audio: frames, measures: measures, feed: feed)
        case .decoded(_, let kept): return FirstPass(audio: kept.finish(), measures: measures, feed: feed)
        }
    }

    /// Where pass 1's frames come from: a WAV's own samples, or a decoder whose frames are kept as they go.
    enum FirstPassSource: @unchecked Sendable {
        case inPlace(PCMWaveFrames)
        case decoded(AudioSampleStream, DecodedAudio)
    }
}
