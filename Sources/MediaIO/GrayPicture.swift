import CFFmpeg

/// An 8-bit grey copy of a decoded picture, scaled down to at most `maxWidth` pixels wide with swscale
/// (area averaging): what the face detector and landmarks read.
public struct GrayPicture: Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]
    /// Presentation time in seconds, when known.
    public let time: Double?
    /// Source pixels per pixel of this picture (1 when not scaled).
    public let scale: Double
    /// Where this picture starts in the decoded frame, frame pixels (0 unless it is a crop).
    public var originX: Int = 0
    public var originY: Int = 0

    static func make(_ frame: UnsafeMutablePointer<AVFrame>, maxWidth: Int, time: Double?, originX: Int = 0, originY: Int = 0) -> GrayPicture? {
        let f = frame.pointee
        guard f.width > 0, f.height > 0 else { return nil }
        let w = min(Int(f.width), maxWidth)
        let h = max(1, Int((Double(f.height) * Double(w) / Double(f.width)).rounded()))
        guard let sws = sws_getContext(f.width, f.height, AVPixelFormat(rawValue: f.format), Int32(w), Int32(h),
                                       AV_PIX_FMT_GRAY8, w == Int(f.width) ? SWS_POINT : SWS_AREA, nil, nil, nil) else { return nil }
        defer { sws_freeContext(sws) }
        // swscale's SIMD paths may store whole blocks past the last pixel (measured for RGB24, not seen for
        // grey): the same padding as RGBPicture, trimmed after.
        let padding = 64
        var pixels = [UInt8](repeating: 0, count: w * h + padding)
        let rows = pixels.withUnsafeMutableBufferPointer { out -> Int32 in
            var dst: [UnsafeMutablePointer<UInt8>?] = [out.baseAddress, nil, nil, nil]
            var dstStride: [Int32] = [Int32(w), 0, 0, 0]
            let src: [UnsafePointer<UInt8>?] = [f.data.0, f.data.1, f.data.2, f.data.3].map { $0.map { UnsafePointer($0) } }
            let srcStride = [f.linesize.0, f.linesize.1, f.linesize.2, f.linesize.3]
            return sws_scale(sws, src, srcStride, 0, f.height, &dst, &dstStride)
        }
        guard rows > 0 else { return nil }
        pixels.removeLast(padding)
        return GrayPicture(width: w, height: h, pixels: pixels, time: time, scale: Double(f.width) / Double(w), originX: originX, originY: originY)
    }
}

extension Decoder {
    /// Decodes one packet and returns a grey picture for each frame it produced.
    public func decodeGray(_ packet: Packet?, timeBase: Rational, maxWidth: Int) -> [GrayPicture] {
        var out: [GrayPicture] = []
        let each: (UnsafeMutablePointer<AVFrame>) -> Void = { f in
            let ts = f.pointee.best_effort_timestamp
            if let p = GrayPicture.make(f, maxWidth: maxWidth, time: ts == pf_nopts_value() || !timeBase.isValid ? nil : timeBase.seconds(ts)) {
                out.append(p)
            }
        }
        if let packet { decode(packet, onFrame: each) } else { flush(onFrame: each) }
        return out
    }
}
