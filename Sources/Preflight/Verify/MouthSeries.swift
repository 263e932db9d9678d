/// The mouth opening and the speech band's level frame by frame over the stretches verify followed the mouth in,
/// kept for the HTML report (`MouthMotion.series`) when verify asks for visuals.
public struct MouthSeries: Codable, Sendable, Equatable {
    /// One followed frame: its time (seconds from the video's start), the mouth opening (nil where no face or
    /// landmarks were found) and the speech band's level under it, dBFS (nil past the audio).
    public struct Point: Codable, Sendable, Equatable {
        public var time: Double
        public var opening: Double?
        public var levelDB: Double?
    }

    public var frameSeconds: Double
    public var points: [Point]
}
