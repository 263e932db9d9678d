/// Turns per-frame face boxes into the `active_speaker_detection` value for a chosen face: a point on it in a
/// frame where it is clearly seen, or its track with exactly one entry per real frame of the video.
public enum SpeakerSelection {
    /// Why no value could be made; `message` says it in a sentence.
    public struct Failure: Error, Sendable, Equatable {
        /// What stands in the way, and what to do instead.
        public var message: String
    }

    /// What was chosen, for the report.
    public struct Outcome: Sendable, Equatable, Codable {
        /// `auto`, `largest`, `left`, `right`, or `face N from the left`.
        public var choice: String
        /// The frame of the point (or of the clearest sighting, for a track), and the chosen box there.
        public var frame: Int?
        /// The chosen face's box in `frame`; nil for `auto`.
        public var box: FaceSample.Box?
        /// Faces seen in the frames where the most were seen.
        public var facesSeen: Int?
        /// For a track: frames it covers and frames where the face is not seen (null entries).
        public var frames: Int?
        /// For a track: frames where the face is not seen (null entries); nil for a point.
        public var framesWithoutFace: Int?
    }

    /// A point in the frame where the chosen face is biggest among the frames showing the most faces (so that
    /// "left" and "N" count everybody), ties to the earliest. `auto` needs no faces.
    public static func point(_ samples: [FaceSample], choice: SpeakerChoice) throws(Failure) -> (value: ActiveSpeaker, outcome: Outcome) {
        if choice == .auto { return (.auto, Outcome(choice: choice.description)) }
        let (frame, box, seen) = try clearest(samples, choice: choice)
        let x = Int(box.centerX.rounded(.down)), y = Int(box.centerY.rounded(.down))
        return (.point(frame: frame, x: x, y: y),
                Outcome(choice: choice.description, frame: frame, box: box, facesSeen: seen))
    }

    /// The chosen face's track: for each of the video's `frameCount` frames the box of the nearest sample
    /// within `hold` frames (the sampling stride, so the frames after the last sample keep its box), or null. The face is followed from the frames where everybody is seen (there the
    /// choice rule picks it) to the others by the nearest box centre, accepted within `maxJump` box widths.
    public static func track(_ samples: [FaceSample], choice: SpeakerChoice, frameCount: Int, frameWidth: Int, frameHeight: Int,
                             hold: Int, maxJump: Double = 0.75) throws(Failure) -> (value: ActiveSpeaker, outcome: Outcome) {
        guard choice != .auto else { throw Failure(message: "--speaker-boxes needs a chosen face (largest, left, right or N), not auto") }
        guard frameCount > 0 else { throw Failure(message: "the video has no decodable frame to put boxes on") }
        let (bestFrame, bestBox, seen) = try clearest(samples, choice: choice)
        // Anchors: samples where all faces are seen, so the rule itself names the face.
        let anchors: [(frame: Int, box: FaceSample.Box)] = samples.compactMap { s in
            guard s.boxes.count == seen || choice == .largest, let b = choice.pick(s.boxes) else { return nil }
            return (s.frame, b)
        }
        var chosen: [Int: FaceSample.Box] = [:]
        for s in samples where !s.boxes.isEmpty {
            let ref = anchors.min { abs($0.frame - s.frame) < abs($1.frame - s.frame) }?.box ?? bestBox
            let near = s.boxes.min { distance($0, ref) < distance($1, ref) }!
            if distance(near, ref) <= maxJump * Double(max(ref.width, ref.height)) { chosen[s.frame] = near }
        }
        let sampled = samples.map(\.frame).sorted()
        var track: [[Int]?] = []
        track.reserveCapacity(frameCount)
        var cursor = 0
        for f in 0..<frameCount {
            while cursor + 1 < sampled.count, abs(sampled[cursor + 1] - f) <= abs(sampled[cursor] - f) { cursor += 1 }
            guard !sampled.isEmpty, abs(sampled[cursor] - f) <= hold, let box = chosen[sampled[cursor]] else {
                track.append(nil)
                continue
            }
            track.append(box.corners(frameWidth: frameWidth, frameHeight: frameHeight))
        }
        let missing = track.filter { $0 == nil }.count
        return (.boxes(track), Outcome(choice: choice.description, frame: bestFrame, box: bestBox, facesSeen: seen,
                                       frames: frameCount, framesWithoutFace: missing))
    }

    static func distance(_ a: FaceSample.Box, _ b: FaceSample.Box) -> Double {
        let dx = a.centerX - b.centerX, dy = a.centerY - b.centerY
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The frame and box where the chosen face is seen best, and how many faces the fullest frames show.
    static func clearest(_ samples: [FaceSample], choice: SpeakerChoice) throws(Failure) -> (frame: Int, box: FaceSample.Box, seen: Int) {
        let seen = samples.map(\.boxes.count).max() ?? 0
        guard seen > 0 else {
            throw Failure(message: "no face was found in the \(samples.count) sampled frame(s): there is no face to point the API at (use --speaker auto, or none)")
        }
        if case .number(let n) = choice, n > seen {
            throw Failure(message: "--speaker \(n): at most \(seen) face(s) were seen in one sampled frame")
        }
        // "largest" is a property of one box, any frame will do; the others count faces, so all must be seen.
        let frames = samples.filter { choice == .largest ? !$0.boxes.isEmpty : $0.boxes.count == seen }
        var best: (frame: Int, box: FaceSample.Box)?
        for s in frames.sorted(by: { $0.frame < $1.frame }) {
            guard let b = choice.pick(s.boxes) else { continue }
            if best == nil || b.area > best!.box.area { best = (s.frame, b) }
        }
        guard let best else { throw Failure(message: "the chosen face (\(choice.description)) was not found in any sampled frame") }
        return (best.frame, best.box, seen)
    }
}
