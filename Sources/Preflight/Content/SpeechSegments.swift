/// Builds speech segments from per-hop speech decisions, in order, without keeping the hops: short
/// pauses inside speech (under `bridge` seconds) are part of it, blips under `minimum` seconds are dropped.
struct SpeechSegments {
    static let bridge = 0.3
    static let minimum = 0.12
    /// Segments kept in the figures; the totals count all of them.
    static let maxListed = 500

    let hop: Double
    private(set) var segments: [SpeechFigures.Segment] = []
    private(set) var speechSeconds = 0.0
    private(set) var count = 0
    private(set) var first: SpeechFigures.Segment?
    private(set) var last: SpeechFigures.Segment?
    private(set) var longestGap: SpeechFigures.Segment?
    private var open: (start: Double, end: Double)?
    private var index = 0

    init(hop: Double) { self.hop = hop }

    /// The next hop's decision.
    mutating func add(_ speech: Bool) {
        let t = Double(index) * hop
        index += 1
        guard speech else { return }
        if let o = open, t - o.end < Self.bridge {
            open = (o.start, t + hop)
        } else {
            close()
            open = (t, t + hop)
        }
    }

    /// Closes the last segment; call once at the end.
    mutating func finish() { close() }

    private mutating func close() {
        guard let o = open else { return }
        open = nil
        guard o.end - o.start >= Self.minimum else { return }
        let s = SpeechFigures.Segment(start: round3(o.start), end: round3(o.end))
        if let l = last, longestGap.map({ $0.end - $0.start < s.start - l.end }) ?? true {
            longestGap = SpeechFigures.Segment(start: l.end, end: s.start)
        }
        if first == nil { first = s }
        last = s
        count += 1
        speechSeconds += o.end - o.start
        if segments.count < Self.maxListed { segments.append(s) }
    }
}

func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
