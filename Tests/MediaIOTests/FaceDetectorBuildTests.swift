import Testing
@testable import MediaIO
import TestMediaSupport

/// The detector is deserialized from a compiled-in copy of dlib's (fast); it must stay dlib's own.
@Suite struct FaceDetectorBuildTests {
    @Test func compiledInDetectorIsTheInstalledDlibs() {
        #expect(FaceDetector.matchesInstalledDlib == true, "rerun scripts/models/dlib_frontal_faces.sh")
    }

    @Test func buildingADetectorIsCheap() throws {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<5 { _ = try FaceDetector() }
        // dlib's own build decompresses for ~0.45 s each; the compiled-in copy is ~8 ms (a loose bound: shared CI).
        #expect(clock.now - start < .seconds(1))
    }
}
