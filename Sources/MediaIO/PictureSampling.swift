import CFFmpeg

/// What `InputFile.samplePictures` decodes: the first picture, then one picture at or after each target
/// time, either from every frame or from keyframes alone.
public struct PictureSampling: Sendable {
    /// Widest grey copy of the first picture (faces are smallest there relative to the detector).
    public var firstMaxWidth: Int
    /// Widest grey copy of the later pictures.
    public var maxWidth: Int
    /// Seconds from the stream start, ascending; the first picture is always taken as well.
    public var targets: [Double]
    /// Decode keyframes only (the decoder discards every other frame unread): cheap, but no luma grids
    /// of consecutive frames.
    public var keyframesOnly: Bool
    /// Colour thumbnails (the HTML report): the first picture's at most `firstThumbnailWidth` wide, and every
    /// `thumbnailEvery`-th later picture's at most `thumbnailWidth`; nil widths take none.
    public var firstThumbnailWidth: Int?
    public var thumbnailWidth: Int?
    public var thumbnailEvery = 1

    public init(firstMaxWidth: Int, maxWidth: Int, targets: [Double], keyframesOnly: Bool) {
        self.firstMaxWidth = firstMaxWidth
        self.maxWidth = maxWidth
        self.targets = targets
        self.keyframesOnly = keyframesOnly
    }
}

/// One picture handed out by `samplePictures`.
public struct SampledPicture: Sendable {
    public var picture: GrayPicture
    /// The stream's first decoded picture.
    public var isFirst: Bool
    /// Width and height of the decoded frame (the grey copy may be smaller).
    public var sourceWidth: Int
    public var sourceHeight: Int
    /// A small colour copy, when the plan asks for one of this picture.
    public var thumbnail: RGBPicture?

    public init(picture: GrayPicture, isFirst: Bool, sourceWidth: Int, sourceHeight: Int, thumbnail: RGBPicture? = nil) {
        self.picture = picture
        self.isFirst = isFirst
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.thumbnail = thumbnail
    }
}

extension Decoder {
    /// Makes the decoder drop every frame but keyframes without decoding them (AVDISCARD_NONKEY).
    public func discardNonKeyframes(_ on: Bool) {
        context?.pointee.skip_frame = on ? AVDISCARD_NONKEY : AVDISCARD_DEFAULT
    }
}

extension InputFile {
    /// Reads a video stream once, from the start, and hands out grey copies of the pictures `plan` asks for
    /// (`onPicture`) and, unless keyframes only, a luma grid of every decoded frame (`onGrid`, for still runs).
    /// Times are seconds from the stream's start. Returns the decode tally (frames, errors).
    public func samplePictures(streamIndex: Int, plan: PictureSampling, onGrid: (LumaGrid) -> Void,
                               onPicture: (SampledPicture) -> Void) throws -> DecodeTally {
        let st = stream(at: streamIndex)
        let tb = st.timeBase
        let start = st.startTime.map { tb.seconds($0) } ?? 0
        let decoder = try Decoder(file: self, streamIndex: streamIndex, threads: plan.keyframesOnly ? 1 : 2)
        decoder.discardNonKeyframes(plan.keyframesOnly)
        let packet = Packet()
        var next = 0          // index of the next target time
        var tookFirst = false
        var later = 0         // later pictures handed out
        let targets = plan.targets
        func thumbnail(_ f: UnsafeMutablePointer<AVFrame>, width: Int?, time: Double?) -> RGBPicture? {
            width.flatMap { RGBPicture.make(f, maxWidth: $0, time: time, originX: 0, originY: 0) }
        }

        func take(_ f: UnsafeMutablePointer<AVFrame>) {
            let ts = f.pointee.best_effort_timestamp
            let t = ts == pf_nopts_value() || !tb.isValid ? nil : tb.seconds(ts) - start
            if !plan.keyframesOnly, let g = LumaGrid.sample(f, time: t) { onGrid(g) }
            let width = Int(f.pointee.width), height = Int(f.pointee.height)
            if !tookFirst {
                tookFirst = true
                while next < targets.count, targets[next] <= (t ?? 0) + 1e-6 { next += 1 }
                if let p = GrayPicture.make(f, maxWidth: plan.firstMaxWidth, time: t) {
                    onPicture(SampledPicture(picture: p, isFirst: true, sourceWidth: width, sourceHeight: height,
                                             thumbnail: thumbnail(f, width: plan.firstThumbnailWidth, time: t)))
                }
                return
            }
            guard let t, next < targets.count, t >= targets[next] - 1e-6 else { return }
            while next < targets.count, targets[next] <= t + 1e-6 { next += 1 }
            if let p = GrayPicture.make(f, maxWidth: plan.maxWidth, time: t) {
                let small = later % max(1, plan.thumbnailEvery) == 0 ? thumbnail(f, width: plan.thumbnailWidth, time: t) : nil
                later += 1
                onPicture(SampledPicture(picture: p, isFirst: false, sourceWidth: width, sourceHeight: height, thumbnail: small))
            }
        }

        while try readPacket(into: packet) {
            let info = packet.info
            guard info.streamIndex == streamIndex else { continue }
            if plan.keyframesOnly {
                guard info.isKeyframe else { continue }
                // A keyframe before the next target is not sent at all: it would be decoded for nothing.
                if tookFirst, let pts = info.pts, tb.isValid, tb.seconds(pts) - start < (next < targets.count ? targets[next] : .infinity) - 1e-6 {
                    continue
                }
                if tookFirst, next >= targets.count { break }
            }
            decoder.decode(packet, onFrame: take)
        }
        decoder.flush(onFrame: take)
        return decoder.tally
    }
}

