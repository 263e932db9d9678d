import CFFmpeg

/// A decoded picture kept past its decode: a new reference to the decoder's buffers (no pixel copied), so a
/// copy can be made once the caller knows which one it wants. It holds the frame's memory until released;
/// use it from one thread at a time.
public final class HeldPicture: @unchecked Sendable {
    private var frame: UnsafeMutablePointer<AVFrame>?
    public let time: Double?

    init?(_ source: UnsafeMutablePointer<AVFrame>, time: Double?) {
        guard let f = av_frame_clone(source) else { return nil }
        frame = f
        self.time = time
    }

    deinit { av_frame_free(&frame) }

    /// The copy `request` asks for, as `PictureCopy.make` would have made it at decode time.
    public func copy(_ request: PictureCopyRequest) -> PictureCopy? {
        guard let frame, request.kind != .held else { return nil }
        return PictureCopy.make(frame, request: request, time: time)
    }
}
