/// The faces found in a video's (or image's) sampled pictures (`content.faces`, docs/CHECK-JSON.md), in
/// source pixels. `frames` is the per-frame face data other analyses (speaker selection) build on.
public struct FaceFigures: Codable, Sendable, Equatable {
    /// How the pictures were chosen: "every frame" (all decoded, faces on evenly spread ones) or "keyframes".
    public var sampling: String
    /// Width and height of the decoded picture, the pixels every box is in.
    public var frameWidth: Int
    /// Height of the decoded picture, pixels.
    public var frameHeight: Int
    /// Faces found on the first picture (the one the API selects the face on).
    public var firstFrameFaces: Int
    /// Every sampled picture, in time order, the first one first.
    public var frames: [FaceFrame]
    /// Stretches with no face, from the samples: from a faceless sample to the next sample with a face.
    public var noFaceRanges: [TimeRun]
    /// Share (0–1) of the sampled duration with no face.
    public var noFaceShare: Double
    /// Seconds the samples cover (to the end of the stream).
    public var duration: Double

    /// The sampled frame with the most faces (the first such), nil when no frame has a face.
    public var mostFaces: FaceFrame? { frames.max { $0.faces.count < $1.faces.count } }
}
