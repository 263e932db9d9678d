import Foundation
import MediaIO

/// Something in verify that looks at the output's pictures during the one full decode (the mouth track, the
/// comparison with the input): it asks for copies by time, so pictures it does not need cost nothing.
protocol OutputPictureReader: AnyObject {
    /// The copies wanted of the picture at `time` (seconds from the stream's start), `width` x `height`.
    func want(time: Double?, width: Int, height: Int) -> [PictureCopyRequest]
    /// The picture at `time` with the copies asked for (those that could be made), in decode order.
    func take(time: Double?, copies: [PictureCopy])
}

/// One pass over every packet of the output: decodes all video (threaded) and audio, checks timestamps,
/// samples each picture's luma for frozen/black runs, and keeps the audio at a low rate for alignment.
struct OutputScan {
    struct Result {
        var videoFrames = 0
        var videoStart: Double?
        var videoEnd: Double?
        var audioStart: Double?
        var audioEnd: Double?
        /// First decoded audio frame minus first decoded picture, seconds: where the audio samples sit.
        var audioLeadIn: Double = 0
        var decodeErrors = 0
        var firstErrorAt: Double?
        var lastErrorMessage: String?
        var readError: String?
        var nonMonotonic: [(stream: Int, at: Double)] = []
        var gaps: [TimeRun] = []
        var frozen: [TimeRun] = []
        var black: [TimeRun] = []
        /// Mono audio at `AudioAlignment.rate`, at most `AudioAlignment.maxSeconds` from the start.
        var alignmentAudio: [Float] = []
        /// RMS per 100 ms block of the whole audio (for silent tails).
        var blockRMS: [Float] = []
        /// The speech band's level per 10 ms of the whole audio (for the lips), from the first audio sample.
        var envelope = SpeechEnvelope(rate: AudioAlignment.rate)
        /// Set when the scan stopped at `until` on purpose.
        var stoppedEarly = false
    }

