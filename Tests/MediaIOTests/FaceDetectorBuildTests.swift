import Testing
@testable import MediaIO
import TestMediaSupport

/// The detector is deserialized from a compiled-in copy of dlib's (fast); it must stay dlib's own. (How fast is
/// the benchmark's business, never a test's: tests are not timed here.)
@Suite struct FaceDetectorBuildTests {
    @Test func compiledInDetectorIsTheInstalledDlibs() {
        #expect(FaceDetector.matchesInstalledDlib == true, "rerun scripts/models/dlib_frontal_faces.sh")
    }
}
