import Testing
@testable import MediaIO
import TestMediaSupport

@Suite struct InputFileTests {
    @Test func protocolStringsAreNotLocalPaths() {
        for s in ["http://x", "concat:a|b", "pipe:", "subfile,,start,0,end,1,,:x", "file:clip.mp4", "data:abc"] {
            #expect(InputFile.looksLikeURLOrProtocol(s), "\(s)")
        }
        for s in ["clip.mp4", "./concat:a", "/tmp/a:b.mp4", "dir/clip,1.mp4", "2024-01-01 clip.mp4"] {
            #expect(!InputFile.looksLikeURLOrProtocol(s), "\(s)")
        }
    }

    @Test func refusedDemuxersAreNotInTheWhitelist() {
        let allowed = Set(DemuxerPolicy.formatWhitelist.split(separator: ",").map(String.init))
        for name in ["hls", "concat", "image2", "tee", "ffmetadata", "sdp", "rtp"] { #expect(!allowed.contains(name), "\(name)") }
        for name in ["mov", "matroska", "wav", "mp3", "avi", "ogg", "flac", "png_pipe"] { #expect(allowed.contains(name), "\(name)") }
    }

    @Test func libavErrorCodesCarryTheirMessage() {
        #expect(AVResultCode.invalidData.message.contains("Invalid data"))
        #expect(AVResultCode.endOfFile.isError)
    }

    @Test func packetsAndDecoderRunToTheEnd() throws {
        let file = try InputFile(path: TestMedia.path("h264_aac.mp4"))
        let decoder = try Decoder(file: file, streamIndex: 0)
        let packet = Packet()
        var packets = 0
        while try file.readPacket(into: packet) {
            if packet.info.streamIndex == 0 { packets += 1; decoder.decode(packet) }
        }
        decoder.flush()
        #expect(packets == 50)
        #expect(decoder.tally.frames == 50)
        #expect(!decoder.tally.hasErrors)
    }

    @Test func wavHeaderSizes() throws {
        let bogus = try #require(RIFFWaveHeader.read(path: TestMedia.path("bogus_header.wav")))
        #expect(bogus.missingBytes > 0)
        let streaming = try #require(RIFFWaveHeader.read(path: TestMedia.path("streaming_header.wav")))
        #expect(streaming.hasPlaceholderSizes)
        let clean = try #require(RIFFWaveHeader.read(path: TestMedia.path("speech_48k.wav")))
        #expect(clean.missingBytes == 0 && !clean.hasPlaceholderSizes)
        #expect(RIFFWaveHeader.read(path: TestMedia.path("h264_aac.mp4")) == nil)
    }
}
