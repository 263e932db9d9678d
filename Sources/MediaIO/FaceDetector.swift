import CContentLibrary

/// A face found by dlib's HOG frontal detector, in the pixels of the picture it was found in.
public struct FaceBox: Sendable, Equatable {
    public var left: Int, top: Int, right: Int, bottom: Int
    /// dlib's detection score: above 0 is a detection, higher is surer.
    public var score: Double
    public var width: Int { right - left }
    public var height: Int { bottom - top }

    public init(left: Int, top: Int, right: Int, bottom: Int, score: Double) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.score = score
    }
}

/// Owns one dlib frontal face detector (~8 ms to build from its compiled-in copy). Not thread-safe: one per thread. It is
/// `Sendable` only so it can be handed to the thread that will use it; never use one from two threads.
public final class FaceDetector: @unchecked Sendable {
    private let handle: OpaquePointer
    private let library: pf_content_library

    public convenience init() throws(ContentLibraryError) {
        try self.init(library: ContentLibrary.functions())
    }

    /// A detector from one build of the content library (`ContentLibrary.load(file:)`).
    init(library: pf_content_library) throws(ContentLibraryError) {
        self.library = library
        guard let h = library.face_detector_new() else { throw .faceDetectorUnavailable }
        handle = h
    }

    private init(handle: OpaquePointer, library: pf_content_library) {
        self.handle = handle
        self.library = library
    }

    /// Another detector for another thread, copied from this one.
    public func copy() throws(ContentLibraryError) -> FaceDetector {
        guard let h = library.face_detector_clone(handle) else { throw .faceDetectorUnavailable }
        return FaceDetector(handle: h, library: library)
    }

    deinit { library.face_detector_free(handle) }

    /// Whether the compiled-in detector is the one the installed dlib ships (decompresses dlib's: ~0.45 s);
    /// nil when dlib fails or the content library cannot be opened. A dlib upgrade makes it false until
    /// scripts/models/dlib_frontal_faces.sh runs.
    public static var matchesInstalledDlib: Bool? {
        guard let library = try? ContentLibrary.functions() else { return nil }
        switch library.face_detector_matches_dlib() {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }

    /// Faces in `picture`, best first. `upsample` doubles the picture first (finds faces down to ~40 px instead of ~80).
    public func detect(_ picture: GrayPicture, upsample: Int = 0, threshold: Double = 0) -> [FaceBox]? {
        var boxes = [pf_face_box](repeating: pf_face_box(), count: 16)
        let n = picture.pixels.withUnsafeBufferPointer { px in
            library.face_detect(handle, px.baseAddress, Int32(picture.width), Int32(picture.height), picture.width,
                           Int32(upsample), threshold, &boxes, Int32(boxes.count))
        }
        guard n >= 0 else { return nil }
        return boxes.prefix(Int(min(n, 16))).map {
            FaceBox(left: Int($0.left), top: Int($0.top), right: Int($0.right), bottom: Int($0.bottom), score: $0.score)
        }.sorted { $0.score > $1.score }
    }
}
