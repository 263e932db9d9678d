import CFFmpeg

/// libswresample's soxr resampler from one rate to another over interleaved 32-bit float frames of a fixed
/// channel count: the conversion `AudioSampleStream` applies to decoded frames, for samples already decoded
/// (soxr's output is aligned to its input: output frame 0 is input frame 0's instant). Owns its `SwrContext`.
public final class SampleRateConverter {
    /// Input frames per second.
    public let inputRate: Int
    /// Output frames per second.
    public let outputRate: Int
    /// Interleaved channels per frame, in and out.
    public let channels: Int
    private var swr: OpaquePointer?
    private let path: String

    /// `path` names the audio in errors.
    public init(inputRate: Int, outputRate: Int, channels: Int, path: String) throws {
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.channels = channels
        self.path = path
        var layout = AVChannelLayout()
        av_channel_layout_default(&layout, Int32(channels))
        swr = try Self.makeContext(channels: channels, rate: outputRate, inLayout: &layout, inFormat: AV_SAMPLE_FMT_FLT,
                                   inRate: inputRate, soxr: true, path: path)
    }

    /// A libswresample context converting to interleaved float at `rate` with `channels` (libav's default layout,
    /// a downmix by libswresample's matrix where the input has more), through soxr where `soxr` and the rates
    /// differ. `Resampler` makes its contexts here too. Throws `MediaIOError` when libswresample refuses.
    static func makeContext(channels: Int, rate: Int, inLayout: inout AVChannelLayout, inFormat: AVSampleFormat, inRate: Int,
                            soxr: Bool, path: String) throws -> OpaquePointer {
        var outLayout = AVChannelLayout()
        av_channel_layout_default(&outLayout, Int32(channels))
        var ctx: OpaquePointer?
        var rc = swr_alloc_set_opts2(&ctx, &outLayout, AV_SAMPLE_FMT_FLT, Int32(rate), &inLayout, inFormat, Int32(inRate), 0, nil)
        if rc >= 0, let ctx {
            if soxr && inRate != rate { rc = av_opt_set(UnsafeMutableRawPointer(ctx), "resampler", "soxr", 0) }
            if rc >= 0 { rc = swr_init(ctx) }
        }
        guard rc >= 0, let ctx else {
            swr_free(&ctx)
            throw MediaIOError.libav(path: path, operation: "setting up the resampler", code: rc < 0 ? AVResultCode(rawValue: rc) : .noMemory,
                                     detail: LibavLog.lastError)
        }
        return ctx
    }

    deinit { swr_free(&swr) }

    /// Converts `input` (whole frames) into `output`, returning the frames written: at most what `output`
    /// holds, the rest kept for the next call. Nil drains what is kept and what the filter still holds at the
    /// end of the signal (call until it returns 0).
    public func convert(_ input: UnsafeBufferPointer<Float>?, into output: UnsafeMutableBufferPointer<Float>) throws -> Int {
        var out: UnsafeMutablePointer<UInt8>? = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: UInt8.self)
        let capacity = Int32(output.count / channels)
        let rc: Int32
        if let input, let base = input.baseAddress {
            var inp: UnsafePointer<UInt8>? = UnsafeRawPointer(base).assumingMemoryBound(to: UInt8.self)
            rc = swr_convert(swr, &out, capacity, &inp, Int32(input.count / channels))
        } else {
            rc = swr_convert(swr, &out, capacity, nil, 0)
        }
        if rc < 0 {
            throw MediaIOError.libav(path: path, operation: "resampling audio", code: AVResultCode(rawValue: rc), detail: LibavLog.lastError)
        }
        return Int(rc)
    }
}
