import Foundation

/// The loudness of the speech band over time: mono audio band-passed to 1–3.8 kHz (where the sound of an
/// open mouth differs most from a closed one; on the real clips this band followed the lips better than
/// 0.1–1 kHz or 0.3–3 kHz), as RMS per 10 ms block. Memory: 100 floats a second.
struct SpeechEnvelope {
    static let blockSeconds = 0.01
    let rate: Int
    private let blockLength: Int
    private var band: BandPass
    private var sum = 0.0
    private var count = 0
    /// RMS per block, from the first sample given.
    private(set) var blocks: [Float] = []

    init(rate: Int) {
        self.rate = rate
        blockLength = max(1, Int((Double(rate) * Self.blockSeconds).rounded()))
        band = BandPass(rate: Double(rate), low: 1000, high: min(3800, 0.475 * Double(rate)))
    }

    mutating func add(_ x: UnsafeBufferPointer<Float>) {
        for v in x {
            let y = band.filter(Double(v))
            sum += y * y
            count += 1
            if count == blockLength {
                blocks.append(Float((sum / Double(count)).squareRoot()))
                sum = 0
                count = 0
            }
        }
    }

    /// Mean RMS over [start, end) seconds of the audio (times from its first sample); nil outside it.
    func level(from start: Double, to end: Double) -> Double? {
        let a = max(0, Int((start / Self.blockSeconds).rounded())), b = min(blocks.count, Int((end / Self.blockSeconds).rounded()))
        guard b > a else { return nil }
        var s = 0.0
        for i in a..<b { s += Double(blocks[i]) }
        return s / Double(b - a)
    }
}

/// A 4th-order Butterworth high-pass at `low` and low-pass at `high`, each two second-order sections (RBJ
/// cookbook, Q 0.541 and 1.307): gentler slopes let a deep voice's strong low band decide the envelope.
struct BandPass {
    private var sections: [Biquad]

    init(rate: Double, low: Double, high: Double) {
        sections = [0.5412, 1.3066].flatMap { q in
            [Biquad(rate: rate, frequency: low, highPass: true, q: q), Biquad(rate: rate, frequency: high, highPass: false, q: q)]
        }
    }

    mutating func filter(_ x: Double) -> Double {
        var y = x
        for i in sections.indices { y = sections[i].filter(y) }
        return y
    }
}

struct Biquad {
    private let b0, b1, b2, a1, a2: Double
    private var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0

    init(rate: Double, frequency: Double, highPass: Bool, q: Double = 0.7071) {
        let w = 2 * Double.pi * frequency / rate, alpha = sin(w) / (2 * q), c = cos(w)
        let a0 = 1 + alpha
        if highPass {
            b0 = (1 + c) / 2 / a0; b1 = -(1 + c) / a0; b2 = b0
        } else {
            b0 = (1 - c) / 2 / a0; b1 = (1 - c) / a0; b2 = b0
        }
        a1 = -2 * c / a0
        a2 = (1 - alpha) / a0
    }

    mutating func filter(_ x: Double) -> Double {
        let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2 = x1; x1 = x; y2 = y1; y1 = y
        return y
    }
}
