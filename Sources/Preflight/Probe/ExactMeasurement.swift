/// What `--exact` measured by reading every packet and decoding every frame.
public struct ExactMeasurement: Codable, Sendable, Equatable {
    /// Content duration: from the earliest start to the latest end of any audio or video stream.
    public var duration: Double?
    /// The duration the file declared (before measuring), nil when it declared none.
    public var declaredDuration: Double?
    /// True when declared and measured agree within the tolerance.
    public var declaredDurationAgrees: Bool?
    /// The tolerance used: two frame intervals or packets of the coarsest stream, at least 50 ms.
    public var tolerance: Double
    public var streams: [StreamMeasurement]
    public var decodeErrors: Int
}

public struct StreamMeasurement: Codable, Sendable, Equatable {
    public var index: Int
    public var packets: Int
    public var bytes: Int64
    public var decodedFrames: Int
    /// Audio only: decoded samples per channel.
    public var decodedSamples: Int64?
    /// End of the last packet minus start of the first, in seconds.
    public var duration: Double?
    public var declaredDuration: Double?
    public var frameRateMode: FrameRateMode?
    public var decodeErrors: Int
    public var firstErrorAt: Double?
    public var lastErrorMessage: String?
}
