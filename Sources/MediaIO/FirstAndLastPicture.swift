import CFFmpeg

extension InputFile {
    /// The first and the last decodable picture of a video stream, as luma grids. Nil for pictures whose
    /// first plane is not luma (RGB), or a stream with no decodable frame.
    public func firstAndLastPicture(streamIndex: Int) throws -> (first: LumaGrid, last: LumaGrid)? {
        let tb = stream(at: streamIndex).timeBase
        return try firstAndLast(streamIndex: streamIndex) { decoder, packet in
            packet.map { decoder.decodeSampling($0, timeBase: tb) } ?? decoder.flushSampling(timeBase: tb)
        }
    }

    /// The first and the last decodable picture of a video stream as grey copies up to `maxWidth` wide
    /// (full detail for comparing a face between them). Nil when no frame decodes.
    public func firstAndLastGray(streamIndex: Int, maxWidth: Int) throws -> (first: GrayPicture, last: GrayPicture)? {
        let tb = stream(at: streamIndex).timeBase
        return try firstAndLast(streamIndex: streamIndex) { decoder, packet in
            decoder.decodeGray(packet, timeBase: tb, maxWidth: maxWidth)
        }
    }

    /// Reads from the start to the first picture `decode` makes (a packet, or nil to flush), then seeks near
    /// the end and keeps the last one. Only the latest picture is kept: memory stays one picture whatever
    /// the GOP length.
    private func firstAndLast<Picture>(streamIndex: Int, decode: (Decoder, Packet?) -> [Picture]) throws
        -> (first: Picture, last: Picture)? {
        let decoder = try Decoder(file: self, streamIndex: streamIndex)
        let packet = Packet()
        var first: Picture?
        while first == nil, try readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            first = decode(decoder, packet).first
        }
        if first == nil { first = decode(decoder, nil).first }
        guard let first else { return nil }
        seekNearEnd(streamIndex: streamIndex, decoder: decoder)
        var last: Picture?
        while try readPacket(into: packet) {
            guard packet.info.streamIndex == streamIndex else { continue }
            last = decode(decoder, packet).last ?? last
        }
        last = decode(decoder, nil).last ?? last
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
