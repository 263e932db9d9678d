import Foundation
import Testing
@testable import MediaIO

@Suite struct FaceDetectorSpikeTests {
    @Test func firstFramesOfRealClips() throws {
        let detector = try FaceDetector()
        for i in 1...5 {
            let path = "/work/scratch/faces/face_\(i).mp4"
            let file = try InputFile(path: path)
            let v = file.streams.first { $0.mediaType == .video }!
            let decoder = try Decoder(file: file, streamIndex: v.index)
            let packet = Packet()
            var pics: [GrayPicture] = []
            while pics.isEmpty, try file.readPacket(into: packet) {
                guard packet.info.streamIndex == v.index else { continue }
                pics = decoder.decodeGray(packet, timeBase: v.timeBase, maxWidth: 640)
            }
            let t0 = Date()
            let faces = detector.detect(pics[0]) ?? []
            print("clip \(i): \(pics[0].width)x\(pics[0].height) faces \(faces) in \(Date().timeIntervalSince(t0) * 1000) ms")
            #expect(faces.count == 1)
        }
    }
}