    static func run(path: String, timeout: Double, freezeSeconds: Double, blackSeconds: Double,
                    readers: [OutputPictureReader] = [], until: Double? = nil) throws -> Result {
        let file = try InputFile(path: path, options: InputOpenOptions(timeoutSeconds: timeout))
        let streams = file.streams
        let video = streams.first { $0.mediaType == .video && !$0.isAttachedPicture }
        let audio = streams.first { $0.mediaType == .audio }
        var result = Result()
        let videoDecoder = try video.map { try Decoder(file: file, streamIndex: $0.index, threads: Decoder.fullScanThreads) }
        let audioStream = try audio.map { try AudioSampleStream(file: file, streamIndex: $0.index, sampleRate: AudioAlignment.rate, channels: 1) }
        var pictures = PictureRuns(freezeSeconds: freezeSeconds, blackSeconds: blackSeconds)
        var blocks = BlockRMS(rate: AudioAlignment.rate, blockSeconds: 0.1)
        var lastDTS: [Int: Int64] = [:]
        var timeline = TimestampGaps(declaredInterval: video?.averageFrameRate.doubleValue.map { 1 / $0 })
        let packet = Packet()
        let vtb = video?.timeBase ?? Rational(0, 0)
        let atb = audio?.timeBase ?? Rational(0, 0)
        let maxAlign = AudioAlignment.rate * AudioAlignment.maxSeconds

        func takeAudio(_ samples: UnsafeBufferPointer<Float>) {
            if result.alignmentAudio.count < maxAlign {
                result.alignmentAudio.append(contentsOf: samples.prefix(maxAlign - result.alignmentAudio.count))
            }
            blocks.add(samples)
            result.envelope.add(samples)
        }
        let videoStart = video?.startTime.map { vtb.seconds($0) } ?? 0
        // Each reader's requests carry its index in the top bits of the tag, so copies go back to who asked.
        func want(_ time: Double?, _ w: Int, _ h: Int) -> [PictureCopyRequest] {
            guard !readers.isEmpty else { return [] }
            let t = time.map { $0 - videoStart }
            return readers.enumerated().flatMap { i, r in
                r.want(time: t, width: w, height: h).map { var q = $0; q.tag = i << 20 | ($0.tag & 0xFFFFF); return q }
            }
        }
        func takePictures(_ decoded: [DecodedPicture]) {
            for d in decoded {
                if !readers.isEmpty {
                    let t = d.time.map { $0 - videoStart }
                    for (i, r) in readers.enumerated() {
                        r.take(time: t, copies: d.copies.filter { $0.tag >> 20 == i }.map { var c = $0; c.tag &= 0xFFFFF; return c })
                    }
                }
                guard let g = d.grid else { continue }
                result.videoFrames += 1
                pictures.add(g)
                if let t = g.time {
                    timeline.add(t)
                    result.videoStart = min(result.videoStart ?? t, t)
                    result.videoEnd = max(result.videoEnd ?? t, t)
                }
            }
        }
        do {
            while try file.readPacket(into: packet) {
                let p = packet.info
                if let until, let pts = p.pts, p.streamIndex == video?.index, vtb.isValid, vtb.seconds(pts) - videoStart > until + 1 {
                    // A reorder delay past `until` is enough for every picture before it.
                    result.stoppedEarly = true
                    break
                }
                if let dts = p.dts {
                    if let last = lastDTS[p.streamIndex], dts < last || (dts == last && p.streamIndex == video?.index) {
                        let tb = p.streamIndex == video?.index ? vtb : atb
                        result.nonMonotonic.append((p.streamIndex, tb.isValid ? tb.seconds(dts) : 0))
                    }
                    lastDTS[p.streamIndex] = dts
                }
                if p.streamIndex == video?.index, let dec = videoDecoder {
                    // Gaps are judged on the decoded pictures' times (presentation order), not on packet PTS.
                    takePictures(dec.decodePictures(packet, timeBase: vtb, want: want))
                } else if p.streamIndex == audio?.index, let a = audioStream {
                    try a.decode(packet) { takeAudio($0) }
                }
            }
        } catch let e as MediaIOError {
            if e.endsTheRun { throw e }
            result.readError = e.reason
        }
        if let dec = videoDecoder { takePictures(dec.decodePictures(nil, timeBase: vtb, want: want)) }
        timeline.finish()
        result.gaps = timeline.gaps
        if let a = audioStream { try a.flush { takeAudio($0) } }

        // Video content ends one frame after the last picture's time.
        if let end = result.videoEnd { result.videoEnd = end + (timeline.shortestInterval ?? timeline.declaredInterval ?? 0) }
        if let a = audioStream, let audio {
            result.audioStart = a.firstFrameTime ?? audio.startTime.map { atb.seconds($0) } ?? 0
            result.audioLeadIn = (result.audioStart ?? 0) - (result.videoStart ?? 0)
            result.audioEnd = (result.audioStart ?? 0) + Double(blocks.samples) / Double(AudioAlignment.rate)
            result.decodeErrors += a.tally.errorCount
            if a.tally.hasErrors {
                result.firstErrorAt = a.tally.firstErrorPacketPTS.map { atb.seconds($0) }
                result.lastErrorMessage = a.tally.lastErrorMessage
            }
        }
        if let dec = videoDecoder {
            let t = dec.tally
            result.decodeErrors += t.errorCount
            if t.hasErrors {
                let at = t.firstErrorPacketPTS.map { vtb.seconds($0) }
                if result.firstErrorAt == nil || (at ?? .infinity) < result.firstErrorAt! { result.firstErrorAt = at }
                result.lastErrorMessage = t.lastErrorMessage ?? result.lastErrorMessage
            }
        }
        if let end = result.videoEnd { pictures.finish(at: end) }
        result.frozen = pictures.frozenRuns
        result.black = pictures.blackRuns
        result.blockRMS = blocks.values
        return result
    }
}

/// RMS of consecutive fixed-length blocks of mono audio.
struct BlockRMS {
    let blockLength: Int
    private var sum = 0.0
    private var count = 0
    private(set) var values: [Float] = []
    private(set) var samples = 0

    init(rate: Int, blockSeconds: Double) { blockLength = max(1, Int(Double(rate) * blockSeconds)) }

    mutating func add(_ x: UnsafeBufferPointer<Float>) {
        samples += x.count
        for v in x {
            sum += Double(v) * Double(v)
            count += 1
            if count == blockLength {
                values.append(Float((sum / Double(count)).squareRoot()))
                sum = 0
                count = 0
            }
        }
    }
}
