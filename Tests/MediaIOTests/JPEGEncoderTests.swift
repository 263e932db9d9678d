import Foundation
import Testing
@testable import MediaIO
import TestMediaSupport

/// The HTML report's thumbnails: colour copies taken while faces are sampled, encoded by libavcodec's MJPEG
/// encoder, and decoded back by libav as the same picture.
@Suite struct JPEGEncoderTests {
    /// The first picture of `name` as the face pass's thumbnail at most `width` wide.
    static func thumbnail(_ name: String, width: Int) throws -> RGBPicture {
        let file = try InputFile(path: TestMedia.path(name))
        let stream = try #require(file.streams.first { $0.mediaType == .video })
        var plan = PictureSampling(firstMaxWidth: 640, maxWidth: 640, targets: [], keyframesOnly: true)
        plan.firstThumbnailWidth = width
        var first: RGBPicture?
        _ = try file.samplePictures(streamIndex: stream.index, plan: plan, onGrid: { _ in }, onPicture: { s in
            if s.isFirst { first = s.thumbnail }
        })
        return try #require(first, "no thumbnail of the first picture")
    }

    @Test func encodesAJPEGThatLibavDecodesBack() throws {
        let rgb = try Self.thumbnail("face_talk.mp4", width: 176)
        #expect(rgb.width == 176 && rgb.height == 176)
        let jpeg = try JPEGEncoder(width: rgb.width, height: rgb.height, quality: 6).encode(rgb)
        #expect(Array(jpeg.prefix(2)) == [0xFF, 0xD8] && Array(jpeg.suffix(2)) == [0xFF, 0xD9])
        #expect(jpeg.count > 1000 && jpeg.count < 20000, "\(jpeg.count) bytes")

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jpeg-encoder-\(UUID().uuidString).jpg")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(jpeg).write(to: url)
        let file = try InputFile(path: url.path)
        let stream = try #require(file.streams.first)
        #expect(stream.codecName == "mjpeg" && stream.width == 176 && stream.height == 176)
        var back: RGBPicture?
        _ = try file.samplePictureCopies(streamIndex: stream.index, targets: [0], tolerance: 1, keyframesOnly: false,
                                         requests: [PictureCopyRequest(kind: .rgb, maxWidth: 176)]) { _, _, copies in
            back = copies.first?.rgb
        }
        let decoded = try #require(back)
        #expect(decoded.pixels.count == rgb.pixels.count)
        let meanError = zip(decoded.pixels, rgb.pixels).reduce(0.0) { $0 + abs(Double($1.0) - Double($1.1)) } / Double(rgb.pixels.count)
        #expect(meanError < 8, "mean absolute error \(meanError)")
    }

    @Test func refusesAPictureOfAnotherSize() throws {
        let rgb = try Self.thumbnail("face_two.mp4", width: 120)
        let encoder = try JPEGEncoder(width: rgb.width + 2, height: rgb.height, quality: 6)
        #expect(throws: MediaIOError.self) { try encoder.encode(rgb) }
    }
}
