/// The faces found in a video's (or image's) sampled pictures (`content.faces`, docs/CHECK-JSON.md), in
/// source pixels. `frames` is the per-frame face data other analyses (speaker selection) build on.
public struct FaceFigures: Codable, Sendable, Equatable {
    /// How the pictures were chosen: "every frame" (all decoded, faces on evenly spread ones) or "keyframes".
    public var sampling: String
    /// Width and height of the decoded picture, the pixels every box is in.
    public var frameWidth: Int
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

/// The faces of one sampled picture.
public struct FaceFrame: Codable, Sendable, Equatable {
    /// Seconds from the start of the stream.
    public var time: Double
    /// Largest first.
    public var faces: [DetectedFace]
}

/// One face: dlib's box (eyebrows to chin, ear to ear) in source pixels and its share of the frame height.
public struct DetectedFace: Codable, Sendable, Equatable {
    /// [left, top, right, bottom] in source pixels.
    public var box: [Int]
    /// Box height / frame height.
    public var heightShare: Double
    /// dlib's detection score (above 0 is a detection, higher is surer).
    public var score: Double
    /// Head turn in degrees (negative: to the picture's left), from landmarks; nil when not measured.
    public var yawDegrees: Double?

    public var width: Int { box[2] - box[0] }
    public var height: Int { box[3] - box[1] }
    public var centerX: Double { Double(box[0] + box[2]) / 2 }
    public var centerY: Double { Double(box[1] + box[3]) / 2 }
}
