import CFFmpeg

/// Encodes interleaved float audio to a WAV (PCM 16/24-bit) or FLAC file with libavcodec/libavformat.
/// Owns the muxer, encoder, frame and packet; frees them on every path. The caller picks the path
/// (a temporary name) and renames it once `finish()` succeeded.
public final class AudioFileWriter {
    public enum Container: String, Sendable { case wav, flac }

    public let path: String
    public let container: Container
    public let bits: Int
    public let sampleRate: Int
    public let channels: Int
    public private(set) var framesWritten: Int64 = 0

    private var format: UnsafeMutablePointer<AVFormatContext>?
    private var encoder: UnsafeMutablePointer<AVCodecContext>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var stream: UnsafeMutablePointer<AVStream>?
    private var pending: [Float] = []
    private var frameSize: Int = 4096
    private var headerWritten = false
    private var finished = false

    /// Throws `MediaIOError.libav` with `invalidArgument` for bits other than 16 or 24, a rate or channel count below 1.
    public init(path: String, container: Container, bits: Int, sampleRate: Int, channels: Int) throws {
        guard bits == 16 || bits == 24, sampleRate > 0, channels > 0 else {
            throw MediaIOError.libav(path: path, operation: "setting up the \(container.rawValue) encoder", code: .invalidArgument,
                                     detail: "\(bits)-bit, \(sampleRate) Hz, \(channels) channel(s): 16 or 24 bits and a positive rate and channel count are supported")
        }
        self.path = path
        self.container = container
        self.bits = bits
        self.sampleRate = sampleRate
        self.channels = channels
        LibavLog.install()

        let codecID: AVCodecID
        switch (container, bits) {
        case (.wav, 16): codecID = AV_CODEC_ID_PCM_S16LE
        case (.wav, _): codecID = AV_CODEC_ID_PCM_S24LE
        case (.flac, _): codecID = AV_CODEC_ID_FLAC
        }
        var oc: UnsafeMutablePointer<AVFormatContext>? = nil
        try check(avformat_alloc_output_context2(&oc, nil, container.rawValue, path), "creating the \(container.rawValue) muxer")
        format = oc
        guard let codec = avcodec_find_encoder(codecID) else {
            throw MediaIOError.libav(path: path, operation: "finding the encoder", code: .encoderNotFound, detail: "")
        }
        // Each allocation is stored as soon as it is made: deinit frees whichever succeeded.
        encoder = avcodec_alloc_context3(codec)
        frame = av_frame_alloc()
        packet = av_packet_alloc()
        guard let ctx = encoder, frame != nil, packet != nil else {
            throw MediaIOError.libav(path: path, operation: "allocating the encoder", code: .noMemory, detail: "")
        }
        ctx.pointee.sample_rate = Int32(sampleRate)
        av_channel_layout_default(&ctx.pointee.ch_layout, Int32(channels))
        ctx.pointee.sample_fmt = bits == 16 ? AV_SAMPLE_FMT_S16 : AV_SAMPLE_FMT_S32
        ctx.pointee.bits_per_raw_sample = Int32(bits)
        ctx.pointee.time_base = AVRational(num: 1, den: Int32(sampleRate))
        if (oc!.pointee.oformat.pointee.flags & AVFMT_GLOBALHEADER) != 0 {
            ctx.pointee.flags |= AV_CODEC_FLAG_GLOBAL_HEADER
        }
        try check(avcodec_open2(ctx, codec, nil), "opening the \(String(cString: codec.pointee.name)) encoder")
        if ctx.pointee.frame_size > 0 { frameSize = Int(ctx.pointee.frame_size) }

        guard let st = avformat_new_stream(oc, nil) else {
            throw MediaIOError.libav(path: path, operation: "adding the audio stream", code: .noMemory, detail: "")
        }
        stream = st
        st.pointee.time_base = ctx.pointee.time_base
        try check(avcodec_parameters_from_context(st.pointee.codecpar, ctx), "copying encoder parameters")

        var pb: UnsafeMutablePointer<AVIOContext>? = nil
        var opts: OpaquePointer? = nil
        av_dict_set(&opts, "protocol_whitelist", "file", 0)
        let rc = avio_open2(&pb, "file:" + path, AVIO_FLAG_WRITE, nil, &opts)
        av_dict_free(&opts)
        try check(rc, "creating the file")
        oc!.pointee.pb = pb
        try check(avformat_write_header(oc, nil), "writing the header")
        headerWritten = true
        pending.reserveCapacity(frameSize * channels)
    }

    deinit {
        if let oc = format {
            if oc.pointee.pb != nil { avio_closep(&oc.pointee.pb) }
            avformat_free_context(oc)
        }
        avcodec_free_context(&encoder)
        av_frame_free(&frame)
        av_packet_free(&packet)
    }

    /// Closes the file without finishing it (no trailer): the caller discards or rewrites it. Later calls
    /// to `write` and `finish` do nothing.
    public func abandon() {
        finished = true
        if let oc = format, oc.pointee.pb != nil { avio_closep(&oc.pointee.pb) }
    }

