/// Where the samples saw no face: each faceless sample opens a range that lasts until the next sample
/// with a face (or the end), so the ranges are as precise as the sampling is dense.
struct FacePresence {
    let noFaceRanges: [TimeRun]
    let noFaceShare: Double

    init(frames: [FaceFrame], end: Double) {
        var ranges: [TimeRun] = []
        var open: Double?
        for f in frames {
            if f.faces.isEmpty { if open == nil { open = f.time } } else if let s = open {
                ranges.append(TimeRun(start: s, end: f.time))
                open = nil
            }
        }
        if let s = open { ranges.append(TimeRun(start: s, end: max(s, end))) }
        noFaceRanges = ranges
        let total = ranges.reduce(0) { $0 + $1.duration }
        noFaceShare = end > 0 ? min(1, total / end) : (frames.allSatisfy { $0.faces.isEmpty } ? 1 : 0)
    }
}
