import Foundation

/// F-FACE-* and V-STILL-01 of the `sync` profile: what the content pass saw of the faces and the motion in
/// the video (`content.faces`, `content.stillRuns`). Silent when content was not measured (`--content off`,
/// or named in `content.notMeasured`).
enum FaceRules {
    static func faces(_ c: RuleContext) -> FaceFigures? { c.videoContent?.faces }

    static func times(_ runs: [TimeRun], limit: Int = 4) -> String {
        let shown = runs.prefix(limit).map { String(format: "%.2f–%.2f s", $0.start, $0.end) }.joined(separator: ", ")
        return runs.count > limit ? shown + " and \(runs.count - limit) more" : shown
    }

    static func box(_ f: DetectedFace) -> String { "\(f.width)x\(f.height) px at (\(f.box[0]), \(f.box[1]))" }

    /// A crop around `face` that makes it `share` of the picture's height, keeping the aspect ratio, then
    /// scaled back to the original height (even sizes, inside the frame).
    static func cropCommand(_ face: DetectedFace, width W: Int, height H: Int, share: Double) -> String {
        var ch = min(H, Int((Double(face.height) / share).rounded()))
        ch -= ch % 2
        var cw = min(W, Int((Double(ch) * Double(W) / Double(H)).rounded()))
        cw -= cw % 2
        let x = max(0, min(W - cw, Int(face.centerX - Double(cw) / 2)))
        let y = max(0, min(H - ch, Int(face.centerY - Double(ch) / 2)))
        return "ffmpeg -i IN -vf \"crop=\(cw):\(ch):\(x):\(y),scale=-2:\(H)\" -c:v libx264 -crf 18 -c:a copy OUT.mp4"
    }

