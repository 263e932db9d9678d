import CFFmpeg

/// Decodes every frame of a video stream, counting them, and makes a `GrayPicture` only of every
/// `stride`-th one: the frame count stays exact while the grey conversion (swscale) is paid only for the
/// frames that are looked at.
public final class GrayFrameSampler {
    private let decoder: Decoder
    private let timeBase: Rational
    private let maxWidth: Int
    public let stride: Int
    /// Frames decoded so far.
    public private(set) var frameCount = 0

    public init(decoder: Decoder, timeBase: Rational, maxWidth: Int, stride: Int) {
        self.decoder = decoder
        self.timeBase = timeBase
        self.maxWidth = maxWidth
        self.stride = max(1, stride)
    }

    /// Decodes `packet` (nil: flush) and returns the sampled frames it produced with their 0-based index.
    public func decode(_ packet: Packet?) -> [(index: Int, picture: GrayPicture)] {
        var out: [(index: Int, picture: GrayPicture)] = []
        let each: (UnsafeMutablePointer<AVFrame>) -> Void = { f in
            defer { self.frameCount += 1 }
            guard self.frameCount % self.stride == 0 else { return }
            let ts = f.pointee.best_effort_timestamp
            let time = ts == pf_nopts_value() || !self.timeBase.isValid ? nil : self.timeBase.seconds(ts)
            if let p = GrayPicture.make(f, maxWidth: self.maxWidth, time: time) { out.append((self.frameCount, p)) }
        }
        if let packet { decoder.decode(packet, onFrame: each) } else { decoder.flush(onFrame: each) }
        return out
    }
}
