import Testing
@testable import Preflight

/// The advisor against the contract's §3.1 matrix on a grid of duration pairs.
@Suite struct SyncModeAdvisorTests {
    let advisor = try! SyncModeAdvisor(thresholds: Profile.sync.thresholds)   // the built-in profile has every threshold
    let frame = 1.0 / 25

    struct Case: Sendable, CustomStringConvertible {
        var video: Double, audio: Double, loops: Bool?, keepVideo: Bool, expected: SyncMode
        var description: String { "v\(video) a\(audio) loops:\(String(describing: loops)) keep:\(keepVideo) → \(expected)" }
    }

    static let grid: [Case] = [
        Case(video: 10, audio: 10, loops: nil, keepVideo: false, expected: .cutOff),            // equal
        Case(video: 10, audio: 10.04, loops: nil, keepVideo: false, expected: .cutOff),         // +1 frame
        Case(video: 10.04, audio: 10, loops: nil, keepVideo: false, expected: .cutOff),         // -1 frame
        Case(video: 10, audio: 10.04, loops: nil, keepVideo: true, expected: .cutOff),          // near-equal wins over keepVideo
        Case(video: 10, audio: 10.5, loops: nil, keepVideo: false, expected: .remap),           // 5 % longer audio
        Case(video: 10, audio: 20, loops: nil, keepVideo: false, expected: .bounce),            // 2x
        Case(video: 10, audio: 20, loops: false, keepVideo: false, expected: .bounce),
        Case(video: 10, audio: 20, loops: true, keepVideo: false, expected: .loop),             // seamless loop
        Case(video: 1, audio: 10, loops: nil, keepVideo: false, expected: .bounce),             // 10x
        Case(video: 20, audio: 10, loops: nil, keepVideo: false, expected: .cutOff),            // video 2x longer
        Case(video: 20, audio: 10, loops: nil, keepVideo: true, expected: .silence),
        Case(video: 100, audio: 10, loops: nil, keepVideo: false, expected: .cutOff),           // 10x
        Case(video: 100, audio: 10, loops: true, keepVideo: true, expected: .silence),
        Case(video: 10.5, audio: 10, loops: nil, keepVideo: false, expected: .cutOff),          // video a bit longer: trim
    ]

    @Test(arguments: grid)
    func advisedModeAndOutput(_ c: Case) {
        let a = advisor.advise(video: c.video, audio: c.audio, frameDuration: frame, loopsSeamlessly: c.loops, keepVideo: c.keepVideo)
        #expect(a.mode == c.expected)
        #expect(a.outputDuration == c.expected.outputDuration(video: c.video, audio: c.audio))
        #expect(!a.reason.isEmpty)
    }

    /// The matrix itself: cut_off = min, silence = max, bounce/loop/remap = audio — for both directions.
    @Test(arguments: [(4.0, 8.64), (10.0, 1.74), (5.0, 5.0)])
    func outputDurationMatrix(_ pair: (Double, Double)) {
        let (v, a) = pair
        #expect(SyncMode.cutOff.outputDuration(video: v, audio: a) == min(v, a))
        #expect(SyncMode.silence.outputDuration(video: v, audio: a) == max(v, a))
        for m in [SyncMode.bounce, .loop, .remap] { #expect(m.outputDuration(video: v, audio: a) == a) }
        let adv = advisor.advise(video: v, audio: a, frameDuration: frame, loopsSeamlessly: nil, keepVideo: false)
        for m in SyncMode.allCases { #expect(adv.outputDurationByMode[m.rawValue] == m.outputDuration(video: v, audio: a)) }
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
        #expect(moving.outputDuration == 8.0)
    }
}
