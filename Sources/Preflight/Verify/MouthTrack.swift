import Foundation
import MediaIO

/// Follows the face through dense windows of a video during a decode and measures how open the mouth is on
/// every frame: dlib finds the face on the window's first frame (a 640 px grey copy) and every
/// `redetectFrames` after (on a crop around it), the 68 landmarks follow it in between, and the opening is the
/// outer lips' height (landmarks 51–57) over the nose-to-chin length (27–8), so it does not depend on the
/// face's size. Landmarks cost ~4 ms a frame: only frames inside `windows` are copied at all.
final class MouthTrack: OutputPictureReader {
    /// One frame of a window: its time (seconds from the video stream's start) and the opening, nil when no
    /// face or landmarks were found.
    struct Sample {
        var time: Double
        var opening: Double?
    }

    static let detectWidth = 640
    /// Face width the landmark crop is scaled to (landmarks need no more).
    static let landmarkFaceWidth = 160.0
    static let redetectFrames = 12

    let windows: [TimeRun]
    private let detector: FaceDetector
    private let predictor: LandmarkPredictor
    /// The face in frame pixels, from the last landmarks; nil when lost.
    private var face: PixelRect?
    private var framesSinceDetect = MouthTrack.redetectFrames
    private(set) var samples: [Sample] = []

    init(windows: [TimeRun], detector: FaceDetector, predictor: LandmarkPredictor) {
        self.windows = windows
        self.detector = detector
        self.predictor = predictor
    }

    /// Dense windows for a video of `duration` seconds: all of it up to `wholeSeconds`; beyond that the first
    /// `firstSeconds` and `laterCount` windows of `laterSeconds` spread over the rest, so the cost is bounded.
    static func windows(duration: Double, wholeSeconds: Double = 20, firstSeconds: Double = 8, laterCount: Int = 2,
                        laterSeconds: Double = 4) -> [TimeRun] {
        guard duration > 0 else { return [] }
        guard duration > wholeSeconds else { return [TimeRun(start: 0, end: duration)] }
        var w = [TimeRun(start: 0, end: firstSeconds)]
        for i in 1...laterCount {
            let centre = firstSeconds + (duration - firstSeconds) * Double(i) / Double(laterCount + 1)
            w.append(TimeRun(start: centre - laterSeconds / 2, end: centre + laterSeconds / 2))
        }
        return w
    }

    private func inWindow(_ t: Double) -> Bool { windows.contains { t >= $0.start - 1e-6 && t < $0.end } }

    func want(time: Double?, width: Int, height: Int) -> [PictureCopyRequest] {
        guard let t = time, inWindow(t) else {
            face = nil   // a new window starts with a detection
            framesSinceDetect = Self.redetectFrames
            return []
        }
        if let f = face {
            // The face and a margin of 60 % of its size around it, scaled so the face is ~160 px wide.
            let m = Int(Double(max(f.width, f.height)) * 0.6)
            let crop = PixelRect(x: f.x - m, y: f.y - m, width: f.width + 2 * m, height: f.height + 2 * m).clamped(width: width, height: height)
            let scale = min(1, Self.landmarkFaceWidth / Double(max(1, f.width)))
            return [PictureCopyRequest(kind: .gray, maxWidth: max(24, Int(Double(crop?.width ?? width) * scale)), crop: crop)]
        }
        // No face: look again every `redetectFrames` only (a whole-picture detection costs ~20–85 ms).
        guard framesSinceDetect >= Self.redetectFrames else {
            framesSinceDetect += 1
            return []
        }
        return [PictureCopyRequest(kind: .gray, maxWidth: Self.detectWidth)]
    }

    func take(time: Double?, copies: [PictureCopy]) {
        guard let t = time, inWindow(t) else { return }
        guard let g = copies.first?.gray else {
            samples.append(Sample(time: t, opening: nil))
            return
        }
        let searching = face == nil
        // Boxes below are in the copy's pixels; `toFrame` maps them back.
        func toFrame(_ b: FaceBox) -> PixelRect {
            PixelRect(x: g.originX + Int(Double(b.left) * g.scale), y: g.originY + Int(Double(b.top) * g.scale),
                      width: Int(Double(b.width) * g.scale), height: Int(Double(b.height) * g.scale))
        }
        var box: FaceBox?
        if face == nil || framesSinceDetect >= Self.redetectFrames {
            // Small faces in a 640 px copy need dlib's upsampling (its window is 80 px).
            let found = detector.detect(g, upsample: searching && g.width <= 400 ? 1 : 0)
            box = found?.max { $0.width * $0.height < $1.width * $1.height }
            framesSinceDetect = 0
            if box == nil, face != nil, let f = face {
                // Not re-found on the crop: keep following the landmarks' box for now.
                box = FaceBox(left: Int(Double(f.x - g.originX) / g.scale), top: Int(Double(f.y - g.originY) / g.scale),
                              right: Int(Double(f.x + f.width - g.originX) / g.scale), bottom: Int(Double(f.y + f.height - g.originY) / g.scale), score: 0)
            }
        } else if let f = face {
            box = FaceBox(left: Int(Double(f.x - g.originX) / g.scale), top: Int(Double(f.y - g.originY) / g.scale),
                          right: Int(Double(f.x + f.width - g.originX) / g.scale), bottom: Int(Double(f.y + f.height - g.originY) / g.scale), score: 0)
        }
        framesSinceDetect += 1
        guard let box, let l = predictor.landmarks(in: g, face: box), l.points.count == 68 else {
            face = nil
            samples.append(Sample(time: t, opening: nil))
            return
        }
        func d(_ a: Int, _ b: Int) -> Double {
            let dx = Double(l.points[a].x - l.points[b].x), dy = Double(l.points[a].y - l.points[b].y)
            return (dx * dx + dy * dy).squareRoot()
        }
        let reference = d(27, 8)
        // The next frame's box: the landmarks' extent, as tall as dlib's boxes (brows to chin, cheek to cheek).
        let xs = l.points.map { Double($0.x) }, ys = l.points.map { Double($0.y) }
        let x0 = xs.min()!, x1 = xs.max()!, y0 = ys.min()!, y1 = ys.max()!
        let lifted = y0 - (y1 - y0) * 0.1
        face = toFrame(FaceBox(left: Int(x0), top: Int(lifted), right: Int(x1), bottom: Int(y1), score: 0))
        guard reference > 4 else {
            samples.append(Sample(time: t, opening: nil))
            return
        }
        samples.append(Sample(time: t, opening: d(51, 57) / reference))
    }

    /// Runs of consecutive measured frames (a missing face or a gap of more than 1.5 frames ends a run).
    func runs(frameSeconds: Double) -> [[Sample]] {
        var out: [[Sample]] = [], cur: [Sample] = []
        for s in samples.sorted(by: { $0.time < $1.time }) {
            if s.opening == nil || (cur.last.map { s.time - $0.time > 1.5 * frameSeconds } ?? false) {
                if !cur.isEmpty { out.append(cur) }
                cur = []
            }
            if s.opening != nil { cur.append(s) }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }
}
