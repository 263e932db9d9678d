import Testing
import Preflight
import TestMediaSupport

/// Fields ffprobe has no single key for, checked against how the fixtures were generated.
@Suite struct StreamDetailTests {
    func probe(_ name: String) throws -> MediaInfo { try MediaProbe.probe(path: TestMedia.path(name)) }

    @Test func hdrAndBitDepth() throws {
        let v = try probe("hdr10_hevc.mp4").video[0]
        #expect(v.isHDR && v.bitDepth == 10 && v.colorPrimaries == "bt2020" && v.colorTransfer == "smpte2084")
        #expect(try probe("h264_aac.mp4").video[0].isHDR == false)
    }

    @Test func alpha() throws {
        #expect(try probe("alpha_vp9.webm").video[0].hasAlpha)
        #expect(try probe("alpha_qtrle.mov").video[0].hasAlpha)
        #expect(try probe("h264_aac.mp4").video[0].hasAlpha == false)
    }

    @Test func rotationIsReportedBothWays() throws {
        let v = try probe("rotated90.mp4").video[0]
        #expect(v.rotation == 90)                     // ffprobe's display-matrix angle (counter-clockwise)
        #expect(v.displayRotationClockwise == 270)    // what ffmpeg's autorotate applies
    }

    @Test func interlacedAndChroma() throws {
        #expect(try probe("interlaced.mp4").video[0].fieldOrder == "tt")
        #expect(try probe("h264_aac.mp4").video[0].chromaSubsampling == "4:2:0")
    }

    @Test func streamKindsAndSummary() throws {
        let cover = try probe("mp3_cover.mp3")
        #expect(!cover.summary.hasVideo && cover.summary.hasAudio && cover.other.first?.kind == .attachedPicture)
        let subs = try probe("subtitles.mkv")
        #expect(subs.other.contains { $0.kind == .subtitle })
        #expect(subs.video[0].duration?.source == .streamTag)
        #expect(try probe("two_audio.mp4").summary.audioStreams == 2)
        #expect(try probe("video_only.mp4").summary.hasAudio == false)
        #expect(try probe("audio_only.mp4").summary.hasVideo == false)
    }

    @Test func audioBitDepthAndFloat() throws {
        #expect(try probe("pcm_s24le_44100_stereo.wav").audio[0].bitDepth == 24)
        let f32 = try probe("pcm_f32le_48000_stereo.wav").audio[0]
        #expect(f32.bitDepth == 32 && f32.isFloat)
        #expect(try probe("pcm_f64le_48000_mono.wav").audio[0].bitDepth == 64)
        #expect(try probe("pcm_s16le_22050_5.1.wav").audio[0].channels == 6)
    }

    @Test func containerFamilies() throws {
        let expected: [String: (String, String?)] = [
            "h264_aac.mp4": ("mp4", "video/mp4"), "h264_aac.mov": ("mov", "video/quicktime"),
            "vp9_opus.webm": ("webm", "video/webm"), "mpeg4_mp3.avi": ("avi", "video/x-msvideo"),
            "speech_48k.wav": ("wav", "audio/wav"), "mp3_vbr_xing.mp3": ("mp3", "audio/mpeg"),
            "flac_48k.flac": ("flac", "audio/flac"), "vorbis.ogg": ("ogg", "audio/ogg"),
            "aac.m4a": ("m4a", "audio/x-m4a"), "adts.aac": ("aac", "audio/aac"), "wmav2.wma": ("wma", "audio/x-ms-wma"),
            "audio_only.mp4": ("mp4", "audio/mp4"), "subtitles.mkv": ("matroska", "video/x-matroska"),
        ]
        for (file, (family, mime)) in expected {
            let c = try probe(file).container
            #expect(c.family == family, "\(file)")
            #expect(c.mimeType == mime, "\(file)")
        }
    }

    @Test func durationSources() throws {
        #expect(try probe("h264_aac.mp4").duration?.source == .containerHeader)
        #expect(try probe("mp3_vbr_noxing.mp3").duration?.source == .bitrateEstimate)
        #expect(try probe("nodur_mediarecorder.webm").duration == nil)
        #expect(try probe("segment0.ts").duration?.source == .timestamps)
    }
}
