import Foundation
import Testing
@testable import MediaIO
import TestMediaSupport

/// `InputFile.pictureTimes` (verify plans which input picture serves each time from the packets alone) against
/// ffprobe's packet list: presentation times from the stream's start, in presentation order (the fixtures have
/// B-frames, so decode order differs), every frame's or the keyframes' only.
@Suite struct PictureTimesTests {
    @Test(arguments: ["lip_input_a.mp4", "h264_aac.mp4", "fps2997.mp4", "h264_aac.mov"])
    func timesAreFFprobesPresentationTimes(name: String) throws {
        let path = TestMedia.path(name)
        let packets = try FFmpegTool.probe(path, select: "v:0", entries: "packet=pts_time,flags")
        let t0 = try #require(FFmpegTool.probe(path, select: "v:0", entries: "stream=start_time").first?["start_time"].flatMap(Double.init))
        let shown = packets.filter { $0["flags", default: ""].contains("D") == false }
        let all = shown.compactMap { $0["pts_time"].flatMap(Double.init) }.map { $0 - t0 }.sorted()
        let keys = shown.filter { $0["flags", default: ""].hasPrefix("K") }.compactMap { $0["pts_time"].flatMap(Double.init) }.map { $0 - t0 }.sorted()
        #expect(all.count == shown.count && !keys.isEmpty)

        let file = try InputFile(path: path)
        let stream = try #require(file.streams.first { $0.mediaType == .video })
        let everyFrame = try #require(file.pictureTimes(streamIndex: stream.index, keyframesOnly: false))
        let reopened = try InputFile(path: path)
        let keyframes = try #require(reopened.pictureTimes(streamIndex: stream.index, keyframesOnly: true))
        #expect(everyFrame.count == all.count)
        #expect(zip(everyFrame, all).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(keyframes.count == keys.count)
        #expect(zip(keyframes, keys).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    /// Packets without a presentation timestamp (ffprobe: pts N/A): no plan, the caller decodes to learn the times.
    @Test func noPlanWithoutTimestamps() throws {
        let path = TestMedia.path("avs2_nodecoder.avi")
        let file = try InputFile(path: path)
        let stream = try #require(file.streams.first { $0.mediaType == .video })
        #expect(file.pictureTimes(streamIndex: stream.index, keyframesOnly: false) == nil)
    }
}
