import CFFmpeg

/// A libavcodec decoder for one stream of an `InputFile`; owns its `AVCodecContext` and `AVFrame`.
public final class Decoder {
    public let streamIndex: Int
    public let mediaType: MediaType
    private var codecContext: UnsafeMutablePointer<AVCodecContext>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private let path: String

    /// What decoding has produced so far.
    public private(set) var tally = DecodeTally()
    private var lastPacketPTS: Int64?

    /// - Parameter threads: decoding threads; 0 lets libavcodec choose (frame threading for video).
    public init(file: InputFile, streamIndex: Int, threads: Int = 1) throws {
        self.streamIndex = streamIndex
        self.path = file.path
        guard (0..<Int(file.context.pointee.nb_streams)).contains(streamIndex), let st = file.context.pointee.streams[streamIndex],
              let par = st.pointee.codecpar else {
            throw MediaIOError.libav(path: file.path, operation: "opening a decoder", code: .invalidArgument,
                                     detail: "the file has no stream \(streamIndex) (it has \(file.context.pointee.nb_streams))")
        }
        mediaType = MediaType(par.pointee.codec_type)
        guard let codec = avcodec_find_decoder(par.pointee.codec_id) else {
            throw MediaIOError.libav(path: file.path, operation: "finding a decoder for \(String(cString: avcodec_get_name(par.pointee.codec_id)))",
                                     code: .decoderNotFound, detail: "")
        }
        // Each allocation is stored as soon as it is made: deinit frees whichever succeeded.
        codecContext = avcodec_alloc_context3(codec)
        frame = av_frame_alloc()
        guard let ctx = codecContext, frame != nil else {
            throw MediaIOError.libav(path: file.path, operation: "allocating a decoder", code: .noMemory, detail: "")
        }
        var rc = avcodec_parameters_to_context(ctx, par)
        if rc >= 0 {
            ctx.pointee.pkt_timebase = st.pointee.time_base
            ctx.pointee.thread_count = Int32(threads)
            rc = avcodec_open2(ctx, codec, nil)
        }
        if rc < 0 {
            // deinit frees what was allocated.
            throw MediaIOError.libav(path: file.path, operation: "opening the decoder", code: AVResultCode(rawValue: rc),
                                     detail: LibavLog.lastError)
        }
    }

    deinit {
        avcodec_free_context(&codecContext)
        av_frame_free(&frame)
    }

    /// Decodes one packet of this stream; errors are counted, not thrown, so a scan can go on past them.
    /// Returns the timestamps of the frames it produced, in presentation order.
    @discardableResult
    public func decode(_ packet: Packet) -> [Int64] {
        send(packet.pointer, onFrame: { _ in })
    }

    /// Decodes one packet and hands each frame to `onFrame` before it is unreferenced (MediaIO-internal consumers).
    func decode(_ packet: Packet, onFrame: (UnsafeMutablePointer<AVFrame>) -> Void) {
        _ = send(packet.pointer, onFrame: onFrame)
    }

    func flush(onFrame: (UnsafeMutablePointer<AVFrame>) -> Void) {
        _ = send(nil, onFrame: onFrame)
    }

    /// Forgets buffered frames after a seek.
    func reset() {
        if let ctx = codecContext { avcodec_flush_buffers(ctx) }
    }

    var context: UnsafeMutablePointer<AVCodecContext>? { codecContext }

    /// Drains frames still buffered in the decoder.
    @discardableResult
    public func flush() -> [Int64] {
        send(nil, onFrame: { _ in })
    }

