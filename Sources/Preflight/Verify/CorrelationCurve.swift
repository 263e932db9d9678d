/// A normalised cross-correlation over a range of lags (verify's audio alignment), kept for the HTML report:
/// `values[i]` is the highest correlation within the lags `firstLagMs + i * stepMs` ..< one step further.
public struct CorrelationCurve: Codable, Sendable, Equatable {
    /// The lag of `values[0]`, the lowest searched, ms.
    public var firstLagMs: Double
    /// Width of each value's bucket of lags, ms.
    public var stepMs: Double
    /// The highest correlation in each bucket, in lag order.
    public var values: [Double]

    /// The lag of the last value, ms (`firstLagMs` for an empty curve).
    public var lastLagMs: Double { firstLagMs + Double(max(0, values.count - 1)) * stepMs }

    /// `scores` at whole-sample lags from `firstLag` (samples at `rate` Hz), folded into `stepMs` buckets by their maximum.
    init(scores: [Double], firstLag: Int, rate: Int, stepMs: Double) {
        let perStep = max(1, Int((stepMs / 1000 * Double(rate)).rounded()))
        self.stepMs = Double(perStep) / Double(rate) * 1000
        firstLagMs = Double(firstLag) / Double(rate) * 1000
        values = stride(from: 0, to: scores.count, by: perStep).map { i in
            ((scores[i..<min(scores.count, i + perStep)].max() ?? 0) * 1000).rounded() / 1000
        }
    }
}
