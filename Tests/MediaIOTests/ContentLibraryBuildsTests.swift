import Testing
@testable import MediaIO
import TestMediaSupport

/// The content library is built twice (baseline x86-64, and AVX2+FMA for dlib's HOG code): the process opens
/// the AVX2 build on a CPU that has both, and the two builds must find the same faces and landmarks.
@Suite struct ContentLibraryBuildsTests {
    @Test func theAVX2BuildIsOpenedOnACPUThatRunsIt() throws {
        _ = try ContentLibrary.functions()
        let expected = SignalKernels.usesAVX2 ? "libPreflightContentAVX2.so" : "libPreflightContent.so"
        #expect(ContentLibrary.openedFile == expected)
    }

    /// Every 5th frame of the face fixtures at their own size, at upsample 0 and 1: the same boxes, scores
    /// within 1e-4 (measured: 6e-6; the vector code sums in another order), the same 68 landmarks within 0.01 px.
    @Test func bothBuildsFindTheSameFacesAndLandmarks() throws {
        // On a CPU without AVX2 the AVX2 build cannot run (the test above checks the baseline is chosen there).
        guard SignalKernels.usesAVX2 else { return }
        let baseline = try ContentLibrary.load(file: "libPreflightContent.so")
        let avx2 = try ContentLibrary.load(file: "libPreflightContentAVX2.so")
        let detectors = try (FaceDetector(library: baseline), FaceDetector(library: avx2))
        let landmarks = try (LandmarkPredictor(modelPath: LandmarkPredictor.defaultModelPath, library: baseline),
                             LandmarkPredictor(modelPath: LandmarkPredictor.defaultModelPath, library: avx2))
        var faces = 0, pictures = 0
        for name in ["face_talk.mp4", "face_two.mp4", "face_small.mp4", "face_turned.mp4", "lip_input_b.mp4", "face_jump_a.mp4"] {
            for picture in try Self.everyFifthFrame(TestMedia.path(name)) {
                pictures += 1
                for upsample in [0, 1] {
                    let a = try #require(detectors.0.detect(picture, upsample: upsample))
                    let b = try #require(detectors.1.detect(picture, upsample: upsample))
                    #expect(a.count == b.count, "\(name) at \(picture.time ?? -1) s, upsample \(upsample)")
                    for (x, y) in zip(a, b) {
                        #expect(x.left == y.left && x.top == y.top && x.right == y.right && x.bottom == y.bottom, "\(name)")
                        #expect(abs(x.score - y.score) <= 1e-4, "\(name)")
                    }
                    guard upsample == 0 else { continue }
                    for box in a {
                        faces += 1
                        let p = try #require(landmarks.0.landmarks(in: picture, face: box))
                        let q = try #require(landmarks.1.landmarks(in: picture, face: box))
                        for (u, v) in zip(p.points, q.points) { #expect(abs(u.x - v.x) <= 0.01 && abs(u.y - v.y) <= 0.01, "\(name)") }
                    }
                }
            }
        }
        #expect(pictures > 40)
        #expect(faces > 30)
    }

    private static func everyFifthFrame(_ path: String) throws -> [GrayPicture] {
        let file = try InputFile(path: path)
        let stream = try #require(file.streams.first { $0.mediaType == .video })
        let sampler = GrayFrameSampler(decoder: try Decoder(file: file, streamIndex: stream.index), timeBase: stream.timeBase,
                                       maxWidth: 4096, stride: 5)
        let packet = Packet()
        var out: [GrayPicture] = []
        while try file.readPacket(into: packet) {
            if packet.info.streamIndex == stream.index { out += sampler.decode(packet).map(\.picture) }
        }
        out += sampler.decode(nil).map(\.picture)
        return out
    }
}
