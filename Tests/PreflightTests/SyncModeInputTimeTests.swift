import Testing
@testable import Preflight

/// `SyncMode.inputTime(atOutput:video:audio:)`: which input picture each mode shows at an output time
/// (verify compares the output with the input there: Q-FACE-01, Q-REGION-01).
@Suite struct SyncModeInputTimeTests {
    struct Case: Sendable, CustomStringConvertible {
        var mode: SyncMode, t: Double, video: Double, audio: Double, expected: Double?
        var description: String { "\(mode.rawValue) t\(t) v\(video) a\(audio) → \(String(describing: expected))" }
    }

    static let cases: [Case] = [
        // cut_off and silence keep time; silence shows no input picture past the video.
        Case(mode: .cutOff, t: 0, video: 5, audio: 8, expected: 0),
        Case(mode: .cutOff, t: 3.2, video: 5, audio: 4, expected: 3.2),
        Case(mode: .silence, t: 4.96, video: 5, audio: 3, expected: 4.96),
        Case(mode: .silence, t: 5.5, video: 5, audio: 8, expected: nil),
        // loop wraps modulo the video.
        Case(mode: .loop, t: 2, video: 5, audio: 12, expected: 2),
        Case(mode: .loop, t: 5, video: 5, audio: 12, expected: 0),
        Case(mode: .loop, t: 11.5, video: 5, audio: 12, expected: 1.5),
        // bounce: forward over [0, 5), backward over [5, 10), forward again.
        Case(mode: .bounce, t: 4, video: 5, audio: 20, expected: 4),
        Case(mode: .bounce, t: 6, video: 5, audio: 20, expected: 4),
        Case(mode: .bounce, t: 9.5, video: 5, audio: 20, expected: 0.5),
        Case(mode: .bounce, t: 12, video: 5, audio: 20, expected: 2),
        // remap stretches the video to the audio: video/audio input seconds per output second.
        Case(mode: .remap, t: 5, video: 5, audio: 10, expected: 2.5),
        Case(mode: .remap, t: 3, video: 6, audio: 4, expected: 4.5),
        // Nothing to map.
        Case(mode: .loop, t: -0.1, video: 5, audio: 10, expected: nil),
        Case(mode: .bounce, t: 1, video: 0, audio: 10, expected: nil),
    ]

    @Test(arguments: cases) func inputTime(_ c: Case) {
        let got = c.mode.inputTime(atOutput: c.t, video: c.video, audio: c.audio)
        if let e = c.expected {
            #expect(got != nil && abs(got! - e) < 1e-9, "\(c): \(String(describing: got))")
        } else {
            #expect(got == nil, "\(c): \(String(describing: got))")
        }
    }

    /// Every mode maps the whole output inside the input video. The output lengths for a 3 s video and a 7 s
    /// audio are the contract's (§3.1), worked out by hand: cut_off the shorter (3 s), silence the longer (7 s),
    /// bounce, loop and remap the audio (7 s).
    @Test(arguments: [(SyncMode.cutOff, 3.0), (.silence, 7), (.bounce, 7), (.loop, 7), (.remap, 7)])
    func staysInsideTheVideo(_ mode: SyncMode, _ out: Double) {
        let video = 3.0, audio = 7.0
        #expect(mode.outputDuration(video: video, audio: audio) == out)
        for i in 0..<Int(out * 25) {
            if let t = mode.inputTime(atOutput: Double(i) / 25, video: video, audio: audio) {
                #expect(t >= 0 && t <= video, "\(mode) at \(Double(i) / 25): \(t)")
            }
        }
    }
}
