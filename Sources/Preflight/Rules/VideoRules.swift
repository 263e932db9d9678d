import Foundation

/// V-* rules of the `sync` profile: the visual input.
enum VideoRules {
    static let videoExtensions: Set<String> = ["mp4", "mov", "qt", "webm", "avi"]
    static let videoFamilies: Set<String> = ["mp4", "mov", "webm", "avi"]
    static let reencode = "ffmpeg -i IN.mp4 -c:v libx264 -profile:v high -crf 18 -preset slow -c:a copy OUT.mp4"

    static func first(_ c: RuleContext) -> VideoStreamInfo? { c.video?.video.first }

    static let all: [RuleDefinition] = [
        RuleDefinition(Rule("V-CONT-01", "Accepted video container", .error, .video,
                            check: "extension and sniffed container are MP4, MOV/QT, WebM or AVI",
                            fix: "remux or re-encode to MP4: ffmpeg -i IN -c:v libx264 -crf 18 -c:a aac OUT.mp4",
                            sources: ["MFS"], confidence: "P")) { c in
            guard let v = c.video else { return [] }
            let ext = v.container.fileExtension
            if !videoFamilies.contains(v.container.family) {
                return [RuleHit("container is \(v.container.formatLongName) (\(v.container.family)); the API accepts MP4, MOV, WebM and AVI",
                                measured: v.container.family, limit: "mp4, mov, webm, avi")]
            }
            if !videoExtensions.contains(ext) {
                return [RuleHit("file extension '.\(ext)' is not one the API accepts for video, although the content is \(v.container.family)",
                                measured: ".\(ext)", limit: ".mp4 .mov .qt .webm .avi",
                                fix: "rename the file to .\(v.container.family == "mov" ? "mov" : v.container.family)")]
            }
            return []
        },
        RuleDefinition(Rule("V-CONT-02", "MP4 recommended", .info, .video,
                            check: "container is MP4", fix: "ffmpeg -i IN -c copy OUT.mp4 (or re-encode if the codecs do not fit MP4)",
                            sources: ["MFS"], confidence: "P")) { c in
            guard let v = c.video, v.container.family != "mp4" else { return [] }
            return [RuleHit("container is \(v.container.family); MP4 is the recommended container", measured: v.container.family, limit: "mp4")]
        },
        RuleDefinition(Rule("V-STREAM-01", "Video stream present", .error, .video,
                            check: "at least one video stream (cover art does not count)",
                            fix: "use the file that has the picture; an audio-only file cannot be the visual input",
                            sources: ["EH"], confidence: "P")) { c in
            guard let v = c.video, !v.summary.hasVideo else { return [] }
            return [RuleHit("no video stream in the file (\(v.summary.audioStreams) audio, \(v.summary.otherStreams) other)", measured: "0 video streams", limit: "≥ 1")]
        },
        RuleDefinition(Rule("V-META-01", "Video duration readable", .error, .video,
                            check: "container or stream duration present and > 0 (generation_media_metadata_missing otherwise)",
                            fix: "remux so the muxer writes a duration: ffmpeg -i IN.webm -c copy OUT.webm (or OUT.mp4 with -c:v libx264 -c:a aac)",
                            sources: ["EH"], confidence: "P")) { c in
            guard let v = c.video, v.summary.hasVideo else { return [] }
            let d = v.duration?.seconds ?? v.video.first?.duration?.seconds
            if d == nil || d! <= 0 {
                return [RuleHit("the video declares no duration (typical of browser MediaRecorder WebM); the API answers generation_media_metadata_missing",
                                measured: "none", limit: "> 0 s")]
            }
            return []
        },
        RuleDefinition(Rule("V-DEC-01", "Video decodes", .error, .video,
                            check: "FFmpeg 5.1 has a decoder for the video stream and its first packets decode to a picture (the whole stream with --exact)",
                            fix: "re-encode with an FFmpeg that decodes it: ffmpeg -i IN -c:v libx264 -crf 18 -c:a aac OUT.mp4",
                            sources: [], confidence: "D")) { c in
            guard let v = c.video, let s = first(c) else { return [] }
            return StreamDecodability.hits(v, stream: s.index, what: "video", reencode: "H.264")
        },
        RuleDefinition(Rule("V-META-02", "Video frame rate readable", .error, .video,
                            check: "r_frame_rate or avg_frame_rate is not 0/0",
                            fix: "re-encode with an explicit rate: ffmpeg -i IN -vf fps=25 -c:v libx264 -crf 18 -c:a copy OUT.mp4",
                            sources: ["EH"], confidence: "P")) { c in
            guard let s = first(c), s.frameRate == nil else { return [] }
            return [RuleHit("the video declares no frame rate (r_frame_rate \(s.rFrameRate), avg_frame_rate \(s.avgFrameRate))",
                            measured: s.avgFrameRate, limit: "a known rate")]
        },
        RuleDefinition(Rule("V-RES-01", "Maximum resolution", .error, .video,
                            check: "max(w,h) ≤ video.maxSide and w·h ≤ video.maxPixels (4096, 4096x2160)",
                            fix: "downscale: ffmpeg -i IN -vf \"scale='if(gt(iw,ih),min(1920,iw),-2)':'if(gt(iw,ih),-2,min(1920,ih))'\" -c:v libx264 -crf 18 -c:a copy OUT.mp4",
                            sources: ["MFS", "COMFY"], confidence: "P")) { c in
            guard let s = first(c) else { return [] }
            let maxSide = c.thresholds[.videoMaxSide], maxPixels = c.thresholds[.videoMaxPixels]
            if Double(max(s.width, s.height)) > maxSide || Double(s.width * s.height) > maxPixels {
                return [RuleHit("\(s.width)x\(s.height) is above 4K: the API rejects more than \(Say.num(maxSide)) px a side or \(Say.num(maxPixels)) pixels",
                                measured: "\(s.width)x\(s.height)", limit: "max side \(Say.num(maxSide)), \(Say.num(maxPixels)) px")]
            }
            return []
        },
        RuleDefinition(Rule("V-RES-02", "Minimum resolution", .warning, .video,
                            check: "min(w,h) ≥ video.minSide (480)",
                            fix: "use a higher-resolution source; upscaling does not add face detail",
                            sources: ["TS"], confidence: "P")) { c in
            guard let s = first(c) else { return [] }
            let minSide = c.thresholds[.videoMinSide]
            if Double(min(s.width, s.height)) < minSide {
                return [RuleHit("\(s.width)x\(s.height) is below \(Say.num(minSide))p: faces will be small and soft",
                                measured: "\(min(s.width, s.height))p", limit: "≥ \(Say.num(minSide))p")]
            }
            return []
        },
        RuleDefinition(Rule("V-RES-03", "Recommended resolution", .info, .video,
                            check: "short side about video.recommendedHeight (1080); above it lipsync-2 models gain no face detail",
                            fix: "downscale to 1080p to upload less: ffmpeg -i IN -vf scale=-2:1080 -c:v libx264 -crf 18 -c:a copy OUT.mp4",
                            sources: ["MFS", "GT"], confidence: "P")) { c in
            guard let s = first(c), c.model != .sync3 else { return [] }
            let rec = c.thresholds[.videoRecommendedHeight]
            if Double(min(s.width, s.height)) > rec {
                return [RuleHit("\(s.width)x\(s.height) is above \(Say.num(rec))p: \(c.model.rawValue) works on a 512x512 face crop, so the extra pixels only cost upload and processing time",
                                measured: "\(min(s.width, s.height))p", limit: "\(Say.num(rec))p")]
            }
            return []
        },
        RuleDefinition(Rule("V-FPS-01", "Constant frame rate", .warning, .video,
                            check: "frame timestamps are evenly spaced (MP4 sample table, or every packet with --exact)",
                            fix: "convert to constant frame rate: ffmpeg -i IN -vf fps=25 -c:v libx264 -crf 18 -c:a copy OUT.mp4",
                            sources: ["MFS"], confidence: "P")) { c in
            guard let s = first(c), s.frameRateMode.kind == .variable else { return [] }
            var measured = "r \(s.rFrameRate), avg \(s.avgFrameRate)"
            if let lo = s.frameRateMode.minInterval, let hi = s.frameRateMode.maxInterval {
                measured = String(format: "frame intervals %.1f–%.1f ms", lo * 1000, hi * 1000)
            }
            let basis = s.frameRateMode.basis == .header ? " (from r_frame_rate ≠ avg_frame_rate; run with --exact to confirm)" : ""
            return [RuleHit("variable frame rate: \(measured)\(basis); VFR is a classic cause of audio/video drift",
                            measured: measured, limit: "constant")]
        },
        RuleDefinition(Rule("V-FPS-02", "Standard frame rate", .warning, .video,
                            check: "24, 25 or 30 fps (23.976 and 29.97 are info)",
                            fix: "ffmpeg -i IN -vf fps=25 -c:v libx264 -crf 18 -c:a copy OUT.mp4",
                            sources: ["MFS"], confidence: "P")) { c in
            guard let s = first(c), let f = s.frameRate else { return [] }
            if [24.0, 25, 30].contains(where: { abs($0 - f) < 0.01 }) { return [] }
            if [24000.0 / 1001, 30000.0 / 1001].contains(where: { abs($0 - f) < 0.01 }) {
                return [RuleHit("\(Say.fps(f)) is the NTSC variant of a recommended rate; fine, but 24/25/30 are what sync recommends",
                                measured: Say.fps(f), limit: "24, 25, 30 fps", severity: .info)]
            }
            return [RuleHit("\(Say.fps(f)) is not one of the recommended constant 24, 25 or 30 fps", measured: Say.fps(f), limit: "24, 25, 30 fps")]
        },
        RuleDefinition(Rule("V-CODEC-01", "Video codec", .info, .video,
                            check: "H.264 loses least in the API's transcode; HEVC/MPEG-2 lose more, VP9/AV1 most (warning)",
                            fix: reencode, sources: ["MFS", "SKILL3P"], confidence: "P")) { c in
            guard let s = first(c), s.codec != "h264" else { return [] }
            let heavy = ["vp9", "av1", "vp8"].contains(s.codec)
            return [RuleHit("video codec is \(s.codec); H.264 High survives the API's transcode best\(heavy ? " (VP9/AV1 reportedly lose 20% or more)" : "")",
                            measured: s.codec, limit: "h264", severity: heavy ? .warning : nil)]
        },
        RuleDefinition(Rule("V-BITRATE-01", "Video bit rate", .info, .video,
                            check: "average bit rate not far below the recommended ~50 Mbps at 1080p (scaled by pixel count)",
                            fix: "export from the original at a higher quality (e.g. -crf 16)", sources: ["MFS"], confidence: "P")) { c in
            guard let v = c.video, let s = first(c), let rate = s.bitRate ?? v.bitRate, s.width > 0 else { return [] }
            let rec = c.thresholds[.videoRecommendedBitrate] * Double(s.width * s.height) / (1920 * 1080)
            if Double(rate) < rec * c.thresholds[.videoLowBitrateFraction] {
                return [RuleHit(String(format: "video bit rate %.2f Mbps is far below the ~%.1f Mbps recommended for %dx%d; compression artefacts will be transcoded again",
                                       Double(rate) / 1e6, rec / 1e6, s.width, s.height),
                                measured: String(format: "%.2f Mbps", Double(rate) / 1e6), limit: String(format: "~%.1f Mbps", rec / 1e6))]
            }
            return []
        },
        RuleDefinition(Rule("V-HDR-01", "HDR or high bit depth", .warning, .video,
                            check: "bit depth > 8, PQ/HLG transfer or BT.2020 primaries are converted to 8-bit SDR",
                            fix: "tone-map to SDR yourself to control the look: ffmpeg -i IN -vf zscale=t=linear:npl=100,format=gbrpf32le,zscale=p=bt709,tonemap=hable,zscale=t=bt709:m=bt709:r=tv,format=yuv420p -c:v libx264 -crf 18 -c:a copy OUT.mp4",
                            sources: ["MFS"], confidence: "P")) { c in
            guard let s = first(c) else { return [] }
            var why: [String] = []
            if let d = s.bitDepth, d > 8 { why.append("\(d)-bit") }
            if let h = s.hdrFormat { why.append(h) }
            if s.colorPrimaries == "bt2020" { why.append("BT.2020 primaries") }
            guard !why.isEmpty else { return [] }
            return [RuleHit("\(why.joined(separator: ", ")) video is normalised to 8-bit SDR by the API; grading may shift",
                            measured: why.joined(separator: ", "), limit: "8-bit SDR")]
        },
        RuleDefinition(Rule("V-ALPHA-01", "Alpha channel", .warning, .video,
                            check: "pixel format with alpha (or WebM alpha_mode) is replaced by a solid background",
                            fix: "composite onto the background you want first: ffmpeg -f lavfi -i color=black:s=WxH -i IN -filter_complex \"[0][1]overlay=shortest=1,format=yuv420p\" -c:v libx264 -crf 18 OUT.mp4",
                            sources: ["MFS"], confidence: "P")) { c in
            guard let s = first(c), s.hasAlpha else { return [] }
            return [RuleHit("the video has an alpha channel (\(s.pixelFormat ?? "?")); the API drops it and fills a solid background",
                            measured: s.pixelFormat ?? "alpha", limit: "no alpha")]
        },
        RuleDefinition(Rule("V-COLOR-01", "Colour matrix of HD video", .info, .video,
                            check: "an HD YUV video (≥ 1280 px wide or > 576 lines) tags its colour matrix. Untagged HD is shown as BT.709 by players "
                                + "but converted to RGB as BT.601 by ffmpeg, which the API's pipeline uses: skin tones shift. Not reported (derived): "
                                + "SD video, which both read as BT.601; RGB and grey video; untagged primaries, transfer or range alone, which do not "
                                + "change an 8-bit SDR conversion. Tagged BT.601 is not converted to BT.709: the pipeline reads the tags",
                            fix: "add the missing tags and keep those the file has, without re-encoding for H.264/HEVC (-c copy -bsf:v h264_metadata=... "
                                + "or hevc_metadata=...), else by re-encoding to H.264 with -colorspace/-color_primaries/-color_trc/-color_range; "
                                + "each finding gives the command for its file",
                            sources: ["MFS-nav"], confidence: "P")) { c in
            guard let s = first(c), s.colorSpace == nil, s.chromaSubsampling?.hasPrefix("4:") == true,
                  ColourDescription.isHD(width: s.width, height: s.height) else { return [] }
            let tags = ColourDescription(s)
            let others = tags.missing.filter { $0 != "matrix" }
            return [RuleHit("colour matrix not tagged on \(s.width)x\(s.height) video\(others.isEmpty ? "" : " (also untagged: \(others.joined(separator: ", ")))"): "
                            + "players show it as BT.709, ffmpeg-based pipelines like the API's convert it as BT.601, so colours can shift",
                            measured: "untagged: " + tags.missing.joined(separator: ", "), limit: "matrix tagged",
                            fix: tags.fix(codec: s.codec, fileExtension: c.video?.container.fileExtension ?? "mp4"))]
        },
        RuleDefinition(Rule("V-CHROMA-01", "Chroma subsampling of a master", .info, .video,
                            check: "4:2:2 video, which comes from an editing or camera-master pipeline that can usually export 4:4:4 for the API's "
                                + "RGB pipeline. 4:2:0 is not reported: nearly every delivery file and the API's own H.264 output are 4:2:0, and "
                                + "converting a file to 4:4:4 afterwards gains nothing",
                            fix: "when colour edges matter (keying, compositing), export 4:4:4 from the master, e.g. -c:v libx264 -profile:v high444 "
                                + "-pix_fmt yuv444p; converting this file does not help",
                            sources: ["MFS-nav"], confidence: "P")) { c in
            guard let s = first(c), s.chromaSubsampling == "4:2:2" else { return [] }
            return [RuleHit("chroma is 4:2:2 (\(s.pixelFormat ?? "?")), a master format: a 4:4:4 export from the same source keeps fine colour edges the API's RGB pipeline would otherwise upsample",
                            measured: "4:2:2", limit: "4:4:4 preferred")]
        },
        RuleDefinition(Rule("V-ROT-01", "Rotation metadata", .warning, .video,
                            check: "no display-matrix rotation (nothing documents how the API treats it)",
                            fix: "bake the rotation into the pixels: ffmpeg -i IN -c:v libx264 -crf 18 -c:a copy OUT.mp4 (ffmpeg applies it when re-encoding)",
                            sources: ["FAQ"], confidence: "D")) { c in
            guard let s = first(c), let r = s.displayRotationClockwise, r != 0 else { return [] }
            return [RuleHit("the video is stored \(s.width)x\(s.height) and rotated \(r)° clockwise on display (display matrix \(Say.num(s.rotation ?? 0))°)",
                            measured: "\(r)°", limit: "0°")]
        },
        RuleDefinition(Rule("V-INTL-01", "Interlacing", .warning, .video,
                            check: "field order is progressive",
                            fix: "deinterlace: ffmpeg -i IN -vf yadif -c:v libx264 -crf 18 -c:a copy OUT.mp4",
                            sources: [], confidence: "D")) { c in
            guard let s = first(c), let f = s.fieldOrder, f != "progressive" else { return [] }
            return [RuleHit("the video is interlaced (field order \(f)); combing artefacts will confuse face tracking", measured: f, limit: "progressive")]
        },
        RuleDefinition(Rule("V-AUDIO-01", "Several audio streams in the video", .warning, .video,
                            check: "a video used as its own audio source has one audio stream (only the first is used)",
                            fix: "keep the stream you mean: ffmpeg -i IN -map 0:v:0 -map 0:a:N -c copy OUT.mp4",
                            sources: ["MFS"], confidence: "P")) { c in
            guard let v = c.dubbingAudioSource, v.summary.audioStreams > 1 else { return [] }
            return [RuleHit("the video has \(v.summary.audioStreams) audio streams; only the first (stream #\(v.audio[0].index)) is used",
                            measured: "\(v.summary.audioStreams) audio streams", limit: "1")]
        },
    ]
}
