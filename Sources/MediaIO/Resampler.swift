import CFFmpeg

/// libswresample conversion of decoded audio frames to interleaved 32-bit float at a chosen rate and
/// channel count; owns its `SwrContext` and output frame. Downmixing uses libswresample's matrix built
/// from the channel layouts (centre and surrounds folded in, not dropped).
public final class Resampler {
    public let outputRate: Int
    public let outputChannels: Int
    private var swr: OpaquePointer?
    private var output: UnsafeMutablePointer<AVFrame>?
    private var configuredFor: (rate: Int32, format: Int32, channels: Int32, order: UInt32)?
    private let path: String
    private let useSoxr: Bool

    public init(outputRate: Int, outputChannels: Int, path: String, highQuality: Bool = true) {
        self.outputRate = outputRate
        self.outputChannels = outputChannels
        self.path = path
        self.useSoxr = highQuality
        output = av_frame_alloc()
    }

    deinit {
        swr_free(&swr)
        av_frame_free(&output)
    }

    /// Converts one decoded frame; `body` receives interleaved samples (frames × channels).
    func convert(_ frame: UnsafeMutablePointer<AVFrame>, _ body: (UnsafeBufferPointer<Float>) -> Void) throws {
        if frame.pointee.ch_layout.order == AV_CHANNEL_ORDER_UNSPEC {
            // A WAV without a channel mask: take libav's default layout for the count, as ffmpeg does.
            let n = frame.pointee.ch_layout.nb_channels
            av_channel_layout_uninit(&frame.pointee.ch_layout)
            av_channel_layout_default(&frame.pointee.ch_layout, n)
        }
        let f = frame.pointee
        let key = (f.sample_rate, f.format, f.ch_layout.nb_channels, f.ch_layout.order.rawValue)
        if configuredFor == nil || configuredFor! != key {
            try configure(frame)
            configuredFor = key
        }
        try run(input: frame, body)
    }

    /// Drains samples libswresample still holds (its filter delay) at the end of the stream.
    func flush(_ body: (UnsafeBufferPointer<Float>) -> Void) throws {
        guard swr != nil else { return }
        try run(input: nil, body)
    }

    private func run(input: UnsafeMutablePointer<AVFrame>?, _ body: (UnsafeBufferPointer<Float>) -> Void) throws {
        guard let output else { return }
        av_frame_unref(output)
        output.pointee.format = AV_SAMPLE_FMT_FLT.rawValue
        output.pointee.sample_rate = Int32(outputRate)
        av_channel_layout_default(&output.pointee.ch_layout, Int32(outputChannels))
        let rc = swr_convert_frame(swr, output, input)
        if rc < 0 {
            throw MediaIOError.libav(path: path, operation: "resampling audio", code: AVResultCode(rawValue: rc), detail: LibavLog.lastError)
        }
        let n = Int(output.pointee.nb_samples) * outputChannels
        if n > 0, let data = output.pointee.data.0 {
            data.withMemoryRebound(to: Float.self, capacity: n) { body(UnsafeBufferPointer(start: $0, count: n)) }
        }
    }

    private func configure(_ frame: UnsafeMutablePointer<AVFrame>) throws {
        swr_free(&swr)
        var inLayout = frame.pointee.ch_layout
        swr = try SampleRateConverter.makeContext(channels: outputChannels, rate: outputRate, inLayout: &inLayout,
                                                  inFormat: AVSampleFormat(rawValue: frame.pointee.format),
                                                  inRate: Int(frame.pointee.sample_rate), soxr: useSoxr, path: path)
    }
}
