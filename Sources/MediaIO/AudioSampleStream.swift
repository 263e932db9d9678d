import CFFmpeg

/// Decodes one audio stream of an `InputFile` and delivers it as interleaved float samples at a chosen
/// rate and channel count, in bounded chunks: memory does not grow with the input's length.
public final class AudioSampleStream {
    public let file: InputFile
    public let streamIndex: Int
    public let sampleRate: Int
    public let channels: Int
    private let decoder: Decoder
    private let resampler: Resampler

    /// - Parameters: sampleRate/channels nil keep the stream's own.
    public init(file: InputFile, streamIndex: Int? = nil, sampleRate: Int? = nil, channels: Int? = nil) throws {
        self.file = file
        guard let index = streamIndex ?? file.streams.first(where: { $0.mediaType == .audio })?.index else {
            throw MediaIOError.libav(path: file.path, operation: "finding an audio stream", code: .invalidArgument, detail: "the file has no audio stream")
        }
        self.streamIndex = index
        let st = file.stream(at: index)
        self.sampleRate = sampleRate ?? st.sampleRate
        self.channels = channels ?? max(1, st.channels)
        decoder = try Decoder(file: file, streamIndex: index)
        resampler = Resampler(outputRate: self.sampleRate, outputChannels: self.channels, path: file.path)
    }

    /// Decode errors seen so far.
    public var tally: DecodeTally { decoder.tally }

    /// Presentation time of the first decoded frame, seconds from the file's zero (may be negative for
    /// encoder priming that no edit list hides).
    public var firstFrameTime: Double? {
        let tb = file.stream(at: streamIndex).timeBase
        return decoder.tally.firstTimestamp.flatMap { tb.isValid ? tb.seconds($0) : nil }
    }

    /// Moves to `seconds` from the stream's start (to the keyframe at or before it).
    public func seek(toSeconds seconds: Double) {
        let st = file.stream(at: streamIndex)
        guard st.timeBase.isValid else { return }
        let ts = (st.startTime ?? 0) + Int64(seconds / st.timeBase.seconds(1))
        av_seek_frame(file.context, Int32(streamIndex), ts, AVSEEK_FLAG_BACKWARD)
        decoder.reset()
    }

    /// Decodes one packet of this stream read by the caller (who drives the demuxer for several streams).
    public func decode(_ packet: Packet, _ body: (UnsafeBufferPointer<Float>) -> Void) throws {
        var failure: Error?
        decoder.decode(packet) { [resampler] frame in
            guard failure == nil else { return }
            do { try resampler.convert(frame, body) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Drains the decoder and the resampler at the end of the stream.
    public func flush(_ body: (UnsafeBufferPointer<Float>) -> Void) throws {
        var failure: Error?
        decoder.flush { [resampler] frame in
            guard failure == nil else { return }
            do { try resampler.convert(frame, body) } catch { failure = error }
        }
        if let failure { throw failure }
        try resampler.flush(body)
    }

    /// Reads to the end of the stream. `body` gets each chunk (interleaved) with the stream time in
    /// seconds of its first sample, when known; returning false stops early.
    public func read(_ body: (UnsafeBufferPointer<Float>, Double?) -> Bool) throws {
        let st = file.stream(at: streamIndex)
        let tb = st.timeBase
        let packet = Packet()
        var keepGoing = true
        var failure: Error?
        let handle: (UnsafeMutablePointer<AVFrame>) -> Void = { [resampler] frame in
            guard keepGoing, failure == nil else { return }
            let ts = frame.pointee.best_effort_timestamp
            let start: Double? = ts == pf_nopts_value() || !tb.isValid ? nil : tb.seconds(ts - (st.startTime ?? 0))
            do { try resampler.convert(frame) { keepGoing = body($0, start) } } catch { failure = error }
        }
        while keepGoing, try file.readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            decoder.decode(packet, onFrame: handle)
            if let failure { throw failure }
        }
        if keepGoing {
            decoder.flush(onFrame: handle)
            try resampler.flush { keepGoing = body($0, nil) }
        }
        if let failure { throw failure }
    }
}
