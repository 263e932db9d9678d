import MediaIO

/// How thoroughly and under which limits to probe.
public struct ProbeOptions: Sendable {
    /// Read every packet and decode every frame to measure what is really in the file.
    public var exact: Bool
    /// Decode each audio and video stream only until its first frame (what check needs): finds a stream this
    /// FFmpeg cannot decode, or a file with no packet, without reading the whole file. Implied by `exact`.
    public var firstFrames: Bool
    /// Seconds a single open or read may take before it is abandoned as a timeout.
    public var timeoutSeconds: Double {
        get { open.timeoutSeconds }
        set { open.timeoutSeconds = newValue }
    }
    /// Largest width or height accepted before any decoder is opened.
    public var maxDimension: Int {
        get { open.maxDimension }
        set { open.maxDimension = newValue }
    }
    /// libavformat's limits for opening, derived from the above (MediaIO's type stays inside the library).
    var open: InputOpenOptions

    /// Options for a probe; the defaults read headers only, with a 30 s timeout and sides up to 16384 px.
    public init(exact: Bool = false, firstFrames: Bool = false, timeoutSeconds: Double = 30, maxDimension: Int = 16384) {
        self.exact = exact
        self.firstFrames = firstFrames
        self.open = InputOpenOptions(timeoutSeconds: timeoutSeconds, maxDimension: maxDimension)
    }
}
