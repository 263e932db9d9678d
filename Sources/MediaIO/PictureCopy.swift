import CFFmpeg

/// A rectangle of a picture, in the pixels of the decoded frame.
public struct PixelRect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// This rectangle moved and cut to lie inside a `width` x `height` picture; nil when nothing is left.
    public func clamped(width W: Int, height H: Int) -> PixelRect? {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(W, x + width), y1 = min(H, y + height)
        guard x1 > x0, y1 > y0 else { return nil }
        return PixelRect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }
}

/// What a scan wants copied out of one decoded picture: decided from the picture's time and size before any
/// pixel is converted, so a full decode pays for copies only where it asks for them.
public struct PictureCopyRequest: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// 8-bit grey (faces, landmarks).
        case gray
        /// 8-bit RGB, 3 bytes a pixel (colour comparisons).
        case rgb
        /// The decoded picture itself, kept (`HeldPicture`) for a copy decided later; `maxWidth` and `crop` unused.
        case held
    }

    public var kind: Kind
    /// The copy is scaled down (area averaging) to at most this many pixels wide.
    public var maxWidth: Int
    /// Part of the picture to copy, in decoded-frame pixels; nil for all of it.
    public var crop: PixelRect?
    /// The caller's label, handed back with the copy.
    public var tag: Int

    public init(kind: Kind, maxWidth: Int, crop: PixelRect? = nil, tag: Int = 0) {
        self.kind = kind
        self.maxWidth = maxWidth
        self.crop = crop
        self.tag = tag
    }
}

/// A copy made for a `PictureCopyRequest`.
public struct PictureCopy: Sendable {
    public var tag: Int
    public var kind: PictureCopyRequest.Kind
    /// Grey copies: the picture (its `originX/Y` and `scale` map it back to frame pixels).
    public var gray: GrayPicture?
    /// RGB copies: width x height x 3 bytes, rows packed.
    public var rgb: RGBPicture?
    /// `.held` requests: the picture itself.
    public var held: HeldPicture?
}

/// An 8-bit RGB copy of (part of) a decoded picture, scaled down with swscale.
public struct RGBPicture: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major R, G, B bytes, `width * 3` per row.
    public let pixels: [UInt8]
    public let time: Double?
    /// Frame pixels per pixel of this copy, and where it starts in the frame.
    public let scale: Double
    public let originX: Int
    public let originY: Int

    static func make(_ frame: UnsafeMutablePointer<AVFrame>, maxWidth: Int, time: Double?, originX: Int, originY: Int) -> RGBPicture? {
        let f = frame.pointee
        guard f.width > 0, f.height > 0 else { return nil }
        let w = max(1, min(Int(f.width), maxWidth))
        let h = max(1, Int((Double(f.height) * Double(w) / Double(f.width)).rounded()))
        guard let sws = sws_getContext(f.width, f.height, AVPixelFormat(rawValue: f.format), Int32(w), Int32(h),
                                       AV_PIX_FMT_RGB24, SWS_AREA, nil, nil, nil) else { return nil }
        defer { sws_freeContext(sws) }
        // swscale's unscaled YUV-to-RGB24 converters store whole SIMD blocks: measured up to 24 bytes past the
        // last pixel when the width is not a multiple of 16 (360x640, 317x240, 4104x2160). Pad, then trim.
        let padding = 64
        var pixels = [UInt8](repeating: 0, count: w * h * 3 + padding)
        let rows = pixels.withUnsafeMutableBufferPointer { out -> Int32 in
            var dst: [UnsafeMutablePointer<UInt8>?] = [out.baseAddress, nil, nil, nil]
            var dstStride: [Int32] = [Int32(w * 3), 0, 0, 0]
            let src: [UnsafePointer<UInt8>?] = [f.data.0, f.data.1, f.data.2, f.data.3].map { $0.map { UnsafePointer($0) } }
            let srcStride = [f.linesize.0, f.linesize.1, f.linesize.2, f.linesize.3]
            return sws_scale(sws, src, srcStride, 0, f.height, &dst, &dstStride)
        }
        guard rows > 0 else { return nil }
        pixels.removeLast(padding)
        return RGBPicture(width: w, height: h, pixels: pixels, time: time, scale: Double(f.width) / Double(w),
                          originX: originX, originY: originY)
    }
}

