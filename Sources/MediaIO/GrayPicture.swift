import CFFmpeg

/// A small grey-level copy of a decoded picture, for cheap comparisons (loops, freezes, black runs).
public struct GrayPicture: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]
    /// Presentation time in seconds, when known.
    public let time: Double?

    /// Mean absolute difference per pixel, 0–255.
    public func meanAbsoluteDifference(_ other: GrayPicture) -> Double {
        guard width == other.width, height == other.height, !pixels.isEmpty else { return 255 }
        var sum = 0
        for i in pixels.indices { sum += abs(Int(pixels[i]) - Int(other.pixels[i])) }
        return Double(sum) / Double(pixels.count)
    }

    public var meanLevel: Double {
        pixels.isEmpty ? 0 : Double(pixels.reduce(0) { $0 + Int($1) }) / Double(pixels.count)
    }
}

/// Converts decoded frames of any pixel format to `GrayPicture`s with libswscale; owns its `SwsContext`.
final class GrayScaler {
    let width: Int
    let height: Int
    private var context: OpaquePointer?

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    deinit { sws_freeContext(context) }

    func picture(_ frame: UnsafeMutablePointer<AVFrame>, time: Double?) -> GrayPicture? {
        let f = frame.pointee
        guard f.width > 0, f.height > 0, f.format >= 0 else { return nil }
        context = sws_getCachedContext(context, f.width, f.height, AVPixelFormat(rawValue: f.format),
                                       Int32(width), Int32(height), AV_PIX_FMT_GRAY8, pf_sws_area(), nil, nil, nil)
        guard let context else { return nil }
        var pixels = [UInt8](repeating: 0, count: width * height)
        let rc = pixels.withUnsafeMutableBufferPointer { pf_scale_frame(context, frame, $0.baseAddress, Int32(width)) }
        return rc > 0 ? GrayPicture(width: width, height: height, pixels: pixels, time: time) : nil
    }
}

extension InputFile {
    /// The first and the last decodable picture of a video stream, as small grey pictures.
    /// Reads from the start to the first frame, then seeks near the end and decodes to the last one.
    public func firstAndLastPicture(streamIndex: Int, width: Int = 64, height: Int = 36) throws -> (first: GrayPicture, last: GrayPicture)? {
        let decoder = try Decoder(file: self, streamIndex: streamIndex)
        let scaler = GrayScaler(width: width, height: height)
        let tb = Rational(context.pointee.streams[streamIndex]!.pointee.time_base)
        let packet = Packet()
        var first: GrayPicture?
        func time(_ f: UnsafeMutablePointer<AVFrame>) -> Double? {
            let ts = f.pointee.best_effort_timestamp
            return ts == pf_nopts_value() || !tb.isValid ? nil : tb.seconds(ts)
        }
        while first == nil, try readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            decoder.decode(packet) { f in if first == nil { first = scaler.picture(f, time: time(f)) } }
        }
        if first == nil { decoder.flush { f in if first == nil { first = scaler.picture(f, time: time(f)) } } }
        guard let first else { return nil }

        let st = stream(at: streamIndex)
        let end: Int64
        if let d = st.duration { end = (st.startTime ?? 0) + d } else if let d = container.duration, tb.isValid {
            end = Int64(Double(d) / 1_000_000 / tb.seconds(1))
        } else { end = Int64.max / 2 }
        av_seek_frame(context, Int32(streamIndex), end, AVSEEK_FLAG_BACKWARD)
        decoder.reset()
        var last: GrayPicture? = nil
        while try readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            decoder.decode(packet) { f in last = scaler.picture(f, time: time(f)) ?? last }
        }
        decoder.flush { f in last = scaler.picture(f, time: time(f)) ?? last }
        return (first, last ?? first)
    }
}
