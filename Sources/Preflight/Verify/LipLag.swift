import Foundation

/// How far the lips are from the sound: the lag that maximises the correlation of the mouth opening with the
/// speech-band envelope, frame by frame. Positive when the lips come after the sound.
///
/// Both series are high-passed (a 0.8 s moving mean removed) so slow drifts of head pose and loudness do not
/// decide the peak; each run of consecutive measured frames is standardised on its own and the products are
/// pooled over runs. Speech has a syllable rhythm of 4–5 a second, so the correlation also has side peaks
/// ~200–250 ms from the true one: the confidence is the margin of the peak over the best other peak at least
/// 100 ms away, and a lag with a small margin is reported as not measurable (docs/CONTENT.md).
public struct LipLag: Codable, Sendable, Equatable {
    /// Lips minus sound, ms (positive: the lips move after the sound).
    public var lagMs: Double
    /// Normalised correlation at the lag (−1…1) and at the best other peak at least 100 ms away.
    public var correlation: Double
    /// Normalised correlation at the best other peak at least 100 ms away from `lagMs`.
    public var runnerUpCorrelation: Double
    /// 0–1: `(correlation − runnerUpCorrelation) / 0.2`, capped; below `measurableConfidence` the lag is not trusted.
    public var confidence: Double
    /// Frames the correlation was measured on.
    public var frames: Int

    /// The lowest `confidence` at which the lag is trusted.
    public static let measurableConfidence = 0.5
    /// Correlations are searched within ± this many seconds.
    static let maxLagSeconds = 0.6
    static let highPassSeconds = 0.8
    /// A run shorter than this many frames says nothing about a lag.
    static let minRunFrames = 25

    /// Whether the lag is trusted (`confidence` at least `measurableConfidence`).
    public var isMeasurable: Bool { confidence >= Self.measurableConfidence }

    /// The lag between `opening` (per frame, nil where no mouth was measured, `frameSeconds` apart, in runs of
    /// consecutive frames) and `level` (the speech-band level over the same frames). nil when no run is long enough.
    static func measure(runs: [[(opening: Double, level: Double)]], frameSeconds: Double) -> LipLag? {
        let maxLag = max(1, Int((maxLagSeconds / frameSeconds).rounded(.up)))
        var sums = [Double](repeating: 0, count: 2 * maxLag + 1), counts = [Int](repeating: 0, count: 2 * maxLag + 1)
        var frames = 0
        let k = highPassLength(frameSeconds: frameSeconds)
        for run in runs where run.count >= max(minRunFrames, 2 * maxLag + 1) {
            guard let m = standardised(highPass(run.map(\.opening), k)), let e = standardised(highPass(run.map(\.level), k)) else { continue }
            frames += run.count
            let n = run.count
            for L in -maxLag...maxLag {
                // m[t + L] against e[t]: the mouth L frames after the sound.
                var s = 0.0, c = 0
                for t in max(0, -L)..<min(n, n - L) { s += m[t + L] * e[t]; c += 1 }
                sums[L + maxLag] += s
                counts[L + maxLag] += c
            }
        }
        guard frames > 0 else { return nil }
        let curve = zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : 0 }
        guard let best = curve.indices.max(by: { curve[$0] < curve[$1] }) else { return nil }
        var offset = 0.0
        if best > 0, best < curve.count - 1 {
            let (y0, y1, y2) = (curve[best - 1], curve[best], curve[best + 1])
            let d = y0 - 2 * y1 + y2
            if d < 0 { offset = 0.5 * (y0 - y2) / d }
        }
        let apart = max(1, Int((0.1 / frameSeconds).rounded(.up)))
        var runnerUp = -1.0
        for i in curve.indices where abs(i - best) >= apart {
            let left = i == 0 ? -Double.infinity : curve[i - 1], right = i == curve.count - 1 ? -Double.infinity : curve[i + 1]
            if curve[i] >= left, curve[i] >= right { runnerUp = max(runnerUp, curve[i]) }
        }
        let lag = (Double(best - maxLag) + offset) * frameSeconds * 1000
        let margin = curve[best] - max(runnerUp, 0)
        return LipLag(lagMs: (lag * 10).rounded() / 10, correlation: (curve[best] * 1000).rounded() / 1000,
                      runnerUpCorrelation: (runnerUp * 1000).rounded() / 1000,
                      confidence: (min(1, max(0, margin / 0.2)) * 100).rounded() / 100, frames: frames)
    }

    /// Frames in the high-pass's moving mean (odd, at least 3).
    static func highPassLength(frameSeconds: Double) -> Int { max(3, Int((highPassSeconds / frameSeconds).rounded()) | 1) }

    static func highPass(_ x: [Double], _ k: Int) -> [Double] {
        let h = k / 2
        var prefix = [0.0]
        prefix.reserveCapacity(x.count + 1)
        for v in x { prefix.append(prefix.last! + v) }
        return x.indices.map { i in
            let a = max(0, i - h), b = min(x.count, i + h + 1)
            return x[i] - (prefix[b] - prefix[a]) / Double(b - a)
        }
    }

    static func standardised(_ x: [Double]) -> [Double]? {
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let sd = (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
        guard sd > 1e-9 else { return nil }
        return x.map { ($0 - mean) / sd }
    }
}
