import CFFmpeg

/// One stream's facts as libavformat/libavcodec report them, copied out of the C structs.
public struct StreamParameters: Sendable {
    public var index: Int
    public var mediaType: MediaType
    public var codecName: String
    public var codecLongName: String?
    public var profile: String?
    public var codecTag: String?
    public var timeBase: Rational
    public var startTime: Int64?
    /// In `timeBase` units, after libavformat filled gaps from the container.
    public var duration: Int64?
    /// In `timeBase` units, as the header declared it before any estimation.
    public var headerDuration: Int64?
    public var frameCount: Int64?
    public var bitRate: Int64?
    public var isAttachedPicture: Bool
    public var isDefault: Bool
    public var tags: [String: String]

    // Video
    public var width: Int
    public var height: Int
    public var sampleAspectRatio: Rational?
    public var realFrameRate: Rational
    public var averageFrameRate: Rational
    public var pixelFormat: String?
    public var bitsPerComponent: Int?
    public var pixelFormatHasAlpha: Bool
    public var pixelFormatIsRGB: Bool
    public var chromaShiftW: Int
    public var chromaShiftH: Int
    public var componentCount: Int
    public var colorPrimaries: String?
    public var colorTransfer: String?
    public var colorSpace: String?
    public var colorRange: String?
    public var fieldOrder: String?
    /// `av_display_rotation_get` of the display matrix: degrees counter-clockwise, as ffprobe prints it.
    public var displayMatrixRotation: Double?
    public var hasMasteringDisplayMetadata: Bool
    public var hasContentLightLevel: Bool

    // Audio
    public var sampleRate: Int
    public var channels: Int
    public var channelLayout: String?
    public var sampleFormat: String?
    public var bitsPerRawSample: Int
    public var bitsPerCodedSample: Int
    /// Fixed bits per sample of the codec (PCM), or 0.
    public var codecBitsPerSample: Int
    public var frameSize: Int
}

extension InputFile {
    public var streamCount: Int { Int(context.pointee.nb_streams) }

    public var streams: [StreamParameters] {
        (0..<streamCount).map { stream(at: $0) }
    }

