import CFFmpeg

/// libavcodec's MJPEG encoder for pictures of one size: RGB copies in, baseline JPEG files out (the HTML
/// report's thumbnails). Owns its `AVCodecContext`, `AVFrame`, `AVPacket` and swscale context.
public final class JPEGEncoder {
    public let width: Int
    public let height: Int
    private let quality: Int
    private var context: UnsafeMutablePointer<AVCodecContext>?
    private var frame: UnsafeMutablePointer<AVFrame>?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var scaler: OpaquePointer?
    private var pictures: Int64 = 0

    /// - Parameter quality: libavcodec's quantiser scale, 2 (largest, best) to 31 (smallest).
    public init(width: Int, height: Int, quality: Int) throws {
        self.width = width
        self.height = height
        self.quality = min(31, max(2, quality))
        guard width > 0, height > 0, let codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG) else {
            throw MediaIOError.libav(path: "", operation: "finding libavcodec's MJPEG encoder", code: .encoderNotFound, detail: "")
        }
        // Each allocation is stored as soon as it is made: deinit frees whichever succeeded.
        context = avcodec_alloc_context3(codec)
        frame = av_frame_alloc()
        packet = av_packet_alloc()
        scaler = sws_getContext(Int32(width), Int32(height), AV_PIX_FMT_RGB24, Int32(width), Int32(height), AV_PIX_FMT_YUVJ420P,
                                SWS_BICUBIC, nil, nil, nil)
        guard let ctx = context, let frame, packet != nil, scaler != nil else {
            throw MediaIOError.libav(path: "", operation: "allocating a JPEG encoder", code: .noMemory, detail: "")
        }
        ctx.pointee.width = Int32(width)
        ctx.pointee.height = Int32(height)
        ctx.pointee.pix_fmt = AV_PIX_FMT_YUVJ420P
        ctx.pointee.color_range = AVCOL_RANGE_JPEG
        ctx.pointee.time_base = AVRational(num: 1, den: 25)
        ctx.pointee.flags |= pf_codec_flag_qscale()
        ctx.pointee.global_quality = Int32(self.quality) * FF_QP2LAMBDA
        var rc = avcodec_open2(ctx, codec, nil)
        if rc >= 0 {
            frame.pointee.format = AV_PIX_FMT_YUVJ420P.rawValue
            frame.pointee.width = Int32(width)
            frame.pointee.height = Int32(height)
            frame.pointee.color_range = AVCOL_RANGE_JPEG
            rc = av_frame_get_buffer(frame, 0)
        }
        if rc < 0 {
            throw MediaIOError.libav(path: "", operation: "opening the JPEG encoder", code: AVResultCode(rawValue: rc), detail: LibavLog.lastError)
        }
    }

    deinit {
        avcodec_free_context(&context)
        av_frame_free(&frame)
        av_packet_free(&packet)
        sws_freeContext(scaler)
    }

    /// One JPEG file (SOI to EOI) of `picture`, which must be `width` x `height`.
    public func encode(_ picture: RGBPicture) throws -> [UInt8] {
        guard let ctx = context, let frame, let packet, let scaler else { return [] }
        guard picture.width == width, picture.height == height else {
            throw MediaIOError.libav(path: "", operation: "encoding a JPEG", code: .invalidArgument,
                                     detail: "a \(picture.width)x\(picture.height) picture for a \(width)x\(height) encoder")
        }
        func fail(_ rc: Int32) -> MediaIOError {
            MediaIOError.libav(path: "", operation: "encoding a JPEG", code: AVResultCode(rawValue: rc), detail: LibavLog.lastError)
        }
        var rc = av_frame_make_writable(frame)
        if rc < 0 { throw fail(rc) }
        let rows = picture.pixels.withUnsafeBufferPointer { rgb -> Int32 in
            let src: [UnsafePointer<UInt8>?] = [rgb.baseAddress, nil, nil, nil]
            let srcStride: [Int32] = [Int32(width * 3), 0, 0, 0]
            let dst: [UnsafeMutablePointer<UInt8>?] = [frame.pointee.data.0, frame.pointee.data.1, frame.pointee.data.2, nil]
            let dstStride = [frame.pointee.linesize.0, frame.pointee.linesize.1, frame.pointee.linesize.2, 0]
            return sws_scale(scaler, src, srcStride, 0, Int32(height), dst, dstStride)
        }
        guard rows > 0 else { throw fail(AVResultCode.invalidData.rawValue) }
        frame.pointee.pts = pictures
        frame.pointee.quality = ctx.pointee.global_quality
        pictures += 1
        rc = avcodec_send_frame(ctx, frame)
        if rc < 0 { throw fail(rc) }
        rc = avcodec_receive_packet(ctx, packet)
        if rc < 0 { throw fail(rc) }
        defer { av_packet_unref(packet) }
        return Array(UnsafeBufferPointer(start: packet.pointee.data, count: Int(packet.pointee.size)))
    }
}