    /// Appends interleaved samples (frames × channels), full scale ±1.0; values beyond are clipped.
    public func write(_ samples: UnsafeBufferPointer<Float>) throws {
        guard !finished, let base = samples.baseAddress else { return }
        var offset = 0
        let chunk = frameSize * channels
        while offset < samples.count {
            // Whole encoder frames straight from the caller's buffer; the rest waits in `pending`.
            if pending.isEmpty && samples.count - offset >= chunk {
                try encode(UnsafeBufferPointer(start: base + offset, count: chunk))
                offset += chunk
                continue
            }
            let take = min(chunk - pending.count, samples.count - offset)
            pending.append(contentsOf: UnsafeBufferPointer(start: base + offset, count: take))
            offset += take
            if pending.count == chunk {
                try pending.withUnsafeBufferPointer { try encode($0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    public func write(_ samples: [Float]) throws { try samples.withUnsafeBufferPointer { try write($0) } }

    /// Flushes the encoder, writes the trailer (WAV sizes, FLAC STREAMINFO) and closes the file.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        if !pending.isEmpty {
            try pending.withUnsafeBufferPointer { try encode($0) }
            pending.removeAll()
        }
        try drain(sending: nil)
        try check(av_write_trailer(format), "finishing the file")
        if let pb = format?.pointee.pb, pb.pointee.error < 0 {
            throw MediaIOError.libav(path: path, operation: "writing", code: AVResultCode(rawValue: pb.pointee.error), detail: "")
        }
        try check(avio_closep(&format!.pointee.pb), "closing the file")
    }

    private func encode(_ samples: UnsafeBufferPointer<Float>) throws {
        guard let frame, let encoder else { return }
        let n = samples.count / channels
        av_frame_unref(frame)
        frame.pointee.nb_samples = Int32(n)
        frame.pointee.format = encoder.pointee.sample_fmt.rawValue
        frame.pointee.sample_rate = Int32(sampleRate)
        try check(av_channel_layout_copy(&frame.pointee.ch_layout, &encoder.pointee.ch_layout), "setting the channel layout")
        try check(av_frame_get_buffer(frame, 0), "allocating a frame")
        guard let data = frame.pointee.data.0 else { return }
        if bits == 16 {
            data.withMemoryRebound(to: Int16.self, capacity: samples.count) { out in
                Self.quantise16(samples, into: out)
            }
        } else {
            data.withMemoryRebound(to: Int32.self, capacity: samples.count) { out in
                for i in 0..<samples.count { out[i] = Self.quantise24(samples[i]) << 8 }
            }
        }
        frame.pointee.pts = framesWritten
        framesWritten += Int64(n)
        try drain(sending: frame)
    }

    /// Clamps to [-1, 1], scales by 8388607 and rounds: a 24-bit sample in the low bits.
    @inline(__always)
    static func quantise24(_ x: Float) -> Int32 { Int32((max(-1, min(1, x)) * 8_388_607).rounded()) }

    /// Clamps to [-1, 1], scales by 32767 and rounds to nearest (ties to even), eight samples at a time:
    /// `Float.rounded()` is a libm call per sample, which cost as much as the rest of writing.
    static func quantise16(_ samples: UnsafeBufferPointer<Float>, into out: UnsafeMutablePointer<Int16>) {
        guard let src = samples.baseAddress else { return }
        let n = samples.count
        // Adding 1.5 * 2^23 to a float of magnitude under 2^22 rounds it to an integer held in the low
        // bits of the sum's bit pattern (the spacing of floats there is exactly 1): plain SSE2, no libm.
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let magicBits = SIMD8<Int32>(repeating: 0x4B40_0000)
        let lo = SIMD8<Float>(repeating: -1), hi = SIMD8<Float>(repeating: 1), scale = SIMD8<Float>(repeating: 32767)
        var i = 0
        while i + 8 <= n {
            var v = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self)
            v = v.replacing(with: lo, where: v .< lo).replacing(with: hi, where: v .> hi) * scale
            let w = unsafeBitCast(v + magic, to: SIMD8<Int32>.self) &- magicBits
            for k in 0..<8 { out[i + k] = Int16(truncatingIfNeeded: w[k]) }
            i += 8
        }
        while i < n {
            out[i] = Int16((max(-1, min(1, src[i])) * 32767).rounded(.toNearestOrEven))
            i += 1
        }
    }

    private func drain(sending frame: UnsafeMutablePointer<AVFrame>?) throws {
        guard let encoder, let packet, let stream else { return }
        try check(avcodec_send_frame(encoder, frame), "encoding")
        while true {
            let rc = avcodec_receive_packet(encoder, packet)
            let code = AVResultCode(rawValue: rc)
            if code == .tryAgain || code == .endOfFile { return }
            try check(rc, "encoding")
            av_packet_rescale_ts(packet, encoder.pointee.time_base, stream.pointee.time_base)
            packet.pointee.stream_index = stream.pointee.index
            try check(av_interleaved_write_frame(format, packet), "writing")
        }
    }

    private func check(_ rc: Int32, _ operation: String) throws {
        if rc < 0 {
            throw MediaIOError.libav(path: path, operation: operation, code: AVResultCode(rawValue: rc), detail: LibavLog.lastError)
        }
    }
}
