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

    /// Box width, source pixels.
    public var width: Int { box[2] - box[0] }
    /// Box height, source pixels.
    public var height: Int { box[3] - box[1] }
    /// Horizontal centre of the box, source pixels from the left edge.
    public var centerX: Double { Double(box[0] + box[2]) / 2 }
    /// Vertical centre of the box, source pixels from the top edge.
    public var centerY: Double { Double(box[1] + box[3]) / 2 }
}
