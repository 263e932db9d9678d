import CContentLibrary
import Foundation

/// The 68 facial landmarks of one face (iBUG 300-W order: jaw 0-16, brows 17-26, nose 27-35, eyes 36-47,
/// outer lips 48-59, inner lips 60-67), in the pixels of the picture they were found in.
public struct FaceLandmarks: Sendable, Equatable {
    public var points: [(x: Float, y: Float)]
    public static func == (a: FaceLandmarks, b: FaceLandmarks) -> Bool {
        a.points.count == b.points.count && zip(a.points, b.points).allSatisfy { $0.x == $1.x && $0.y == $1.y }
    }
}

/// Owns dlib's 68-point shape predictor (a ~100 MB model, ~0.8 s to load: load it only when landmarks are
/// needed). Reading landmarks does not change it, so one instance may serve several threads.
public final class LandmarkPredictor: @unchecked Sendable {
    /// Where Debian's libdlib-data installs the model.
    public static let defaultModelPath = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat"
    private let handle: OpaquePointer
    private let library: pf_content_library

    public convenience init(modelPath: String = LandmarkPredictor.defaultModelPath) throws(ContentLibraryError) {
        guard FileManager.default.isReadableFile(atPath: modelPath) else { throw .landmarkModelMissing(path: modelPath) }
        try self.init(modelPath: modelPath, library: ContentLibrary.functions())
    }

    /// The model read by one build of the content library (`ContentLibrary.load(file:)`).
    init(modelPath: String, library: pf_content_library) throws(ContentLibraryError) {
        self.library = library
        var message = [CChar](repeating: 0, count: 512)
        guard let h = library.shape_model_load(modelPath, &message, message.count) else {
            throw .landmarkModelUnreadable(path: modelPath, reason: String(cBuffer: message))
        }
        handle = h
    }

    deinit { library.shape_model_free(handle) }

    /// The landmarks of the face in `box` of `picture`; nil when dlib fails.
    public func landmarks(in picture: GrayPicture, face box: FaceBox) -> FaceLandmarks? {
        var values = [Float](repeating: 0, count: 136)
        let rc = picture.pixels.withUnsafeBufferPointer { px in
            library.shape_landmarks(handle, px.baseAddress, Int32(picture.width), Int32(picture.height), picture.width,
                               pf_face_box(left: Int32(box.left), top: Int32(box.top), right: Int32(box.right),
                                           bottom: Int32(box.bottom), score: box.score), &values)
        }
        guard rc == 0 else { return nil }
        return FaceLandmarks(points: (0..<68).map { (values[2 * $0], values[2 * $0 + 1]) })
    }
}
