import Foundation
import MediaIO

/// The true-peak level of every frame: the highest |x| over the frame's samples and the three points a
/// 4x oversampler puts between it and the next frame, across channels.
///
/// The interpolation is polyphase windowed-sinc as in BS.1770-4 Annex 2, but 24 taps per phase: the
/// 12-tap filter under-reads content near Nyquist by 1 dB or more, which would let such peaks through a
/// limiter. The envelope scales with the signal (`envelope(g·x) = g·envelope(x)`), so one envelope serves
/// every gain the preparer tries. Eight frames are interpolated at a time with SIMD; the scalar reference
/// is `TruePeakEnvelope.phases` applied tap by tap. A position's level does not depend on how the signal
/// was cut into chunks, nor on where the reading started (given the frames before it), so two computations
/// over the same signal agree exactly.
public struct TruePeakEnvelope {
    /// Interleaved channels per frame of the input.
    public let channels: Int

    static let taps = 24
    /// Frames of right context a position needs: its envelope is known once frame `q + firPad` arrived.
    static let firPad = taps / 2
    /// The first sample of the interpolation window is `q - back`.
    static let back = firPad - 1
    /// phases[k][j]: weight of sample (q - back + j) for the point q + (k+1)/4.
    static let phases: [[Double]] = (1...3).map { k in
        let frac = Double(k) / 4
        var h = (0..<taps).map { j -> Double in
            let d = frac + Double(back) - Double(j)
            let sinc = d == 0 ? 1 : sin(Double.pi * d) / (Double.pi * d)
            let w = 0.5 * (1 + cos(Double.pi * d / (Double(firPad) + 0.5)))
            return sinc * w
        }
        let sum = h.reduce(0, +)
        h = h.map { $0 / sum }
        return h
    }
    /// The three phases' coefficients as Float, phase-major (72 values).
    static let coefficients: [Float] = phases.flatMap { $0.map { Float($0) } }

    /// Per channel: samples not yet fully used (the left context of the next position, then new input).
    private var pending: [[Float]]
    /// Where only levels that may reach it count (a limiter's threshold): runs of positions that cannot read 0.
    private let reaching: Float?
    /// Positions emitted so far.
    public private(set) var positionsOut: Int64 = 0

    /// Silence before the first frame gives the interpolation its left context.
    public init(channels: Int) {
        self.init(channels: channels, reaching: nil)
    }

    /// With `reaching`, runs of 24 positions whose samples cannot give a level that reaches it (a bound: the
    /// largest sample in their windows times the largest sum of |h| of a phase) read 0 instead of their levels:
    /// what a limiter whose threshold it is needs, at a fraction of the interpolation for quiet passages.
    init(channels: Int, reaching: Float?) {
        self.channels = channels
        self.reaching = reaching
        pending = Array(repeating: [Float](repeating: 0, count: Self.back), count: channels)
    }

    /// Starting inside a signal: `before` holds the interleaved frames just before the first one fed (the
    /// last `back` of them are used; silence where there are fewer), so the levels are those of the whole
    /// signal's envelope at the same positions.
    init(channels: Int, before: UnsafeBufferPointer<Float>, reaching: Float? = nil) {
        self.init(channels: channels, reaching: reaching)
        let frames = before.count / channels, used = min(frames, Self.back)
        for c in 0..<channels {
            for f in 0..<used { pending[c][Self.back - used + f] = before[(frames - used + f) * channels + c] }
        }
    }

    /// Feeds interleaved frames; appends to `envelope` the level of every position whose right context
    /// is now known (positions lag the input by `firPad` frames).
    public mutating func add(_ interleaved: UnsafeBufferPointer<Float>, to envelope: inout [Float]) {
        let frames = interleaved.count / channels
        guard let src = interleaved.baseAddress else { return }
        if channels == 1 { return addMono(src, frames: frames, to: &envelope) }
        let start = envelope.count
        var produced = 0
        for c in 0..<channels {
            let old = pending[c].count
            pending[c].reserveCapacity(old + frames)
            pending[c].append(contentsOf: repeatElement(0, count: frames))
            pending[c].withUnsafeMutableBufferPointer { b in
                let dst = b.baseAddress! + old
                for f in 0..<frames { dst[f] = src[f * channels + c] }
            }
            // Positions back ..< count - firPad have their whole window.
            let count = pending[c].count
            let n = max(0, count - Self.back - Self.firPad)
            if c == 0 {
                produced = n
                envelope.append(contentsOf: repeatElement(0, count: n))
            }
            pending[c].withUnsafeBufferPointer { b in
                envelope.withUnsafeMutableBufferPointer { e in
                    levels(b.baseAddress!, positions: n, into: e.baseAddress! + start)
                }
            }
            // Keep the left context of the next position.
            if n > 0 { pending[c].removeFirst(n) }
        }
        positionsOut += Int64(produced)
    }

    /// Mono without copying the chunk: the positions whose window starts in the kept samples are computed from
    /// a short seam (those samples and the chunk's first ones), the rest straight from the chunk.
    private mutating func addMono(_ x: UnsafePointer<Float>, frames: Int, to envelope: inout [Float]) {
        let context = Self.back + Self.firPad          // a window is context + 1 samples
        let kept = pending[0].count
        let n = max(0, kept + frames - context)
        guard n > 0 else {
            pending[0].append(contentsOf: UnsafeBufferPointer(start: x, count: frames))
            return
        }
        let start = envelope.count
        envelope.append(contentsOf: repeatElement(0, count: n))
        var seam = pending[0]
        seam.append(contentsOf: UnsafeBufferPointer(start: x, count: min(frames, context)))
        let fromSeam = min(kept, n)
        seam.withUnsafeBufferPointer { b in
            envelope.withUnsafeMutableBufferPointer { e in
                levels(b.baseAddress!, positions: fromSeam, into: e.baseAddress! + start)
                if n > fromSeam { levels(x, positions: n - fromSeam, into: e.baseAddress! + start + fromSeam) }
            }
        }
        // The next position's left context: the last `context` samples of the kept ones followed by the chunk.
        if frames >= context {
            pending[0] = Array(UnsafeBufferPointer(start: x + frames - context, count: context))
        } else {
            pending[0] = Array(seam[n...])     // the seam is then all of them
        }
        positionsOut += Int64(n)
    }

    /// `add(_:to:)` over an array of interleaved frames.
    public mutating func add(_ interleaved: [Float], to envelope: inout [Float]) {
        interleaved.withUnsafeBufferPointer { add($0, to: &envelope) }
    }

    /// Levels of `positions` consecutive positions; `x` points at the first one's window start
    /// (position - back). Maxed into `out`, which starts at 0 for the first channel.
    func levels(_ x: UnsafePointer<Float>, positions: Int, into out: UnsafeMutablePointer<Float>) {
        Self.coefficients.withUnsafeBufferPointer { h in
            if let reaching {
                SignalKernels.truePeakLevels(x, positions: positions, coefficients: h, taps: Self.taps, back: Self.back,
                                             reaching: reaching, into: out)
            } else {
                SignalKernels.truePeakLevels(x, positions: positions, coefficients: h, taps: Self.taps, back: Self.back, into: out)
            }
        }
    }
}
