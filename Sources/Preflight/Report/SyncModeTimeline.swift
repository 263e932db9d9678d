import Foundation

/// What each sync_mode does to a video and an audio of given lengths, as pieces on one time axis: the
/// picture the output shows (the video forward, backward, repeated, stretched, or nothing) and its sound (the
/// audio, or silence), plus what the mode drops. The HTML report draws it; `SyncMode.outputDuration` and
/// `inputTime` are the formulas it follows.
struct SyncModeTimeline {
    enum Kind: String {
        /// The video played forward (a repeat counts again from its start).
        case forward
        /// The video played backward (bounce).
        case backward
        /// The video slowed or sped up to the audio's length (remap).
        case stretched
        /// No picture: past the video's end (silence with a longer audio).
        case noPicture = "none"
        case audio
        /// Silence added after the audio (silence with a longer video).
        case silence
        /// Part of an input the output leaves out (cut_off).
        case dropped
    }

    /// A stretch of time, seconds from the output's start.
    struct Piece {
        var start: Double
        var end: Double
        var kind: Kind
        var label: String
    }

    struct Row {
        var mode: SyncMode
        var picture: [Piece]
        var sound: [Piece]
        var output: Double
    }

    var video: Double
    var audio: Double
    var rows: [Row]
    /// The longest time any row reaches.
    var end: Double

    /// A row draws at most this many repeats (loop, bounce); the rest is one piece saying how many.
    static let maxRepeats = 40

    init(video v: Double, audio a: Double) {
        video = v
        audio = a
        rows = SyncMode.allCases.map { Self.row($0, video: v, audio: a) }
        end = max(v, a, rows.map(\.output).max() ?? 0)
    }

    static func row(_ mode: SyncMode, video v: Double, audio a: Double) -> Row {
        let out = mode.outputDuration(video: v, audio: a)
        var picture: [Piece] = []
        var sound: [Piece] = [Piece(start: 0, end: min(a, out), kind: .audio, label: "audio")]
        switch mode {
        case .cutOff:
            picture = [Piece(start: 0, end: out, kind: .forward, label: "video")]
            if v > out { picture.append(Piece(start: out, end: v, kind: .dropped, label: "cut")) }
            if a > out { sound.append(Piece(start: out, end: a, kind: .dropped, label: "cut")) }
        case .silence:
            picture = [Piece(start: 0, end: v, kind: .forward, label: "video")]
            if out > v { picture.append(Piece(start: v, end: out, kind: .noPicture, label: "no picture")) }
            if out > a { sound.append(Piece(start: a, end: out, kind: .silence, label: "silence")) }
        case .remap:
            let speed = a > 0 ? v / a : 0
            picture = [Piece(start: 0, end: out, kind: .stretched, label: String(format: "video at %.2fx speed", speed))]
        case .loop, .bounce:
            var t = 0.0, n = 0
            while t < out - 1e-9, v > 0 {
                if n == maxRepeats {
                    picture.append(Piece(start: t, end: out, kind: .forward, label: "… \(Int(((out - t) / v).rounded(.up))) more"))
                    break
                }
                let backward = mode == .bounce && n % 2 == 1
                picture.append(Piece(start: t, end: min(out, t + v), kind: backward ? .backward : .forward,
                                     label: backward ? "◀ backward" : (n == 0 ? "▶ video" : "▶ again")))
                t += v
                n += 1
            }
            if v > out { picture.append(Piece(start: out, end: v, kind: .dropped, label: "cut")) }
        }
        return Row(mode: mode, picture: picture, sound: sound, output: out)
    }
}
