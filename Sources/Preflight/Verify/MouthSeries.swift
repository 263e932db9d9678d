/// The mouth opening and the speech band's level frame by frame over the stretches verify followed the mouth in,
/// kept for the HTML report (`MouthMotion.series`) when verify asks for visuals.
public struct MouthSeries: Codable, Sendable, Equatable {
    /// One followed frame: its time (seconds from the video's start), the mouth opening (nil where no face or
    /// landmarks were found) and the speech band's level under it, dBFS (nil past the audio).
    public struct Point: Codable, Sendable, Equatable {
        /// Seconds from the video's start.
        public var time: Double
        /// Outer-lip height over nose-to-chin length; nil where no face or landmarks were found.
        public var opening: Double?
        /// The speech band's level at the frame, dBFS; nil past the end of the audio.
        public var levelDB: Double?
    }

    /// Seconds between frames (1 / frame rate).
    public var frameSeconds: Double
    /// The followed frames, in time order.
    public var points: [Point]
}
