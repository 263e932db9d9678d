import MediaIO

/// Finds frozen runs (consecutive pictures that do not change) and black runs in a sequence of luma
/// grids, keeping only runs at least as long as the thresholds.
struct PictureRuns {
    let freezeSeconds: Double
    let blackSeconds: Double
    /// Mean absolute grid difference (0–255) below which two pictures are "the same".
    static let frozenDifference = 0.5
    /// Mean luma at or below which a flat picture is black (video range black is 16).
    static let blackLevel = 24.0
    static let blackFlatness = 4.0

    private var previous: LumaGrid?
    private var frozenStart: Double?
    private var blackStart: Double?
    private(set) var frozenRuns: [TimeRun] = []
    private(set) var blackRuns: [TimeRun] = []

    init(freezeSeconds: Double, blackSeconds: Double) {
        self.freezeSeconds = freezeSeconds
        self.blackSeconds = blackSeconds
    }

    mutating func add(_ g: LumaGrid) {
        guard let t = g.time else { return }
        let isBlack = g.mean <= Self.blackLevel && g.standardDeviation <= Self.blackFlatness
        if isBlack {
            if blackStart == nil { blackStart = t }
        } else if let s = blackStart {
            close(&blackRuns, s, t, blackSeconds)
            blackStart = nil
        }
        if let p = previous, p.meanAbsoluteDifference(g) < Self.frozenDifference, !isBlack {
            if frozenStart == nil { frozenStart = p.time ?? t }
        } else if let s = frozenStart {
            close(&frozenRuns, s, t, freezeSeconds)
            frozenStart = nil
        }
        previous = g
    }

    /// Closes runs still open at the end.
    mutating func finish(at end: Double) {
        if let s = blackStart { close(&blackRuns, s, end, blackSeconds); blackStart = nil }
        if let s = frozenStart { close(&frozenRuns, s, end, freezeSeconds); frozenStart = nil }
    }

    private func close(_ runs: inout [TimeRun], _ start: Double, _ end: Double, _ minimum: Double) {
        if end - start >= minimum - 1e-6 { runs.append(TimeRun(start: start, end: end)) }
    }
}