    public func stream(at i: Int) -> StreamParameters {
        let st = context.pointee.streams[i]!
        let s = st.pointee
        let par = s.codecpar.pointee
        let nopts = pf_nopts_value()
        let desc = avcodec_descriptor_get(par.codec_id)
        let type = MediaType(par.codec_type)

        var pixName: String? = nil
        var depth: Int? = nil
        var alpha = false, rgb = false
        var shiftW = 0, shiftH = 0, components = 0
        if type == .video, par.format >= 0, let pd = av_pix_fmt_desc_get(AVPixelFormat(rawValue: par.format)) {
            pixName = String(cString: pd.pointee.name)
            depth = Int(pd.pointee.comp.0.depth)
            alpha = (pd.pointee.flags & UInt64(pf_pix_fmt_flag_alpha())) != 0
            rgb = (pd.pointee.flags & UInt64(pf_pix_fmt_flag_rgb())) != 0
            shiftW = Int(pd.pointee.log2_chroma_w)
            shiftH = Int(pd.pointee.log2_chroma_h)
            components = Int(pd.pointee.nb_components)
        }
        var sampleFormatName: String? = nil
        if type == .audio, par.format >= 0, let n = av_get_sample_fmt_name(AVSampleFormat(rawValue: par.format)) {
            sampleFormatName = String(cString: n)
        }
        var layout: String? = nil
        if type == .audio, par.ch_layout.order != AV_CHANNEL_ORDER_UNSPEC {
            var buf = [CChar](repeating: 0, count: 128)
            var chl = par.ch_layout
            if av_channel_layout_describe(&chl, &buf, buf.count) > 0 { layout = String(cBuffer: buf) }
        }
        var sar: Rational? = nil
        if type == .video {
            let g = av_guess_sample_aspect_ratio(context, st, nil)
            if g.num != 0 && g.den != 0 { sar = Rational(g) }
        }
        var rotation: Double? = nil
        if let matrix = pf_stream_display_matrix(st) {
            let r = av_display_rotation_get(matrix)
            if r.isFinite { rotation = r == 0 ? 0 : r }
        }
        let tag = par.codec_tag
        var tagString: String? = nil
        if tag != 0 {
            let bytes = (0..<4).map { UInt8((tag >> (8 * UInt32($0))) & 0xff) }
            if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7f }) { tagString = String(decoding: bytes, as: UTF8.self) }
        }
        let headerDuration = i < header.streamDurations.count ? header.streamDurations[i] : nil

        return StreamParameters(
            index: i,
            mediaType: type,
            codecName: String(cString: avcodec_get_name(par.codec_id)),
            codecLongName: desc.flatMap { $0.pointee.long_name.map { String(cString: $0) } },
            profile: avcodec_profile_name(par.codec_id, par.profile).map { String(cString: $0) },
            codecTag: tagString,
            timeBase: Rational(s.time_base),
            startTime: s.start_time == nopts ? nil : s.start_time,
            duration: s.duration == nopts || s.duration <= 0 ? nil : s.duration,
            headerDuration: headerDuration,
            frameCount: s.nb_frames > 0 ? s.nb_frames : nil,
            bitRate: par.bit_rate > 0 ? par.bit_rate : nil,
            isAttachedPicture: (s.disposition & pf_disposition_attached_pic()) != 0,
            isDefault: (s.disposition & pf_disposition_default()) != 0,
            tags: Self.dictionary(s.metadata),
            width: Int(par.width),
            height: Int(par.height),
            sampleAspectRatio: sar,
            realFrameRate: Rational(s.r_frame_rate),
            averageFrameRate: Rational(s.avg_frame_rate),
            pixelFormat: pixName,
            bitsPerComponent: depth,
            pixelFormatHasAlpha: alpha,
            pixelFormatIsRGB: rgb,
            chromaShiftW: shiftW,
            chromaShiftH: shiftH,
            componentCount: components,
            colorPrimaries: par.color_primaries == AVCOL_PRI_UNSPECIFIED ? nil : av_color_primaries_name(par.color_primaries).map { String(cString: $0) },
            colorTransfer: par.color_trc == AVCOL_TRC_UNSPECIFIED ? nil : av_color_transfer_name(par.color_trc).map { String(cString: $0) },
            colorSpace: par.color_space == AVCOL_SPC_UNSPECIFIED ? nil : av_color_space_name(par.color_space).map { String(cString: $0) },
            colorRange: par.color_range == AVCOL_RANGE_UNSPECIFIED ? nil : av_color_range_name(par.color_range).map { String(cString: $0) },
            fieldOrder: Self.fieldOrderName(par.field_order),
            displayMatrixRotation: rotation,
            hasMasteringDisplayMetadata: pf_stream_has_side_data(st, AV_PKT_DATA_MASTERING_DISPLAY_METADATA) != 0,
            hasContentLightLevel: pf_stream_has_side_data(st, AV_PKT_DATA_CONTENT_LIGHT_LEVEL) != 0,
            sampleRate: Int(par.sample_rate),
            channels: Int(par.ch_layout.nb_channels),
            channelLayout: layout,
            sampleFormat: sampleFormatName,
            bitsPerRawSample: Int(par.bits_per_raw_sample),
            bitsPerCodedSample: Int(par.bits_per_coded_sample),
            codecBitsPerSample: Int(av_get_bits_per_sample(par.codec_id)),
            frameSize: Int(par.frame_size)
        )
    }

    /// The demuxer's index (`AVIndexEntry`): for MP4/MOV every sample with its byte range.
    public func indexEntries(streamIndex i: Int) -> [IndexEntry] {
        let st = context.pointee.streams[i]!
        let count = Int(avformat_index_get_entries_count(st))
        var out: [IndexEntry] = []
        out.reserveCapacity(count)
        for k in 0..<count {
            if let e = avformat_index_get_entry(st, Int32(k)) {
                out.append(IndexEntry(timestamp: e.pointee.timestamp, position: e.pointee.pos, size: Int(e.pointee.size)))
            }
        }
        return out
    }

    static func fieldOrderName(_ f: AVFieldOrder) -> String? {
        switch f {
        case AV_FIELD_PROGRESSIVE: return "progressive"
        case AV_FIELD_TT: return "tt"
        case AV_FIELD_BB: return "bb"
        case AV_FIELD_TB: return "tb"
        case AV_FIELD_BT: return "bt"
        default: return nil
        }
    }
}

/// One entry of a demuxer's index, in the stream's time base.
public struct IndexEntry: Sendable {
    public var timestamp: Int64
    public var position: Int64
    public var size: Int
}
