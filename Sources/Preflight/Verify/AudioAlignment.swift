import Foundation
import MediaIO

/// Where the submitted audio sits in the output's audio: FFT cross-correlation of the two at 8 kHz
/// over the first minute, the lag with the highest normalised correlation, and the level change.
enum AudioAlignment {
    static let rate = 8000
    static let maxSeconds = 60
    /// Lags searched, seconds each way.
    static let maxLagSeconds = 1.0

    struct Result {
        var offsetMs: Double
        var similarity: Double
        var levelChangeDB: Double?
        /// The curve of the window whose lag was taken, when asked for (lags relative to the output's first sample).
        var curve: CorrelationCurve?
    }

    /// Mono samples of a file's first audio stream at `rate`, first `maxSeconds`.
    static func reference(path: String, timeout: Double) throws -> [Float] {
        let file = try InputFile(path: path, options: .reopeningToDecode(timeoutSeconds: timeout))
        let stream = try AudioSampleStream(file: file, sampleRate: rate, channels: 1)
        let limit = rate * maxSeconds
        var out: [Float] = []
        out.reserveCapacity(limit)
        try stream.read { chunk, _ in
            out.append(contentsOf: chunk.prefix(limit - out.count))
            return out.count < limit
        }
        return out
    }

    /// Seconds per correlation window: its FFT (2x, next power of two) must stay within `ComplexFFT.maxLength`.
    static let windowSeconds = 6
    static let windows = 5

    /// Correlates `output` against `reference` in up to five windows spread over their common span;
    /// the offset is the median over windows that match. Positive offsets mean the output's audio is late.
    static func align(output: [Float], reference: [Float], keepCurve: Bool = false) throws -> Result? {
        let n = min(output.count, reference.count)
        guard n >= rate / 2 else { return nil }
        let w = min(n, windowSeconds * rate)
        var size = 1
        while size < 2 * w { size <<= 1 }
        let forward = try ComplexFFT(length: size, inverse: false)
        let inverse = try ComplexFFT(length: size, inverse: true)
        let count = n - w < rate ? 1 : windows
        var found: [(lag: Double, score: Double)] = []
        var curves: [CorrelationCurve?] = []
        for k in 0..<count {
            let start = count == 1 ? 0 : (n - w) * k / (count - 1)
            let x = Array(output[start..<start + w]), y = Array(reference[start..<start + w])
            if let m = correlate(x, y, size: size, forward: forward, inverse: inverse, keepScores: keepCurve) {
                found.append((m.lag, m.score))
                curves.append(m.scores.map { CorrelationCurve(scores: $0, firstLag: -(($0.count - 1) / 2), rate: rate, stepMs: 2) })
            }
        }
        guard !found.isEmpty else { return nil }
        let matching = found.filter { $0.score >= 0.5 }
        let pool = (matching.isEmpty ? found : matching).sorted { $0.lag < $1.lag }
        let lag = pool[pool.count / 2].lag
        let scores = found.map(\.score).sorted()
        let similarity = scores[scores.count / 2]
        var ex = 0.0, ey = 0.0
        for i in 0..<n { ex += Double(output[i]) * Double(output[i]); ey += Double(reference[i]) * Double(reference[i]) }
        let level = ex > 0 && ey > 0 ? 10 * log10(ex / ey) : nil
        let chosen = found.firstIndex { $0.lag == lag }
        return Result(offsetMs: lag / Double(rate) * 1000, similarity: max(0, similarity), levelChangeDB: level,
                      curve: chosen.flatMap { curves[$0] })
    }

    /// The lag (samples, sub-sample refined) of `x` against `y` with the highest normalised correlation.
    /// With `keepScores`, also the score at every lag from −maxLag to +maxLag (0 where an overlap is silent).
    static func correlate(_ x: [Float], _ y: [Float], size: Int, forward: ComplexFFT, inverse: ComplexFFT,
                          keepScores: Bool = false) -> (lag: Double, score: Double, scores: [Double]?)? {
        let n = x.count
        let X = forward.run(re: x, im: [])
        let Y = forward.run(re: y, im: [])
        // X · conj(Y): r[k] = Σ x[i+k] y[i].
        var re = [Float](repeating: 0, count: size), im = [Float](repeating: 0, count: size)
        for i in 0..<size {
            re[i] = X.re[i] * Y.re[i] + X.im[i] * Y.im[i]
            im[i] = X.im[i] * Y.re[i] - X.re[i] * Y.im[i]
        }
        let r = inverse.run(re: re, im: im).re
        let maxLag = min(Int(maxLagSeconds * Double(rate)), n / 2)
        // Normalise by the energy of the overlapping parts so no lag wins for its overlap alone.
        var prefixX = [Double](repeating: 0, count: n + 1), prefixY = [Double](repeating: 0, count: n + 1)
        for i in 0..<n {
            prefixX[i + 1] = prefixX[i] + Double(x[i]) * Double(x[i])
            prefixY[i + 1] = prefixY[i] + Double(y[i]) * Double(y[i])
        }
        var bestLag = 0, best = -Double.infinity
        var all: [Double] = []
        if keepScores { all.reserveCapacity(2 * maxLag + 1) }
        for lag in -maxLag...maxLag {
            let value = Double(r[(lag + size) % size]) / Double(size)
            let ex = lag >= 0 ? prefixX[n] - prefixX[lag] : prefixX[n + lag]
            let ey = lag >= 0 ? prefixY[n - lag] : prefixY[n] - prefixY[-lag]
            guard ex > 1e-9, ey > 1e-9 else { if keepScores { all.append(0) }; continue }
            let score = value / (ex * ey).squareRoot()
            if keepScores { all.append(score) }
            if score > best { best = score; bestLag = lag }
        }
        guard best > -Double.infinity else { return nil }
        var refined = Double(bestLag)
        if bestLag > -maxLag && bestLag < maxLag {
            let a = Double(r[(bestLag - 1 + size) % size]), b = Double(r[(bestLag + size) % size]), c = Double(r[(bestLag + 1 + size) % size])
            let denom = a - 2 * b + c
            if denom != 0 { refined += 0.5 * (a - c) / denom }
        }
        return (refined, best, keepScores ? all : nil)
    }
}
