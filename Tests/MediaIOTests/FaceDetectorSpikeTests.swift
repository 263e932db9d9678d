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

@Suite struct VADSpikeTests {
    @Test func silenceIsNotVoiced() throws {
        let vad = try VoiceActivityDetector(sampleRate: 16000)
        let frame = [Int16](repeating: 0, count: vad.frameLength)
        #expect(frame.withUnsafeBufferPointer { vad.isVoiced($0) } == false)
        #expect(throws: ContentLibraryError.self) { try VoiceActivityDetector(sampleRate: 44100) }
    }

    @Test func landmarksOnARealFace() throws {
        let t0 = Date()
        let model = try LandmarkPredictor()
        print("model load \(Date().timeIntervalSince(t0)) s")
        let detector = try FaceDetector()
        let file = try InputFile(path: "/work/scratch/faces/face_3.mp4")
        let v = file.streams.first { $0.mediaType == .video }!
        let decoder = try Decoder(file: file, streamIndex: v.index)
        let packet = Packet()
        var pics: [GrayPicture] = []
        while pics.isEmpty, try file.readPacket(into: packet) {
            guard packet.info.streamIndex == v.index else { continue }
            pics = decoder.decodeGray(packet, timeBase: v.timeBase, maxWidth: 640)
        }
        let face = try #require(detector.detect(pics[0])?.first)
        let lm = try #require(model.landmarks(in: pics[0], face: face))
        print("mouth inner gap \(lm.points[66].y - lm.points[62].y), nose-chin \(lm.points[8].y - lm.points[33].y)")
        #expect(lm.points[8].y > lm.points[33].y)
    }
}
