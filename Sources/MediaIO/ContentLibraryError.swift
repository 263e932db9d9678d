/// Why dlib, the WebRTC VAD, the speech model or the library holding them could not be set up. Each names what to do.
public enum ContentLibraryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// dlib could not build its face detector (out of memory).
    case faceDetectorUnavailable
    /// The 68-point landmark model is not installed.
    case landmarkModelMissing(path: String)
    /// The landmark model exists but dlib cannot read it.
    case landmarkModelUnreadable(path: String, reason: String)
    /// The VAD refuses this rate, frame length or mode.
    case voiceDetectorConfiguration(sampleRate: Int, frameMilliseconds: Int, aggressiveness: Int)
    /// The VAD could not be created or initialised.
    case voiceDetectorUnavailable
    /// OpenCV's dnn module could not load the compiled-in speech model.
    case speechModelUnavailable(reason: String)
    /// libPreflightContent.so (faces and the speech model) is neither beside the executable nor on the library path.
    case contentLibraryMissing(reason: String)

    public var description: String {
        switch self {
        case .faceDetectorUnavailable: return "dlib could not build its face detector"
        case .landmarkModelMissing(let p):
            return "\(p): the face landmark model is not installed (apt-get install libdlib-data); going on without landmarks"
        case .landmarkModelUnreadable(let p, let r): return "\(p): dlib cannot read the landmark model: \(r)"
        case .voiceDetectorConfiguration(let r, let ms, let a):
            return "the WebRTC VAD takes 10/20/30 ms frames at 8/16/32/48 kHz, mode 0-3 (asked: \(r) Hz, \(ms) ms, mode \(a))"
        case .voiceDetectorUnavailable: return "the WebRTC VAD could not be created"
        case .speechModelUnavailable(let r): return "OpenCV could not load the speech model (Silero VAD): \(r)"
        case .contentLibraryMissing(let r):
            return "the face and speech library is missing (swift build builds it beside the executable): \(r)"
        }
    }
}
