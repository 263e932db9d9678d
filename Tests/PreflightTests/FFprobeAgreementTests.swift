import Testing
import Preflight
import TestMediaSupport

/// probe agrees with ffprobe 5.1 (JSON saved by testmedia/generate.sh) on every readable fixture.
@Suite struct FFprobeAgreementTests {
    static let readable = TestMedia.fixtures.filter { $0.readable }

    @Test(arguments: readable)
    func agreesWithFFprobe(_ fixture: TestMedia.Fixture) throws {
        let info = try MediaProbe.probe(path: fixture.path)
        let oracle = TestMedia.ffprobe(fixture.file)
        let format = try #require(oracle.format)

        // Deliberate difference: ffprobe opens a lone .jpg with the image-sequence demuxer (image2), which
        // preflight refuses (it can read other files); preflight uses the picture's pipe demuxer instead.
        let imageSequence = format.format_name == "image2"
        if imageSequence {
            #expect(info.container.formatName.hasSuffix("_pipe"))
        } else {
            #expect(info.container.formatName == format.format_name)
        }
        if imageSequence {
            // image2 invents one frame's duration; a pipe demuxer declares none.
        } else if let d = format.duration.flatMap(Double.init) {
            let ours = try #require(info.duration, "ffprobe reads a container duration of \(d) s")
            #expect(abs(ours.seconds - d) <= 0.001, "container duration \(ours.seconds) vs ffprobe \(d)")
        } else {
            #expect(info.duration == nil, "ffprobe has no container duration")
        }

        let streams = oracle.streams ?? []
        #expect(info.video.count + info.audio.count + info.other.count == streams.count)
        for s in streams {
            if let v = info.video.first(where: { $0.index == s.index }) {
                #expect(s.codec_type == "video")
                #expect(v.codec == s.codec_name)
                #expect(v.width == s.width)
                #expect(v.height == s.height)
                #expect(v.pixelFormat == s.pix_fmt)
                #expect(v.rFrameRate == s.r_frame_rate)
                #expect(v.avgFrameRate == s.avg_frame_rate)
                #expect(v.rotation == s.rotation, "rotation \(String(describing: v.rotation)) vs ffprobe \(String(describing: s.rotation))")
                if !imageSequence { try checkDuration(v.duration, ffprobe: s.duration, stream: s.index) }
            } else if let a = info.audio.first(where: { $0.index == s.index }) {
                #expect(s.codec_type == "audio")
                #expect(a.codec == s.codec_name)
                #expect(String(a.sampleRate) == s.sample_rate)
                #expect(a.channels == s.channels)
                try checkDuration(a.duration, ffprobe: s.duration, stream: s.index)
            } else {
                let o = try #require(info.other.first(where: { $0.index == s.index }), "stream \(s.index) missing")
                #expect(o.codec == s.codec_name)
                if s.disposition?.attached_pic == 1 {
                    #expect(o.kind == .attachedPicture)
                    #expect(o.width == s.width && o.height == s.height,
                            "cover \(String(describing: o.width))x\(String(describing: o.height)) vs ffprobe \(String(describing: s.width))x\(String(describing: s.height))")
                }
            }
        }
    }

    private func checkDuration(_ ours: DurationInfo?, ffprobe: String?, stream: Int) throws {
        guard let d = ffprobe.flatMap(Double.init) else {
            // ffprobe shows none; Matroska's DURATION tag is the only thing preflight may add.
            if let ours { #expect(ours.source == .streamTag, "stream \(stream): unexpected duration \(ours)") }
            return
        }
        let o = try #require(ours, "stream \(stream): ffprobe reads \(d) s")
        #expect(abs(o.seconds - d) <= 0.001, "stream \(stream) duration \(o.seconds) vs ffprobe \(d)")
    }
}
