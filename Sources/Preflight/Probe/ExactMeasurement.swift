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
    /// Per-stream counts and durations from the scan.
    public var streams: [StreamMeasurement]
    /// Decode errors over all streams; any makes the file defective.
    public var decodeErrors: Int
}

/// What `--exact` measured in one audio or video stream.
public struct StreamMeasurement: Codable, Sendable, Equatable {
    /// The stream's index in the file.
    public var index: Int
    /// Packets read from the stream.
    public var packets: Int
    /// Bytes of packet payload in the stream.
    public var bytes: Int64
    /// Frames the decoder produced (audio frames hold many samples).
    public var decodedFrames: Int
    /// Audio only: decoded samples per channel.
    public var decodedSamples: Int64?
    /// End of the last packet minus start of the first, in seconds.
    public var duration: Double?
    /// The duration the stream declared, in seconds; nil when none.
    public var declaredDuration: Double?
    /// Video only: constant or variable frame rate from every frame's timestamp (decoded, else packet).
    public var frameRateMode: FrameRateMode?
    /// Decode errors in this stream.
    public var decodeErrors: Int
    /// Timestamp in seconds of the first packet that failed to decode; nil without errors.
    public var firstErrorAt: Double?
    /// The decoder's last error message; nil without errors.
    public var lastErrorMessage: String?
}
