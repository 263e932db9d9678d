/// The faces of one sampled picture.
public struct FaceFrame: Codable, Sendable, Equatable {
    /// Seconds from the start of the stream.
    public var time: Double
    /// Largest first.
    public var faces: [DetectedFace]
    /// A thumbnail, when the check asked for visuals (the HTML report); absent from JSON otherwise.
    public var picture: FramePicture? = nil
}
