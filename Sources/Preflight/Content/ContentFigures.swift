/// What `check` measured of an input's content (`inputs[].content` in docs/CHECK-JSON.md): the faces in its
/// picture and the speech in its sound. A part that was not measured is nil and named in `notMeasured` with
/// the reason, so nothing passes or fails by default.
public struct ContentFigures: Codable, Sendable {
    /// The faces in the picture; nil when not measured (an audio input, or see `notMeasured`).
    public var faces: FaceFigures?
    /// The speech in the sound; nil when not measured (a silent input, or see `notMeasured`).
    public var speech: SpeechFigures?
    /// Runs of 2 s or more where the picture does not change (V-STILL-01); nil when consecutive frames were not decoded.
    public var stillRuns: [TimeRun]?
    /// What could not be measured, and why (e.g. "faces: the landmark model is not installed").
    public var notMeasured: [String] = []

    /// Figures of the parts that were measured; name each one that was not in `notMeasured`.
    public init(faces: FaceFigures? = nil, speech: SpeechFigures? = nil, stillRuns: [TimeRun]? = nil, notMeasured: [String] = []) {
        self.faces = faces
        self.speech = speech
        self.stillRuns = stillRuns
        self.notMeasured = notMeasured
    }
}