/// One decoded picture of a sampling decode: its luma grid (nil for RGB or palette formats), its time and
/// size, and the copies the caller asked for.
public struct DecodedPicture: Sendable {
    public var grid: LumaGrid?
    public var time: Double?
    public var width: Int
    public var height: Int
    public var copies: [PictureCopy]
}

extension PictureCopy {
    /// Makes the copy `request` asks for of `frame`; nil when the crop misses the picture or swscale fails.
    static func make(_ frame: UnsafeMutablePointer<AVFrame>, request: PictureCopyRequest, time: Double?) -> PictureCopy? {
        if request.kind == .held {
            return HeldPicture(frame, time: time).map { PictureCopy(tag: request.tag, kind: .held, held: $0) }
        }
        let W = Int(frame.pointee.width), H = Int(frame.pointee.height)
        var source = frame
        var cropped: UnsafeMutablePointer<AVFrame>?
        defer { av_frame_free(&cropped) }
        var origin = (x: 0, y: 0)
        if let want = request.crop {
            guard let r = want.clamped(width: W, height: H) else { return nil }
            if r != PixelRect(x: 0, y: 0, width: W, height: H) {
                // A new reference to the same buffers, with its data pointers moved to the rectangle: no pixel copied.
                guard let c = av_frame_clone(frame) else { return nil }
                cropped = c
                c.pointee.crop_left = Int(r.x)
                c.pointee.crop_top = Int(r.y)
                c.pointee.crop_right = Int(W - r.x - r.width)
                c.pointee.crop_bottom = Int(H - r.y - r.height)
                guard av_frame_apply_cropping(c, Int32(AV_FRAME_CROP_UNALIGNED)) >= 0 else { return nil }
                // Unaligned cropping keeps the exact left and top edge (subsampled chroma starts at the pixel pair).
                origin = (r.x, r.y)
                source = c
            }
        }
        switch request.kind {
        case .gray:
            guard let p = GrayPicture.make(source, maxWidth: request.maxWidth, time: time, originX: origin.x, originY: origin.y) else { return nil }
            return PictureCopy(tag: request.tag, kind: .gray, gray: p)
        case .rgb:
            guard let p = RGBPicture.make(source, maxWidth: request.maxWidth, time: time, originX: origin.x, originY: origin.y) else { return nil }
            return PictureCopy(tag: request.tag, kind: .rgb, rgb: p)
        case .held:
            return nil   // made above, before any cropping
        }
    }
}

extension Decoder {
    /// Decodes one packet (nil: drains the decoder) and returns, for each picture it produced, its luma grid
    /// and the copies `want` asks for given the picture's time (seconds in `timeBase`), width and height.
    public func decodePictures(_ packet: Packet?, timeBase: Rational,
                               want: (_ time: Double?, _ width: Int, _ height: Int) -> [PictureCopyRequest]) -> [DecodedPicture] {
        var out: [DecodedPicture] = []
        let each: (UnsafeMutablePointer<AVFrame>) -> Void = { f in
            let ts = f.pointee.best_effort_timestamp
            let t = ts == pf_nopts_value() || !timeBase.isValid ? nil : timeBase.seconds(ts)
            let w = Int(f.pointee.width), h = Int(f.pointee.height)
            let copies = want(t, w, h).compactMap { PictureCopy.make(f, request: $0, time: t) }
            out.append(DecodedPicture(grid: LumaGrid.sample(f, time: t), time: t, width: w, height: h, copies: copies))
        }
        if let packet { decode(packet, onFrame: each) } else { flush(onFrame: each) }
        return out
    }
}
