import Foundation
import Testing
@testable import Preflight
import TestMediaSupport

/// Speaker selection from real face boxes: dlib's detector run over two real people side by side
/// (testmedia/two_faces_side_by_side.mp4: face_2 left, face_3 right, 640x320, 50 frames).
@Suite(.serialized) struct SpeakerSelectionTests {
    static let twoFaces = TestMedia.path("two_faces_side_by_side.mp4")
    /// One scan for the suite: building the detector and decoding cost ~1 s in a debug build.
    static let scan: SpeakerFaces? = try? SpeakerFaces.scan(path: twoFaces, stride: 5)

    @Test func theScanSeesBothPeopleOnEveryFrameItSamples() throws {
        let s = try #require(Self.scan)
        print("speaker scan:", s.frameCount, s.samples.map { "\($0.frame):\($0.boxes.map { "[\($0.x),\($0.y),\($0.width),\($0.height)]" })" })
        #expect(s.frameCount == 50)
        #expect(s.width == 640 && s.height == 320)
        #expect(s.samples.map(\.frame) == Array(stride(from: 0, to: 50, by: 5)))
        for sample in s.samples {
            #expect(sample.boxes.count == 2, "frame \(sample.frame): \(sample.boxes)")
            #expect(sample.boxes.contains { $0.centerX < 320 } && sample.boxes.contains { $0.centerX >= 320 })
        }
    }
}
