import Foundation

/// The frames of another `SampleSource` at another rate, converted by soxr (`SampleRateConverter`) as they
/// are read: `prepare` measures an input at its own rate and converts it only while rendering, instead of
/// keeping a converted copy (four bytes a frame and channel written and read back).
///
/// Frame `k` is the instant `k / outputRate`, as for a conversion of the whole signal from its start, and
/// there are `ceil(source.frames × outputRate / inputRate)` of them, the count libswresample gives for the
/// whole signal. A read that continues where an earlier one ended continues that conversion; a read elsewhere
/// starts a new one at the last frame at least `warmUpFrames` before it where the two rates' sample grids
/// meet (a frame of both), and drops the frames before the position. Past the filter's settling (a few hundred
/// frames) the frames equal the whole conversion's to float rounding (`ResampledFramesTests`). Reads may run on
/// several threads at once: each takes a conversion of its own from a small pool.
public final class ResampledFrames: SampleSource, @unchecked Sendable {
    /// Interleaved channels per frame, the source's.
    public let channels: Int
    /// Frames at `outputRate`: `ceil(source.frames × outputRate / inputRate)`.
    public let frames: Int64
    private let outputRate: Int
    private let source: any SampleSource
    private let inputRate: Int
    /// Frames of the input and of the output between two instants where the grids meet.
    private let inputStep: Int64, outputStep: Int64
    /// Output frames converted and dropped before a position a conversion starts at.
    private let warmUpFrames: Int64
    private let lock = NSLock()
    private var idle: [Conversion] = []
    private let label: String

    /// `source`, at `inputRate`, converted to `outputRate`; `label` names the audio in errors.
    public init(source: any SampleSource, inputRate: Int, outputRate: Int, label: String) {
        self.source = source
        self.channels = source.channels
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.label = label
        var a = inputRate, b = outputRate
        while b != 0 { (a, b) = (b, a % b) }
        inputStep = Int64(inputRate / a)
        outputStep = Int64(outputRate / a)
        frames = Self.frames(source.frames, from: inputRate, to: outputRate)
        // soxr settles within a few hundred output frames (measured between 8 and 96 kHz); 1024 input frames is more.
        warmUpFrames = max(1024, 1024 * Int64(outputRate) / Int64(inputRate))
    }

    /// `frames` at `inputRate` as frames at `outputRate`: the count for that span (rounded up, as libswresample
    /// converts a whole signal), or, not `roundingUp`, the frame at or before that instant.
    public static func frames(_ frames: Int64, from inputRate: Int, to outputRate: Int, roundingUp: Bool = true) -> Int64 {
        (max(0, frames) * Int64(outputRate) + (roundingUp ? Int64(inputRate) - 1 : 0)) / Int64(inputRate)
    }

    /// Converted frames from `first` (see `SampleSource.read(from:into:)`); throws the source's errors and
    /// libswresample's.
    public func read(from first: Int64, into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
        let want = Int(max(0, min(Int64(buffer.count / channels), frames - first)))
        guard want > 0 else { return 0 }
        let conversion = try take(at: first)
        try conversion.deliver(UnsafeMutableBufferPointer(rebasing: buffer[0..<want * channels]), source: source)
        // Back to the pool only after a whole read (one that failed midway is left to go).
        lock.lock()
        if idle.count < 4 { idle.append(conversion) }
        lock.unlock()
        return want
    }

    /// Drops the pooled conversions and releases the source.
    public func release() {
        lock.lock()
        idle.removeAll()
        lock.unlock()
        source.release()
    }

    /// A conversion whose next frame is `position`: an idle one already there, else one started before it.
    private func take(at position: Int64) throws -> Conversion {
        lock.lock()
        let found = idle.firstIndex { $0.next == position }.map { idle.remove(at: $0) }
        lock.unlock()
        if let found { return found }
        // Where the grids meet, at least the warm-up before the position.
        let start = max(0, (position - warmUpFrames) / outputStep) * outputStep
        let c = Conversion(converter: try SampleRateConverter(inputRate: inputRate, outputRate: outputRate, channels: channels, path: label),
                           outputAt: start, inputAt: start / outputStep * inputStep)
        try c.skip(to: position, source: source)
        return c
    }

    /// One running conversion: the next input frame to feed and the next output frame to hand out. The
    /// converter writes straight into the reader's buffer; input that does not fit yet waits in libswresample.
    private final class Conversion {
        let converter: SampleRateConverter
        let channels: Int
        /// The output frame the next one handed out is.
        private(set) var next: Int64
        private var inputAt: Int64
        private var inputEnded = false
        private var input: [Float]
        private static let inputChunk = 8192

        init(converter: SampleRateConverter, outputAt: Int64, inputAt: Int64) {
            self.converter = converter
            channels = converter.channels
            next = outputAt
            self.inputAt = inputAt
            input = [Float](repeating: 0, count: Self.inputChunk * converter.channels)
        }

        /// Converts and drops frames up to `position` (silence from the converted end on).
        func skip(to position: Int64, source: any SampleSource) throws {
            var dropped = [Float](repeating: 0, count: 4096 * channels)
            while next < position {
                let n = Int(min(4096, position - next))
                let got = try dropped.withUnsafeMutableBufferPointer { try produce(into: UnsafeMutableBufferPointer(rebasing: $0[0..<n * channels]), source: source) }
                guard got > 0 else { next = position; return }
                next += Int64(got)
            }
        }

        /// Fills `buffer` with the next frames (silence past the end of the conversion).
        func deliver(_ buffer: UnsafeMutableBufferPointer<Float>, source: any SampleSource) throws {
            let wanted = buffer.count / channels
            var filled = 0
            while filled < wanted {
                let got = try produce(into: UnsafeMutableBufferPointer(rebasing: buffer[filled * channels..<wanted * channels]), source: source)
                guard got > 0 else {
                    // libswresample gave fewer frames than the whole conversion's count: the rest is silence.
                    UnsafeMutableBufferPointer(rebasing: buffer[filled * channels..<wanted * channels]).update(repeating: 0)
                    break
                }
                filled += got
            }
            next += Int64(wanted)
        }

        /// Converts into `output` (at most its frames); 0 only once the input ended and the filter is drained.
        private func produce(into output: UnsafeMutableBufferPointer<Float>, source: any SampleSource) throws -> Int {
            let room = output.count / channels
            while true {
                var got = 0
                if !inputEnded {
                    // About the input the room needs; libswresample keeps what it cannot convert into the room yet.
                    let want = min(Self.inputChunk, max(1, room * converter.inputRate / converter.outputRate))
                    got = try input.withUnsafeMutableBufferPointer { try source.read(from: inputAt, into: UnsafeMutableBufferPointer(rebasing: $0[0..<want * channels])) }
                    inputAt += Int64(got)
                    inputEnded = got == 0
                }
                let n = try input.withUnsafeBufferPointer { i in
                    try converter.convert(got > 0 ? UnsafeBufferPointer(rebasing: i[0..<got * channels]) : nil, into: output)
                }
                if n > 0 || inputEnded { return n }
            }
        }
    }
}
