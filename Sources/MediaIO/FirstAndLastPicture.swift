import CFFmpeg

extension InputFile {
    /// The first and the last decodable picture of a video stream, as luma grids: reads from the start
    /// to the first frame, then seeks near the end and decodes to the last one. Nil for pictures whose
    /// first plane is not luma (RGB), or a stream with no decodable frame.
    public func firstAndLastPicture(streamIndex: Int) throws -> (first: LumaGrid, last: LumaGrid)? {
        let decoder = try Decoder(file: self, streamIndex: streamIndex)
        let tb = Rational(context.pointee.streams[streamIndex]!.pointee.time_base)
        let packet = Packet()
        var first: LumaGrid?
        while first == nil, try readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            first = decoder.decodeSampling(packet, timeBase: tb).first
        }
        if first == nil { first = decoder.flushSampling(timeBase: tb).first }
        guard let first else { return nil }

        seekNearEnd(streamIndex: streamIndex, decoder: decoder)
        var last: LumaGrid? = nil
        while try readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            last = decoder.decodeSampling(packet, timeBase: tb).last ?? last
        }
        last = decoder.flushSampling(timeBase: tb).last ?? last
        return (first, last ?? first)
    }
}

extension InputFile {
    /// The first and the last decodable picture of a video stream as grey copies up to `maxWidth` wide
    /// (full detail for comparing a face between them). Nil when no frame decodes.
    public func firstAndLastGray(streamIndex: Int, maxWidth: Int) throws -> (first: GrayPicture, last: GrayPicture)? {
        let decoder = try Decoder(file: self, streamIndex: streamIndex)
        let st = stream(at: streamIndex)
        let tb = st.timeBase
        let packet = Packet()
        var first: GrayPicture?
        while first == nil, try readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            first = decoder.decodeGray(packet, timeBase: tb, maxWidth: maxWidth).first
        }
        if first == nil { first = decoder.decodeGray(nil, timeBase: tb, maxWidth: maxWidth).first }
        guard let first else { return nil }
        seekNearEnd(streamIndex: streamIndex, decoder: decoder)
        // Only the latest picture is kept: memory stays one picture whatever the GOP length.
        var last: GrayPicture?
        while try readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            last = decoder.decodeGray(packet, timeBase: tb, maxWidth: maxWidth).last ?? last
        }
        last = decoder.decodeGray(nil, timeBase: tb, maxWidth: maxWidth).last ?? last
        return (first, last ?? first)
    }
}

extension InputFile {
    /// Seeks to the keyframe before the stream's end (declared duration, else the container's) and empties the decoder.
    func seekNearEnd(streamIndex: Int, decoder: Decoder) {
        let st = stream(at: streamIndex)
        let tb = st.timeBase
        let end: Int64
        if let d = st.duration { end = (st.startTime ?? 0) + d } else if let d = container.duration, tb.isValid {
            end = Int64(Double(d) / 1_000_000 / tb.seconds(1))
        } else { end = Int64.max / 2 }
        av_seek_frame(context, Int32(streamIndex), end, AVSEEK_FLAG_BACKWARD)
        decoder.reset()
    }
}
