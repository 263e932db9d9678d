import Testing
@testable import Preflight

/// The advisor against the contract's §3.1 matrix on a grid of duration pairs.
@Suite struct SyncModeAdvisorTests {
    let advisor = try! SyncModeAdvisor(thresholds: Profile.sync.thresholds)   // the built-in profile has every threshold
    let frame = 1.0 / 25

    /// A pair, the mode the contract's guidance picks, the output duration that mode gives (worked out by hand
    /// from §3.1: cut_off the shorter, silence the longer, bounce/loop/remap the audio) and what the reason must say.
    struct Case: Sendable, CustomStringConvertible {
        var video: Double, audio: Double, loops: Bool?, keepVideo: Bool, expected: SyncMode, output: Double, reason: String
        var description: String { "v\(video) a\(audio) loops:\(String(describing: loops)) keep:\(keepVideo) → \(expected)" }
    }

    static let grid: [Case] = [
        Case(video: 10, audio: 10, loops: nil, keepVideo: false, expected: .cutOff, output: 10,            // equal
             reason: "durations match within 0 ms: cut_off keeps both whole"),
        Case(video: 10, audio: 10.04, loops: nil, keepVideo: false, expected: .cutOff, output: 10,         // +1 frame
             reason: "durations match within 40 ms: cut_off keeps both whole"),
        Case(video: 10.04, audio: 10, loops: nil, keepVideo: false, expected: .cutOff, output: 10,         // -1 frame
             reason: "durations match within 40 ms: cut_off keeps both whole"),
        Case(video: 10, audio: 10.04, loops: nil, keepVideo: true, expected: .cutOff, output: 10,          // near-equal wins over keepVideo
             reason: "durations match within 40 ms: cut_off keeps both whole"),
        Case(video: 10, audio: 10.5, loops: nil, keepVideo: false, expected: .remap, output: 10.5,         // 5 % longer audio
             reason: "audio is 5% longer: remap slows the video by 1.05x, unnoticeable, and keeps all speech"),
        Case(video: 10, audio: 20, loops: nil, keepVideo: false, expected: .bounce, output: 20,            // 2x
             reason: "audio is 10.00 s longer: bounce plays the video forward and back until the audio ends, without a visible jump"),
        Case(video: 10, audio: 20, loops: false, keepVideo: false, expected: .bounce, output: 20,
             reason: "audio is 10.00 s longer: bounce plays the video forward and back until the audio ends, without a visible jump"
                + " (loop would jump: the last frame differs from the first)"),
        Case(video: 10, audio: 20, loops: true, keepVideo: false, expected: .loop, output: 20,             // seamless loop
             reason: "audio is 10.00 s longer and the clip loops seamlessly (last frame matches the first): loop repeats it without a jump"),
        Case(video: 1, audio: 10, loops: nil, keepVideo: false, expected: .bounce, output: 10,             // 10x
             reason: "audio is 9.00 s longer: bounce plays the video forward and back until the audio ends, without a visible jump"),
        Case(video: 20, audio: 10, loops: nil, keepVideo: false, expected: .cutOff, output: 10,            // video 2x longer
             reason: "video is 10.00 s longer: cut_off trims the video to the audio"),
        Case(video: 20, audio: 10, loops: nil, keepVideo: true, expected: .silence, output: 20,
             reason: "video is 10.00 s longer and the whole video is wanted: silence pads the audio"),
        Case(video: 100, audio: 10, loops: nil, keepVideo: false, expected: .cutOff, output: 10,           // 10x
             reason: "video is 90.00 s longer: cut_off trims the video to the audio"),
        Case(video: 100, audio: 10, loops: true, keepVideo: true, expected: .silence, output: 100,
             reason: "video is 90.00 s longer and the whole video is wanted: silence pads the audio"),
        Case(video: 10.5, audio: 10, loops: nil, keepVideo: false, expected: .cutOff, output: 10,          // video a bit longer: trim
             reason: "video is 0.50 s longer: cut_off trims the video to the audio"),
    ]

    @Test(arguments: grid)
    func advisedModeAndOutput(_ c: Case) {
        let a = advisor.advise(video: c.video, audio: c.audio, frameDuration: frame, loopsSeamlessly: c.loops, keepVideo: c.keepVideo)
        #expect(a.mode == c.expected)
        #expect(a.outputDuration == c.output)
        #expect(a.reason == c.reason)
    }

    /// The matrix for both directions and equal lengths, every mode's output worked out by hand from the contract's
    /// rule (cut_off = the shorter, silence = the longer, bounce/loop/remap = the audio), not from `outputDuration`.
    @Test(arguments: [
        (4.0, 8.64, ["cut_off": 4, "silence": 8.64, "bounce": 8.64, "loop": 8.64, "remap": 8.64]),
        (10.0, 1.74, ["cut_off": 1.74, "silence": 10, "bounce": 1.74, "loop": 1.74, "remap": 1.74]),
        (5.0, 5.0, ["cut_off": 5, "silence": 5, "bounce": 5, "loop": 5, "remap": 5]),
    ] as [(Double, Double, [String: Double])])
    func outputDurationMatrix(_ c: (Double, Double, [String: Double])) {
        let (v, a, expected) = c
        for m in SyncMode.allCases { #expect(m.outputDuration(video: v, audio: a) == expected[m.rawValue], "\(m.rawValue)") }
        let adv = advisor.advise(video: v, audio: a, frameDuration: frame, loopsSeamlessly: nil, keepVideo: false)
        #expect(adv.outputDurationByMode == expected)
    }

    /// The contract's worked examples (derived): 4.00 s video + 8.64 s audio; 10.00 s video + 1.74 s audio.
    @Test func workedExamples() {
        let longAudio = advisor.advise(video: 4, audio: 8.64, frameDuration: frame, loopsSeamlessly: nil, keepVideo: false)
        #expect(longAudio.outputDurationByMode["cut_off"] == 4 && longAudio.outputDurationByMode["silence"] == 8.64)
        let longVideo = advisor.advise(video: 10, audio: 1.74, frameDuration: frame, loopsSeamlessly: nil, keepVideo: false)
        #expect(longVideo.outputDurationByMode["cut_off"] == 1.74 && longVideo.outputDurationByMode["silence"] == 10)
    }

    @Test func realFilesVideoOnlyAndAudioOnlyGetNoAdvice() throws {
        let videoOnly = try MediaCheck.run(CheckRequest(videoPath: TestMediaPath.video, syncMode: nil), profile: .sync)
        #expect(videoOnly.advice == nil)
        let audioOnly = try MediaCheck.run(CheckRequest(audio: [.init(path: TestMediaPath.audio)]), profile: .sync)
        #expect(audioOnly.advice == nil && audioOnly.syncMode == nil)
    }

    @Test func seamlessLoopIsDetectedOnRealClips() throws {
        let loop = try MediaCheck.run(CheckRequest(videoPath: TestMediaPath.loop, audio: [.init(path: TestMediaPath.longAudio)]), profile: .sync)
        #expect(loop.advice?.mode == .loop)
        let moving = try MediaCheck.run(CheckRequest(videoPath: TestMediaPath.video, audio: [.init(path: TestMediaPath.longAudio)]), profile: .sync)
        #expect(moving.advice?.mode == .bounce)
        #expect(moving.outputDuration == 8.0)   // bounce follows the 8 s audio
    }
}
