/// Jumps in a video's presentation times: consecutive pictures, in presentation order, further apart than
/// three frame intervals plus 20 ms.
///
/// It is fed the decoded pictures' times. Packets come in decode order, where B-frames (and more so
/// B-pyramids) put a later picture before earlier ones, so their PTS jump ahead by several frames in an
/// evenly spaced stream; the decoder hands pictures back in presentation order. A small sorted window
/// still absorbs a decoder that lets a few pictures out early (before it knows the stream's reorder depth).
struct TimestampGaps {
    /// libavcodec reorders at most 16 pictures (H.264/HEVC DPB), so a later one never comes out further back.
    static let window = 16

    /// The interval the stream declares (1 / frame rate): lets a jump be seen before a regular interval has been.
    let declaredInterval: Double?
    private var pending: [Double] = []
    private var last: Double?
    /// The shortest interval between consecutive pictures seen so far, seconds.
    private(set) var shortestInterval: Double?
    private(set) var gaps: [TimeRun] = []

    init(declaredInterval: Double?) {
        self.declaredInterval = declaredInterval.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
    }

    mutating func add(_ time: Double) {
        let i = pending.firstIndex { $0 > time } ?? pending.count
        pending.insert(time, at: i)
        if pending.count > Self.window { take(pending.removeFirst()) }
    }

    /// Judges the pictures still in the window; call once after the last `add`.
    mutating func finish() {
        for t in pending { take(t) }
        pending.removeAll()
    }

    private mutating func take(_ t: Double) {
        // Equal or earlier times (duplicates, a picture let out too late) are not a step forward.
        guard let previous = last else { last = t; return }
        guard t > previous else { return }
        let step = t - previous
        if let interval = [shortestInterval, declaredInterval].compactMap({ $0 }).min(), step > 3 * interval + 0.02 {
            gaps.append(TimeRun(start: previous, end: t))
        }
        shortestInterval = min(shortestInterval ?? step, step)
        last = t
    }
}
