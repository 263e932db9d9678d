/// The speech found in an audio (`content.speech`, docs/CHECK-JSON.md), measured by `SpeechAnalysis` on the
/// audio decoded to 16 kHz mono. Times are seconds from the audio's first sample.
public struct SpeechFigures: Codable, Sendable, Equatable {
    /// A stretch of time, seconds.
    public struct Segment: Codable, Sendable, Equatable {
        /// Where it starts, seconds.
        public var start: Double
        /// Where it ends, seconds.
        public var end: Double
        /// `end - start`, seconds.
        public var duration: Double { end - start }
        /// The stretch from `start` to `end`.
        public init(start: Double, end: Double) { self.start = start; self.end = end }
    }

    /// What the audio is as a whole.
    public var `class`: SpeechClass
    /// How sure the classifier is of `class`, 0...1 (docs/CONTENT.md: how it is computed and how accurate it is).
    public var confidence: Double
    /// Share of the audio that is speech, 0...1 (interface: scripts read it).
    public var speechRatio: Double
    /// Seconds of speech (the sum of all segments).
    public var speechSeconds: Double
    /// Seconds of audio analysed.
    public var duration: Double
    /// The speech segments (the first `SpeechSegments.maxListed`; `segmentCount` counts all).
    public var segments: [Segment]
    /// How many speech segments there are, including those `segments` leaves out.
    public var segmentCount: Int
    /// Seconds before the first speech (the whole audio when there is none).
    public var leadingSilence: Double
    /// Seconds after the last speech (the whole audio when there is none).
    public var trailingSilence: Double
    /// The longest pause between two speech segments.
    public var longestGap: Segment?
    /// Loudest 20 ms hop, dBFS (-120 for digital silence).
    public var peakLevelDB: Double
    /// The level over time, when the check asked for visuals (the HTML report's waveform); absent from JSON otherwise.
    public var levels: LevelEnvelope? = nil
}

extension SpeechFigures {
    /// The speech after `time` seconds, clipped to it; nil when the segment list was cut short (not all listed).
    public func speech(after time: Double) -> [Segment]? {
        guard segmentCount == segments.count else { return nil }
        return segments.filter { $0.end > time }.map { Segment(start: max($0.start, time), end: $0.end) }
    }
}
