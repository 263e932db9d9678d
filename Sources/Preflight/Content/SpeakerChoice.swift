/// Which face `check --speaker` puts into `options.active_speaker_detection`.
public enum SpeakerChoice: Sendable, Equatable {
    /// Let the API detect the active speaker (`auto_detect: true`).
    case auto
    /// The face with the biggest box.
    case largest
    /// The leftmost face (by box centre) in a frame where all the faces are seen.
    case left
    /// The rightmost face.
    case right
    /// The n-th face counted from the left, from 1.
    case number(Int)

    /// `auto`, `largest`, `left`, `right` or a number from 1; nil otherwise.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "auto": self = .auto
        case "largest": self = .largest
        case "left": self = .left
        case "right": self = .right
        default:
            guard let n = Int(argument), n >= 1 else { return nil }
            self = .number(n)
        }
    }

    /// The choice as the report names it: `auto`, `largest`, `left`, `right`, or `face N from the left`.
    public var description: String {
        switch self {
        case .auto: return "auto"
        case .largest: return "largest"
        case .left: return "left"
        case .right: return "right"
        case .number(let n): return "face \(n) from the left"
        }
    }

    /// The chosen box among the faces of one frame, nil when the frame has no such face.
    func pick(_ boxes: [FaceSample.Box]) -> FaceSample.Box? {
        let byX = boxes.sorted { $0.centerX < $1.centerX }
        switch self {
        case .auto: return nil
        case .largest: return boxes.max { $0.area < $1.area }
        case .left: return byX.first
        case .right: return byX.last
        case .number(let n): return n <= byX.count ? byX[n - 1] : nil
        }
    }
}
