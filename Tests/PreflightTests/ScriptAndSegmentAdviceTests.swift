import Foundation
import Testing
import Preflight

/// The pieces of issue 10 items 8 and 10 that are pure computations: script counts and splitting in code
/// points, segment spans and crops, and the advice over segments.
@Suite struct ScriptAndSegmentAdviceTests {
    @Test func scriptIsMeasuredInCodePoints() {
        let m = ScriptMeasure("👍🏽 hi 😀", charactersPerSecond: 2)
        #expect(m.characters == 7 && m.graphemeClusters == 6 && m.utf16CodeUnits == 10 && m.words == 3)
        #expect(m.estimatedSpeechSeconds == 3.5)
    }

    /// Split pieces fit the limit in code points, never cut an emoji with its skin tone, and add up to the script.
    @Test func splitterCountsCodePoints() {
        let script = String(repeating: "👍🏽", count: 30) + ". " + String(repeating: "ok ", count: 10)
        let pieces = ScriptSplitter.split(script, maxCharacters: 25)
        #expect(pieces.allSatisfy { $0.unicodeScalars.count <= 25 }, "\(pieces.map { $0.unicodeScalars.count })")
        #expect(pieces.joined() == script)
        #expect(pieces.allSatisfy { !$0.unicodeScalars.first!.properties.isEmojiModifier })
    }

    static let plan = SegmentPlan(segments: [
        .init(range: .seconds(start: 0, end: 1), audioInput: .init(refId: "a", startTime: 0.5, endTime: 1.5)),
        .init(range: .frames(start: 25, end: 50), audioInput: .init(refId: "b")),
        .init(range: .seconds(start: 2, end: 3), audioInput: .init(refId: "a", startTime: -1, endTime: 9)),
    ])

    @Test func spansUseTheCropOrTheWholeAudio() {
        let spans = Self.plan.spans(frameRate: 25, audioDurations: ["a": 2, "b": 8])
        #expect(spans.map(\.audioDuration) == [1, 8, 2])
        #expect(spans[1].videoStart == 1 && spans[1].videoEnd == 2)
        #expect(Self.plan.spans(frameRate: nil, audioDurations: ["a": 2, "b": 8]).map(\.index) == [0, 2])
    }

    @Test func cropsOutsideTheirAudioAreViolations() {
        let v = Self.plan.cropViolations(audioDurations: ["a": 2, "b": 8])
        #expect(v.map(\.ruleID) == ["G-SEG-05", "G-SEG-05"])
        #expect(v.allSatisfy { $0.segmentIndex == 2 })
        #expect(v[0].message.contains("before the start") && v[1].message.contains("past the end"))
        #expect(Self.plan.cropViolations(audioDurations: [:]).isEmpty)
    }

    @Test func adviceFollowsTheSegmentThatDiffersMost() throws {
        let advisor = try SyncModeAdvisor(thresholds: Profile.sync.thresholds)
        let spans = Self.plan.spans(frameRate: 25, audioDurations: ["a": 2, "b": 8])
        let advised = try #require(advisor.advise(segments: spans, videoDuration: 3, frameDuration: 0.04, keepVideo: false))
        #expect(advised.segments.map(\.mode) == [.cutOff, .bounce, .bounce])
        #expect(advised.overall.mode == .bounce && advised.overall.reason.hasPrefix("segment 1 (b)"))
        #expect(advised.overall.outputDuration == 3 && advised.overall.outputDurationByMode.values.allSatisfy { $0 == 3 })
        #expect(advisor.advise(segments: [], videoDuration: 3, frameDuration: nil, keepVideo: false) == nil)
    }
}