    private func send(_ pkt: UnsafeMutablePointer<AVPacket>?, onFrame: (UnsafeMutablePointer<AVFrame>) -> Void) -> [Int64] {
        var produced: [Int64] = []
        guard let ctx = codecContext, let frame else { return produced }
        let logErrorsBefore = LibavLog.errorCount
        let rc = avcodec_send_packet(ctx, pkt)
        if rc < 0 && AVResultCode(rawValue: rc) != .tryAgain && AVResultCode(rawValue: rc) != .endOfFile {
            tally.errors += 1
            tally.lastErrorMessage = LibavLog.lastError.isEmpty ? AVResultCode(rawValue: rc).message : LibavLog.lastError
            if pkt != nil, tally.firstErrorPacketPTS == nil {
                let p = pkt!.pointee.pts
                tally.firstErrorPacketPTS = p == pf_nopts_value() ? nil : p
            }
        }
        while true {
            let r = avcodec_receive_frame(ctx, frame)
            if r < 0 {
                let code = AVResultCode(rawValue: r)
                if code != .tryAgain && code != .endOfFile {
                    tally.errors += 1
                    tally.lastErrorMessage = LibavLog.lastError.isEmpty ? code.message : LibavLog.lastError
                }
                break
            }
            let f = frame.pointee
            tally.frames += 1
            tally.samples += Int64(f.nb_samples)
            let ts = f.best_effort_timestamp
            if ts != pf_nopts_value() {
                produced.append(ts)
                if tally.firstTimestamp == nil || ts < tally.firstTimestamp! { tally.firstTimestamp = ts }
                if tally.lastTimestamp == nil || ts >= tally.lastTimestamp! {
                    tally.lastTimestamp = ts
                    tally.lastFrameDuration = f.pkt_duration > 0 ? f.pkt_duration : 0
                }
            }
            if f.decode_error_flags != 0 || (f.flags & AV_FRAME_FLAG_CORRUPT) != 0 {
                // With frame threads the decoder's own log lines come from worker threads and are not
                // counted here; the flag on the frame is, and it carries the time.
                tally.corruptFrames += 1
                if tally.firstErrorPacketPTS == nil, ts != pf_nopts_value() { tally.firstErrorPacketPTS = ts }
            }
            onFrame(frame)
            av_frame_unref(frame)
        }
        // Concealed errors are only logged by some decoders (H.264 "error while decoding MB ...").
        let logged = LibavLog.errorCount - logErrorsBefore
        if logged > 0 {
            tally.loggedErrors += logged
            if tally.lastErrorMessage == nil { tally.lastErrorMessage = LibavLog.lastError }
            if tally.firstErrorPacketPTS == nil {
                let p = pkt?.pointee.pts ?? pf_nopts_value()
                tally.firstErrorPacketPTS = p == pf_nopts_value() ? lastPacketPTS : p
            }
        }
        if let pkt, pkt.pointee.pts != pf_nopts_value() { lastPacketPTS = pkt.pointee.pts }
        return produced
    }
}

/// Counts from a decode pass, in the stream's time base.
public struct DecodeTally: Sendable {
    public var frames = 0
    public var samples: Int64 = 0
    public var errors = 0
    public var loggedErrors = 0
    public var corruptFrames = 0
    public var firstTimestamp: Int64?
    public var lastTimestamp: Int64?
    /// Duration of the last frame in the stream time base (0 when the decoder did not say).
    public var lastFrameDuration: Int64 = 0
    public var firstErrorPacketPTS: Int64?
    public var lastErrorMessage: String?

    public init() {}

    /// Every kind of decode error counted: refused packets, errors libav logged, frames flagged corrupt.
    public var errorCount: Int { errors + loggedErrors + corruptFrames }
    public var hasErrors: Bool { errorCount > 0 }
}

extension InputFile {
    /// Seeks to `count` evenly spaced points of a video stream and decodes the keyframe found at each:
    /// a fast sample of decodability for triage. Returns how many decoded cleanly and how many failed.
    public func sampleKeyframes(streamIndex: Int, count: Int) throws -> (decoded: Int, failed: Int, failedAt: [Double]) {
        let st = stream(at: streamIndex)
        let tb = st.timeBase
        let start = st.startTime ?? 0
        let span: Int64
        if let d = st.duration { span = d } else if let d = container.duration, tb.isValid {
            span = Int64(Double(d) / 1e6 / tb.seconds(1))
        } else { span = 0 }
        let decoder = try Decoder(file: self, streamIndex: streamIndex, threads: 1)
        let packet = Packet()
        var decoded = 0, failed = 0
        var failedAt: [Double] = []
        for k in 0..<max(1, count) {
            let target = start + (count > 1 ? span * Int64(k) / Int64(count) : 0)
            av_seek_frame(context, Int32(streamIndex), target, AVSEEK_FLAG_BACKWARD)
            decoder.reset()
            let before = decoder.tally
            var frames = 0, read = 0
            while frames == 0, read < 64, try readPacket(into: packet) {
                guard packet.info.streamIndex == streamIndex else { continue }
                read += 1
                frames += decoder.decode(packet).count
            }
            if frames == 0 { frames += decoder.flush().count }
            let after = decoder.tally
            let errors = after.errorCount - before.errorCount
            if frames > 0 && errors == 0 { decoded += 1 } else {
                failed += 1
                failedAt.append(tb.isValid ? tb.seconds(target - start) : 0)
            }
        }
        return (decoded, failed, failedAt)
    }
}
