/// The colour description of an HD YUV video as V-COLOR-01 completes it, and the ffmpeg command that
/// writes it. Tags the file has are kept; a missing one gets what players assume for HD: BT.709 (the
/// matrix that goes with tagged BT.601/BT.2020 primaries instead), the BT.709 transfer, and limited range
/// (full for the JPEG `yuvj*` formats). Nothing is converted: only the description is added, so the
/// picture keeps the colours the user saw.
struct ColourDescription: Equatable {
    var primaries: String
    var transfer: String
    var matrix: String
    var range: String
    /// Which of primaries, transfer, matrix and range the file did not tag.
    var missing: [String]

    /// Players pick BT.709 for untagged video of at least 1280 px wide or more than 576 lines (mpv, VLC),
    /// BT.601 below; ffmpeg's RGB conversion uses BT.601 whatever the size.
    static func isHD(width: Int, height: Int) -> Bool { width >= 1280 || height > 576 }

    /// A tag outside H.273's defined values ("reserved") counts as missing.
    init(_ s: VideoStreamInfo) {
        func known(_ tag: String?, in codes: [String: Int]) -> String? { tag.flatMap { codes[$0] != nil ? $0 : nil } }
        let tagged = (primaries: known(s.colorPrimaries, in: Self.primariesCodes), transfer: known(s.colorTransfer, in: Self.transferCodes),
                      matrix: known(s.colorSpace, in: Self.matrixCodes), range: known(s.colorRange, in: ["tv": 0, "pc": 1]))
        primaries = tagged.primaries ?? "bt709"
        transfer = tagged.transfer ?? "bt709"
        matrix = tagged.matrix ?? Self.matrixForPrimaries[primaries] ?? "bt709"
        range = tagged.range ?? (s.pixelFormat?.hasPrefix("yuvj") == true ? "pc" : "tv")
        let all: [(String, String?)] = [("primaries", tagged.primaries), ("transfer", tagged.transfer), ("matrix", tagged.matrix),
                                        ("range", tagged.range)]
        missing = all.filter { $0.1 == nil }.map(\.0)
    }

    /// The matrix standardised together with each set of primaries.
    static let matrixForPrimaries = ["bt709": "bt709", "bt470bg": "bt470bg", "smpte170m": "smpte170m", "smpte240m": "smpte240m",
                                     "bt2020": "bt2020nc"]

    // ITU-T H.273 code points (the values of libavutil's AVColor* enums), for the h264/hevc_metadata filters.
    static let primariesCodes = ["bt709": 1, "bt470m": 4, "bt470bg": 5, "smpte170m": 6, "smpte240m": 7, "film": 8, "bt2020": 9,
                                 "smpte428": 10, "smpte431": 11, "smpte432": 12, "ebu3213": 22, "jedec-p22": 22]
    static let transferCodes = ["bt709": 1, "gamma22": 4, "gamma28": 5, "smpte170m": 6, "smpte240m": 7, "linear": 8, "log100": 9,
                                "log316": 10, "iec61966-2-4": 11, "bt1361e": 12, "iec61966-2-1": 13, "bt2020-10": 14, "bt2020-12": 15,
                                "smpte2084": 16, "smpte428": 17, "arib-std-b67": 18]
    static let matrixCodes = ["bt709": 1, "fcc": 4, "bt470bg": 5, "smpte170m": 6, "smpte240m": 7, "ycgco": 8, "bt2020nc": 9,
                              "bt2020c": 10, "smpte2085": 11, "chroma-derived-nc": 12, "chroma-derived-c": 13, "ictcp": 14]

    /// Containers a stream copy writes back to, by the input's extension; anything else becomes MP4.
    static let copyExtensions: Set<String> = ["mp4", "m4v", "mov", "qt", "mkv", "avi", "ts"]

    /// A command that adds the description to a `codec` stream in a file with extension `ext`: H.264 and
    /// HEVC get their VUI rewritten without re-encoding; other codecs have no such filter in ffmpeg 5.1 and
    /// are re-encoded to H.264 (what the API recommends), described but not converted.
    func fix(codec: String, fileExtension ext: String) -> String {
        let all = [("primaries", primaries), ("transfer", transfer), ("matrix", matrix), ("range", range)]
        func list(_ tags: [(String, String)]) -> String { tags.map { "\($0.0) \($0.1)" }.joined(separator: ", ") }
        let kept = all.filter { !missing.contains($0.0) }, added = all.filter { missing.contains($0.0) }
        let what = (kept.isEmpty ? "" : "keeps \(list(kept)); ") + "adds \(list(added))"
        if let filter = ["h264": "h264_metadata", "hevc": "hevc_metadata"][codec],
           let p = Self.primariesCodes[primaries], let t = Self.transferCodes[transfer], let m = Self.matrixCodes[matrix] {
            let out = Self.copyExtensions.contains(ext) ? ext : "mp4"
            return "tag the colours without re-encoding (\(what)): ffmpeg -i IN -c copy -bsf:v \(filter)=colour_primaries=\(p)"
                + ":transfer_characteristics=\(t):matrix_coefficients=\(m):video_full_range_flag=\(range == "pc" ? 1 : 0) OUT.\(out)"
        }
        return "\(codec) has no ffmpeg filter that writes colour tags: re-encode to H.264 with them, the pixels described, not converted (\(what)): "
            + "ffmpeg -i IN -c:v libx264 -crf 18 -preset slow -color_primaries \(primaries) -color_trc \(transfer) -colorspace \(matrix) "
            + "-color_range \(range) -c:a copy OUT.mp4"
    }
}
