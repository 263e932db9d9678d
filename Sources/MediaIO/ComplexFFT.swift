import CFFmpeg

/// A forward or inverse complex FFT of a fixed power-of-two length (libavutil's `av_tx`), owning its
/// `AVTXContext`. Swift on Linux has no Accelerate; this is libavutil's own optimised transform.
public final class ComplexFFT {
    public let length: Int
    private var context: OpaquePointer?
    private let transform: av_tx_fn

    /// libavutil 5.1 has fast power-of-two transforms up to 2^17 points; beyond that `av_tx` falls back
    /// to an O(n²) DFT that would run for minutes. Longer signals are correlated in windows.
    public static let maxLength = 1 << 17

    public init(length: Int, inverse: Bool) throws {
        guard length > 1, length <= Self.maxLength, length & (length - 1) == 0 else {
            throw MediaIOError.libav(path: "", operation: "setting up a \(length)-point FFT", code: .invalidArgument,
                                     detail: "length must be a power of two up to \(Self.maxLength)")
        }
        self.length = length
        var ctx: OpaquePointer? = nil
        var fn: av_tx_fn? = nil
        var scale: Float = 1
        // Swift arrays are not 32-byte aligned: without AV_TX_UNALIGNED the AVX code faults.
        let rc = av_tx_init(&ctx, &fn, AV_TX_FLOAT_FFT, inverse ? 1 : 0, Int32(length), &scale, UInt64(AV_TX_UNALIGNED.rawValue))
        guard rc >= 0, let fn else {
            throw MediaIOError.libav(path: "", operation: "setting up a \(length)-point FFT", code: AVResultCode(rawValue: rc), detail: "")
        }
        context = ctx
        transform = fn
    }

    deinit { av_tx_uninit(&context) }

    private var scratchIn: [AVComplexFloat] = []
    private var scratchOut: [AVComplexFloat] = []

    /// Transforms `re`/`im` (each `length` long) in place, without allocating: for transforms run per
    /// 20 ms hop. Not thread-safe (it reuses its buffers).
    public func transform(re: inout [Float], im: inout [Float]) {
        precondition(re.count == length && im.count == length)
        if scratchIn.count != length {
            scratchIn = [AVComplexFloat](repeating: AVComplexFloat(re: 0, im: 0), count: length)
            scratchOut = scratchIn
        }
        let n = length
        scratchIn.withUnsafeMutableBufferPointer { inp in
            re.withUnsafeBufferPointer { r in im.withUnsafeBufferPointer { i in
                for k in 0..<n { inp[k].re = r[k]; inp[k].im = i[k] }
            } }
            scratchOut.withUnsafeMutableBufferPointer { out in
                transform(context, out.baseAddress, inp.baseAddress, MemoryLayout<AVComplexFloat>.stride)
                re.withUnsafeMutableBufferPointer { r in im.withUnsafeMutableBufferPointer { i in
                    for k in 0..<n { r[k] = out[k].re; i[k] = out[k].im }
                } }
            }
        }
    }

    /// Transforms `re`/`im` (each `length` long) and returns the result in the same layout.
    public func run(re: [Float], im: [Float]) -> (re: [Float], im: [Float]) {
        var input = [AVComplexFloat](repeating: AVComplexFloat(re: 0, im: 0), count: length)
        for i in 0..<min(length, re.count) { input[i].re = re[i] }
        for i in 0..<min(length, im.count) { input[i].im = im[i] }
        var output = [AVComplexFloat](repeating: AVComplexFloat(re: 0, im: 0), count: length)
        input.withUnsafeMutableBytes { inp in
            output.withUnsafeMutableBytes { out in
                transform(context, out.baseAddress, inp.baseAddress, MemoryLayout<AVComplexFloat>.stride)
            }
        }
        return (output.map(\.re), output.map(\.im))
    }
}
