import Foundation
import MediaIO

/// dlib's face detector and landmark model for verify's mouth tracks, shared by the output's and the input's
/// (one after the other: the detector is not thread-safe). The detector is built on first use (~10 ms); the
/// landmark model (~1 s of CPU, a tenth of a 5-minute 720p decode's) is loaded only once a face
/// has been seen, by the tracks or by the comparison with the input (`prepareLandmarks`), so footage without
/// a face never pays for it.
final class FaceModels: @unchecked Sendable {
    let landmarkModelPath: String
    private let detector = Locked<Result<FaceDetector, ContentLibraryError>?>(nil)
    private let landmarks = Locked<Result<LandmarkPredictor, ContentLibraryError>?>(nil)
    private let landmarksStarted = Locked(false)
    private let landmarksLoaded = DispatchGroup()

    init() {
        landmarkModelPath = FaceScan.environmentLandmarkModelPath
    }

    /// The detector, built on the first call.
    func faceDetector() -> Result<FaceDetector, ContentLibraryError> {
        detector.withLock { d in
            if let d { return d }
            let r: Result<FaceDetector, ContentLibraryError>
            do throws(ContentLibraryError) { r = .success(try FaceDetector()) } catch { r = .failure(error) }
            d = r
            return r
        }
    }

    /// A missing model file, known without loading it (the first thing `LandmarkPredictor` checks): the tracks
    /// say so at once, as when the model was loaded up front.
    var missingLandmarkModel: ContentLibraryError? {
        FileManager.default.isReadableFile(atPath: landmarkModelPath) ? nil : .landmarkModelMissing(path: landmarkModelPath)
    }

    /// Starts loading the landmark model on another thread, once: called when a face is seen.
    func prepareLandmarks() {
        landmarksStarted.withLock { started in
            guard !started else { return }
            started = true
            landmarksLoaded.enter()   // inside the lock, so `landmarkModel` cannot wait on a group not yet entered
            // Its own thread at the lowest priority: it loads while the output decodes (`ThreadPriority`).
            ThreadPriority.startBackgroundThread { [landmarks, landmarksLoaded, landmarkModelPath] in
                let r: Result<LandmarkPredictor, ContentLibraryError>
                do throws(ContentLibraryError) { r = .success(try LandmarkPredictor(modelPath: landmarkModelPath)) } catch { r = .failure(error) }
                landmarks.withLock { $0 = r }
                landmarksLoaded.leave()
            }
        }
    }

    /// The landmark model, loading it now unless that already started; waits for it.
    func landmarkModel() -> Result<LandmarkPredictor, ContentLibraryError> {
        prepareLandmarks()
        landmarksLoaded.wait()
        return landmarks.withLock { $0! }
    }
}
