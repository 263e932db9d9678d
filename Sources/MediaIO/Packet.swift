import CFFmpeg

/// A reusable `AVPacket`, freed on deinit.
public final class Packet {
    let pointer: UnsafeMutablePointer<AVPacket>

    public init() {
        guard let p = av_packet_alloc() else { fatalError("av_packet_alloc: out of memory") }
        pointer = p
    }

    deinit {
        var p: UnsafeMutablePointer<AVPacket>? = pointer
        av_packet_free(&p)
    }

    /// The current packet's timing and flags.
    public var info: PacketInfo {
        let p = pointer.pointee
        let nopts = pf_nopts_value()
        return PacketInfo(streamIndex: Int(p.stream_index),
                          pts: p.pts == nopts ? nil : p.pts,
                          dts: p.dts == nopts ? nil : p.dts,
                          duration: p.duration,
                          size: Int(p.size),
                          isKeyframe: (p.flags & pf_pkt_flag_key()) != 0,
                          isCorrupt: (p.flags & pf_pkt_flag_corrupt()) != 0,
                          isDiscarded: (p.flags & pf_pkt_flag_discard()) != 0,
                          position: p.pos)
    }
}

/// Timing and flags of one demuxed packet, in its stream's time base.
public struct PacketInfo: Sendable {
    public var streamIndex: Int
    public var pts: Int64?
    public var dts: Int64?
    public var duration: Int64
    public var size: Int
    public var isKeyframe: Bool
    public var isCorrupt: Bool
    /// Decoded only to prime the decoder, never shown (e.g. before an MP4 edit list's start): it yields no frame.
    public var isDiscarded: Bool
    public var position: Int64
}

extension InputFile {
    /// Reads the next packet into `packet`. Returns false at end of file.
    /// A read error other than end of file is thrown: the rest of the file cannot be reached.
    public func readPacket(into packet: Packet) throws -> Bool {
        av_packet_unref(packet.pointer)
        if isPastDeadline { throw timedOutError }
        let rc = av_read_frame(context, packet.pointer)
        if rc >= 0 { return true }
        let code = AVResultCode(rawValue: rc)
        if code == .endOfFile { return false }
        if isPastDeadline || code == .exit { throw timedOutError }
        throw MediaIOError.libav(path: path, operation: "reading packets", code: code, detail: LibavLog.lastError)
    }
}