extension InputFile {
    /// Reads a video stream once, from the start, and hands out for each target time (seconds from the
    /// stream's start, ascending) the first picture at or after `target - tolerance`, with the copies
    /// `requests` asks for; `onPicture` gets the indices of the targets that picture serves (several when
    /// targets are closer than the pictures), its time from the stream's start, and the copies. Reading
    /// stops once every target is served. `keyframesOnly` decodes keyframes alone, and does not even send
    /// the decoder a keyframe that comes before the next target.
    public func samplePictureCopies(streamIndex: Int, targets: [Double], tolerance: Double, keyframesOnly: Bool,
                                    requests: [PictureCopyRequest],
                                    onPicture: (_ targets: Range<Int>, _ time: Double, _ copies: [PictureCopy]) -> Void) throws -> DecodeTally {
        let st = stream(at: streamIndex)
        let tb = st.timeBase
        let start = st.startTime.map { tb.seconds($0) } ?? 0
        let decoder = try Decoder(file: self, streamIndex: streamIndex, threads: keyframesOnly ? 1 : 2)
        decoder.discardNonKeyframes(keyframesOnly)
        let packet = Packet()
        var next = 0
        // Decided per picture in `want` (in presentation order), consumed in the same order from the results.
        var served: [(time: Double, targets: Range<Int>)] = []
        func want(_ time: Double?, _ w: Int, _ h: Int) -> [PictureCopyRequest] {
            guard let time, next < targets.count, time - start >= targets[next] - tolerance else { return [] }
            let first = next
            while next < targets.count, targets[next] - tolerance <= time - start { next += 1 }
            served.append((time, first..<next))
            return requests
        }
        func hand(_ pictures: [DecodedPicture]) {
            for p in pictures {
                guard let t = p.time, let head = served.first, head.time == t else { continue }
                served.removeFirst()
                if !p.copies.isEmpty { onPicture(head.targets, t - start, p.copies) }
            }
        }
        while next < targets.count, try readPacket(into: packet) {
            let info = packet.info
            guard info.streamIndex == streamIndex else { continue }
            if keyframesOnly {
                guard info.isKeyframe else { continue }
                if let pts = info.pts, tb.isValid, tb.seconds(pts) - start < targets[next] - tolerance { continue }
            }
            hand(decoder.decodePictures(packet, timeBase: tb, want: want))
        }
        hand(decoder.decodePictures(nil, timeBase: tb, want: want))
        return decoder.tally
    }
}

extension InputFile {
    /// The presentation times (seconds from the stream's start, ascending) of the pictures a decode of
    /// `streamIndex` shows, from its packets alone, nothing decoded: every frame's, or the keyframes' only
    /// (as `samplePictureCopies(keyframesOnly: true)` picks them). So a caller knows which picture will serve a
    /// time before decoding it. nil when a packet has no presentation timestamp (a decoder would guess the
    /// times) or the stream has no valid time base. A read error ends the list there. Every packet is read:
    /// telling the MP4 demuxer to skip non-keyframes (AVDISCARD_NONKEY) would read less, but libavformat 5.1
    /// then hands out wrong presentation times for streams with B-frames (composition offsets skipped).
    public func pictureTimes(streamIndex: Int, keyframesOnly: Bool) -> [Double]? {
        let st = stream(at: streamIndex)
        let tb = st.timeBase
        guard tb.isValid else { return nil }
        let start = st.startTime.map { tb.seconds($0) } ?? 0
        let packet = Packet()
        var times: [Double] = []
        while (try? readPacket(into: packet)) == true {
            let info = packet.info
            guard info.streamIndex == streamIndex, !info.isDiscarded, !keyframesOnly || info.isKeyframe else { continue }
            guard let pts = info.pts else { return nil }
            times.append(tb.seconds(pts) - start)
        }
        return times.sorted()
    }
}