    static let all: [RuleDefinition] = [
        RuleDefinition(Rule("F-FACE-01", "Face on the first frame", .warning, .video,
                            check: "dlib's frontal face detector finds a face on the first frame (faces from about 40 px tall at up to 1000 px wide, 80 px above)",
                            fix: "start the video on a frame that shows the face: ffmpeg -ss T -i IN -c:v libx264 -crf 18 -c:a aac OUT.mp4",
                            sources: ["TSTART", "3P-frame0"], confidence: "T")) { c in
            guard let f = faces(c), f.firstFrameFaces == 0 else { return [] }
            let later = f.frames.first { !$0.faces.isEmpty }
            let whenSeen = later.map { String(format: "; the first face is seen at %.2f s", $0.time) } ?? "; no face was found in any sampled frame"
            return [RuleHit("no face on the first frame: the API picks the face on the first frame and may reject the job" + whenSeen,
                            measured: "0 faces", limit: "≥ 1 face",
                            fix: later.map { String(format: "start the video where the face shows: ffmpeg -ss %.2f -i IN -c:v libx264 -crf 18 -c:a aac OUT.mp4 (the audio must be cut the same way)", $0.time) },
                            start: 0, end: later?.time)]
        },
        RuleDefinition(Rule("F-FACE-02", "One face, or a selected speaker", .warning, .video,
                            check: "at most one face in every sampled frame, unless the request selects the speaker",
                            fix: "select the speaker: options.active_speaker_detection ({auto_detect: true}, or frame_number + coordinates on the face, or bounding_boxes), e.g. with check --speaker",
                            sources: ["SPK", "TSTART"], confidence: "P")) { c in
            guard !c.speakerSelected, let f = faces(c), let most = f.mostFaces, most.faces.count > 1 else { return [] }
            let frames = f.frames.filter { $0.faces.count > 1 }
            return [RuleHit(String(format: "%d faces at %.2f s (more than one in %d of %d sampled frames) and no speaker selected: the API may lip-sync the wrong face",
                                   most.faces.count, most.time, frames.count, f.frames.count),
                            measured: "\(most.faces.count) faces", limit: "1 face, or options.active_speaker_detection",
                            start: frames.first?.time, end: frames.last?.time)]
        },
        RuleDefinition(Rule("F-FACE-03", "Face large enough", .warning, .video,
                            check: "the face box (median over sampled frames of the largest face) is at least face.minHeightShare (0.12) of the frame height and face.minHeightPixels (80 px) tall",
                            fix: "crop closer to the face (the finding gives the crop computed from the face box), or film closer",
                            sources: ["TS", "MCT", "MOD"], confidence: "D")) { c in
            guard let f = faces(c) else { return [] }
            let largest = f.frames.compactMap { fr in fr.faces.first.map { (fr.time, $0) } }
            guard !largest.isEmpty else { return [] }
            let sorted = largest.sorted { $0.1.height < $1.1.height }
            let (t, median) = sorted[sorted.count / 2]
            let share = c.thresholds[.faceMinHeightShare], floor = c.thresholds[.faceMinHeightPixels]
            guard median.heightShare < share || Double(median.height) < floor else { return [] }
            let target = max(share, min(0.4, floor / Double(f.frameHeight)) * 1.5)
            return [RuleHit(String(format: "face %@ is %.0f%% of the %d px frame height (median of %d sampled frames): the model gets few pixels of the mouth",
                                   box(median), median.heightShare * 100, f.frameHeight, largest.count),
                            measured: String(format: "%d px, %.0f%%", median.height, median.heightShare * 100),
                            limit: String(format: "≥ %.0f%% and ≥ %@ px", share * 100, Say.num(floor)),
                            fix: cropCommand(median, width: f.frameWidth, height: f.frameHeight, share: min(0.5, target))
                                + String(format: " (from the face box at %.2f s: check the face stays inside the crop)", t),
                            start: t)]
        },
        RuleDefinition(Rule("F-FACE-04", "Face throughout", .warning, .video,
                            check: "no stretch without a face longer than face.maxNoFaceSeconds (1 s) or covering more than face.maxNoFaceShare (0.1) of the video, from the sampled frames",
                            fix: "cut the stretches without a face, or cover them with footage of the speaker",
                            sources: ["MCT", "TS", "3P-frame0"], confidence: "D")) { c in
            guard let f = faces(c), !f.noFaceRanges.isEmpty else { return [] }
            let longest = f.noFaceRanges.map(\.duration).max() ?? 0
            guard f.noFaceShare > c.thresholds[.faceMaxNoFaceShare] || longest >= c.thresholds[.faceMaxNoFaceSeconds] else { return [] }
            return [RuleHit(String(format: "no face %@ (%.0f%% of the video, from %d sampled frames): nothing to lip-sync there", times(f.noFaceRanges),
                                   f.noFaceShare * 100, f.frames.count),
                            measured: String(format: "%.0f%%, longest %.2f s", f.noFaceShare * 100, longest),
                            limit: String(format: "≤ %.0f%% and < %@ s", c.thresholds[.faceMaxNoFaceShare] * 100, Say.num(c.thresholds[.faceMaxNoFaceSeconds])),
                            start: f.noFaceRanges[0].start, end: f.noFaceRanges[0].end)]
        },
        RuleDefinition(Rule("F-FACE-05", "Face turned to the camera", .info, .video,
                            check: "head turn (yaw, from dlib's 68 landmarks) of the largest face within face.maxYawDegrees (35°) in the sampled frames; measured with --content thorough only; faces turned beyond about 60° are mostly not found at all (F-FACE-01/04); measured accuracy in docs/CONTENT.md",
                            fix: "use footage where the speaker faces the camera",
                            sources: ["MCT", "TS"], confidence: "D")) { c in
            guard let f = faces(c) else { return [] }
            let limit = c.thresholds[.faceMaxYawDegrees]
            let turned = f.frames.compactMap { fr -> (Double, Double)? in
                guard let y = fr.faces.first?.yawDegrees, abs(y) > limit else { return nil }
                return (fr.time, y)
            }
            guard let worst = turned.max(by: { abs($0.1) < abs($1.1) }) else { return [] }
            return [RuleHit(String(format: "face turned %.0f° at %.2f s (beyond %@° in %d of %d sampled frames): the mouth is seen from the side",
                                   abs(worst.1), worst.0, Say.num(limit), turned.count, f.frames.count),
                            measured: String(format: "%.0f°", abs(worst.1)), limit: "≤ \(Say.num(limit))°",
                            start: turned.first?.0, end: turned.last?.0)]
        },
        RuleDefinition(Rule("V-STILL-01", "Picture moves (lipsync-2, lipsync-2-pro)", .warning, .video,
                            check: "no run of video.stillSeconds (2 s) or more where the picture does not change, for lipsync-2 and lipsync-2-pro; needs every frame decoded (--content fast does it for short videos, thorough always)",
                            fix: "use sync-3 (--model sync-3), or replace the still stretch with footage of the speaker talking",
                            sources: ["MOD", "HOW", "3P-still"], confidence: "P")) { c in
            guard c.model == .lipsync2 || c.model == .lipsync2Pro, let runs = c.videoContent?.stillRuns, !runs.isEmpty else { return [] }
            let longest = runs.map(\.duration).max() ?? 0
            return [RuleHit(String(format: "the picture is still %@ (longest %.2f s): %@ does not lip-sync still portions", times(runs), longest, c.model.rawValue),
                            measured: String(format: "%.2f s still", longest), limit: "< \(Say.num(c.thresholds[.videoStillSeconds])) s",
                            start: runs[0].start, end: runs[0].end)]
        },
    ]
}
