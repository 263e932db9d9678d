import CFFmpeg

/// Which libav demuxers may open an untrusted file.
///
/// Demuxers that read *other* files or URLs named inside the input (playlists, concat lists, image
/// sequences, session descriptions, IMF compositions...) are refused: `protocol_whitelist=file` alone
/// does not stop an HLS playlist named `x.mp4` from opening local segments.
public enum DemuxerPolicy {
    public static let indirectionDemuxers: Set<String> = [
        "hls", "applehttp", "concat", "image2", "dash", "imf", "webm_dash_manifest", "ffmetadata",
        "sdp", "rtp", "rtsp", "sap", "lavfi", "avisynth", "vapoursynth",
    ]

    /// Demuxers that accept any text as "ANSI art" video; a text file is reported as not media instead.
    public static let textArtDemuxers: Set<String> = ["tty", "bin", "xbin", "adf", "idf"]

    static let refusedDemuxers = indirectionDemuxers.union(textArtDemuxers)

    /// Every compiled-in demuxer except the refused ones, as libav's comma list for `format_whitelist`.
    public static let formatWhitelist: String = {
        var names: [String] = []
        var opaque: UnsafeMutableRawPointer? = nil
        while let fmt = av_demuxer_iterate(&opaque) {
            let name = String(cString: fmt.pointee.name)
            if name.split(separator: ",").contains(where: { refusedDemuxers.contains(String($0)) }) { continue }
            names.append(name)
        }
        return names.joined(separator: ",")
    }()

    static func isIndirection(_ demuxerName: String) -> Bool {
        demuxerName.split(separator: ",").contains { indirectionDemuxers.contains(String($0)) }
    }

    static func isTextArt(_ demuxerName: String) -> Bool {
        demuxerName.split(separator: ",").contains { textArtDemuxers.contains(String($0)) }
    }
}
