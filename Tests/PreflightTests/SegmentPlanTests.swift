import Foundation
import Testing
@testable import Preflight

/// segments.json decoding and the G-SEG-01...04 checks (contract §2.7).
@Suite struct SegmentPlanTests {
    func plan(_ json: String) throws -> SegmentPlan {
        try SegmentPlan.decode(Data(json.utf8))
    }

    func decodeError(_ json: String) -> SegmentPlanError? {
        do {
            _ = try SegmentPlan.decode(Data(json.utf8))
            return nil
        } catch {
            return error
        }
    }

    func rules(_ v: [SegmentViolation]) -> [String] { v.map(\.ruleID) }

    // MARK: decoding

    @Test func decodesArrayAndWrappedObject() throws {
        let array = try plan("""
            [{"startTime": 0, "endTime": 4.5, "audioInput": {"refId": "a1"}},
             {"startTime": 4.5, "endTime": 9, "audioInput": {"refId": "a2", "startTime": 1, "endTime": 5.5}}]
            """)
        let wrapped = try plan("""
            {"segments": [{"startTime": 0, "endTime": 4.5, "audioInput": {"refId": "a1"}},
                          {"startTime": 4.5, "endTime": 9.0, "audioInput": {"refId": "a2", "startTime": 1.0, "endTime": 5.5}}]}
            """)
        #expect(array == wrapped)
        #expect(array.segments.count == 2)
        #expect(array.segments[0].range == .seconds(start: 0, end: 4.5))
        #expect(array.segments[1].audioInput == .init(refId: "a2", startTime: 1, endTime: 5.5))
    }

    @Test func decodesFramesWrittenAsIntsOrWholeDoubles() throws {
        let p = try plan(#"[{"startFrame": 0, "endFrame": 100.0, "audioInput": {"refId": "a"}, "optionsOverride": {}}]"#)
        #expect(p.segments[0].range == .frames(start: 0, end: 100))
        #expect(p.usesFrames)
    }

    @Test func malformedJSON() throws {
        let e = try #require(decodeError(#"[{"startTime": 0, "endTime": 1,"#))
        #expect(e.kind == .malformedJSON)
        #expect(e.message.contains("not valid JSON"))
        #expect(decodeError("")?.kind == .malformedJSON)
    }

    @Test func unexpectedShape() throws {
        #expect(decodeError(#"{"segs": []}"#)?.kind == .unexpectedShape)
        #expect(decodeError(#"{"segments": {}}"#)?.kind == .unexpectedShape)
        #expect(decodeError("42")?.kind == .unexpectedShape)
        let e = try #require(decodeError(#"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a"}}, "oops"]"#))
        #expect(e.kind == .wrongType && e.segmentIndex == 1)
        #expect(e.message.contains("segment 1"))
    }

    @Test func missingField() throws {
        let end = try #require(decodeError(#"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a"}}, {"startTime": 2, "audioInput": {"refId": "a"}}]"#))
        #expect(end.kind == .missingField)
        #expect(end.segmentIndex == 1 && end.field == "endTime")
        #expect(end.message == "segment 1: missing field endTime")

        let audio = try #require(decodeError(#"[{"startTime": 0, "endTime": 1}]"#))
        #expect(audio.kind == .missingField && audio.field == "audioInput")
        #expect(audio.message.contains("segment 0") && audio.message.contains("audioInput"))

        let range = try #require(decodeError(#"[{"audioInput": {"refId": "a"}}]"#))
        #expect(range.kind == .missingField && range.field == "startTime")

        let frame = try #require(decodeError(#"[{"startFrame": 3, "audioInput": {"refId": "a"}}]"#))
        #expect(frame.kind == .missingField && frame.field == "endFrame")
    }

    @Test func wrongType() throws {
        let s = try #require(decodeError(#"[{"startTime": "0:00", "endTime": 1, "audioInput": {"refId": "a"}}]"#))
        #expect(s.kind == .wrongType && s.segmentIndex == 0 && s.field == "startTime")
        #expect(s.message.contains("startTime must be a number") && s.message.contains("\"0:00\""))

        let b = try #require(decodeError(#"[{"startTime": true, "endTime": 1, "audioInput": {"refId": "a"}}]"#))
        #expect(b.kind == .wrongType && b.field == "startTime")

        let r = try #require(decodeError(#"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": 7}}]"#))
        #expect(r.kind == .wrongType && r.field == "audioInput.refId")
        #expect(r.message.contains("segment 0") && r.message.contains("audioInput.refId"))

        let crop = try #require(decodeError(#"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a", "startTime": [1]}}]"#))
        #expect(crop.field == "audioInput.startTime")

        let a = try #require(decodeError(#"[{"startTime": 0, "endTime": 1, "audioInput": "a"}]"#))
        #expect(a.kind == .wrongType && a.field == "audioInput")
    }

    @Test func invalidValues() throws {
        let f = try #require(decodeError(#"[{"startFrame": 1.5, "endFrame": 10, "audioInput": {"refId": "a"}}]"#))
        #expect(f.kind == .invalidValue && f.field == "startFrame")
        #expect(f.message.contains("1.5"))
        let both = try #require(decodeError(#"[{"startTime": 0, "endTime": 1, "startFrame": 0, "endFrame": 25, "audioInput": {"refId": "a"}}]"#))
        #expect(both.kind == .invalidValue && both.segmentIndex == 0)
    }

    @Test func loadReportsUnreadableFile() throws {
        do {
            _ = try SegmentPlan.load(path: "/nonexistent/segments.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unreadable)
            #expect(error.message.contains("/nonexistent/segments.json"))
        }
    }

    // MARK: validation

    @Test func cleanPlanHasNoViolations() throws {
        let p = try plan("""
            [{"startTime": 0, "endTime": 4.5, "audioInput": {"refId": "a1"}},
             {"startTime": 4.5, "endTime": 4.5, "audioInput": {"refId": "a2"}},
             {"startTime": 6, "endTime": 10.0005, "audioInput": {"refId": "a2", "startTime": 0, "endTime": 4}}]
            """)
        #expect(p.validate(videoDuration: 10, videoFrameRate: 25, audioRefIds: ["a1", "a2"]).isEmpty)

        let frames = try plan(#"[{"startFrame": 0, "endFrame": 100, "audioInput": {"refId": "a"}}, {"startFrame": 100, "endFrame": 250, "audioInput": {"refId": "b"}}]"#)
        #expect(frames.validate(videoDuration: 10, videoFrameRate: 25, audioRefIds: ["a", "b"]).isEmpty)
        #expect(frames.validate(videoDuration: nil, videoFrameRate: nil, audioRefIds: ["a", "b"]).isEmpty)
    }

    @Test func gSeg01Ordering() throws {
        let p = try plan("""
            [{"startTime": 5, "endTime": 3, "audioInput": {"refId": "a"}},
             {"startFrame": 10, "endFrame": 10, "audioInput": {"refId": "a"}},
             {"startFrame": 20, "endFrame": 12, "audioInput": {"refId": "a"}}]
            """)
        let v = p.validate(videoDuration: nil, videoFrameRate: nil, audioRefIds: ["a"])
        #expect(rules(v) == ["G-SEG-01", "G-SEG-01", "G-SEG-01"])
        #expect(v.map(\.segmentIndex) == [0, 1, 2])
        #expect(v[0].message == "segment 0: startTime 5.0 s is after endTime 3.0 s")
        #expect(v[1].message.contains("startFrame 10 equals endFrame 10"))
    }

    @Test func gSeg02CropPairs() throws {
        let p = try plan("""
            [{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a", "startTime": 2}},
             {"startTime": 1, "endTime": 2, "audioInput": {"refId": "a", "endTime": 3}},
             {"startTime": 2, "endTime": 3, "audioInput": {"refId": "a", "startTime": 1, "endTime": 3}}]
            """)
        let v = p.validate(videoDuration: nil, videoFrameRate: nil, audioRefIds: ["a"])
        #expect(rules(v) == ["G-SEG-02", "G-SEG-02"])
        #expect(v.map(\.segmentIndex) == [0, 1])
        #expect(v[0].message.contains("audioInput.startTime 2.0 s is given without audioInput.endTime"))
    }

    @Test func gSeg03RefIds() throws {
        let p = try plan("""
            [{"startTime": 0, "endTime": 1, "audioInput": {}},
             {"startTime": 1, "endTime": 2, "audioInput": {"refId": ""}},
             {"startTime": 2, "endTime": 3, "audioInput": {"refId": "missing"}},
             {"startTime": 3, "endTime": 4, "audioInput": {"refId": "a"}}]
            """)
        let v = p.validate(videoDuration: nil, videoFrameRate: nil, audioRefIds: ["a", "b", "a"])
        #expect(rules(v) == ["G-SEG-03", "G-SEG-03", "G-SEG-03", "G-SEG-03"])
        #expect(v.map(\.segmentIndex) == [0, 1, 2, nil])
        #expect(v[0].message == "segment 0: audioInput.refId is missing")
        #expect(v[1].message == "segment 1: audioInput.refId is empty")
        #expect(v[2].message.contains("\"missing\" matches no audio input"))
        #expect(v[3].message.contains("\"a\" is used by 2 audio inputs"))
    }

    @Test func gSeg04PastTheEnd() throws {
        let p = try plan("""
            [{"startTime": 0, "endTime": 2, "audioInput": {"refId": "a"}},
             {"startTime": 2, "endTime": 10.0008, "audioInput": {"refId": "a"}},
             {"startTime": 10.0008, "endTime": 12.5, "audioInput": {"refId": "a"}}]
            """)
        let v = p.validate(videoDuration: 10, videoFrameRate: nil, audioRefIds: ["a"])
        #expect(rules(v) == ["G-SEG-04"])  // 10.0008 is within the 1 ms tolerance
        #expect(v[0].segmentIndex == 2)
        #expect(v[0].message == "segment 2: endTime 12.5 s is past the end of the 10.0 s video")
        // Unknown duration: nothing to compare with.
        #expect(p.validate(videoDuration: nil, videoFrameRate: nil, audioRefIds: ["a"]).isEmpty)
    }

    @Test func gSeg04FramesUseTheFrameRate() throws {
        let p = try plan(#"[{"startFrame": 0, "endFrame": 300, "audioInput": {"refId": "a"}}]"#)
        let v = p.validate(videoDuration: 10, videoFrameRate: 25, audioRefIds: ["a"])
        #expect(rules(v) == ["G-SEG-04"])
        #expect(v[0].message.contains("endFrame 300 (12.0 s at 25 fps) is past the end of the 10.0 s video"))
        // Without a frame rate the frame range cannot be placed in time.
        #expect(p.validate(videoDuration: 10, videoFrameRate: nil, audioRefIds: ["a"]).isEmpty)
    }

    @Test func gSeg04Overlaps() throws {
        let p = try plan("""
            [{"startTime": 4, "endTime": 8, "audioInput": {"refId": "a"}},
             {"startTime": 0, "endTime": 4, "audioInput": {"refId": "a"}},
             {"startTime": 7.5, "endTime": 9, "audioInput": {"refId": "a"}}]
            """)
        let v = p.validate(videoDuration: 10, videoFrameRate: nil, audioRefIds: ["a"])
        #expect(rules(v) == ["G-SEG-04"])  // 0 and 1 only touch
        #expect(v[0].segmentIndex == 2)
        #expect(v[0].message == "segment 2 (7.5 s-9.0 s) overlaps segment 0 (4.0 s-8.0 s)")
    }

    @Test func gSeg04OverlapAcrossFramesAndSeconds() throws {
        let p = try plan("""
            [{"startTime": 0, "endTime": 2, "audioInput": {"refId": "a"}},
             {"startFrame": 25, "endFrame": 75, "audioInput": {"refId": "a"}}]
            """)
        let withRate = p.validate(videoDuration: nil, videoFrameRate: 25, audioRefIds: ["a"])
        #expect(rules(withRate) == ["G-SEG-04"])
        #expect(withRate[0].message.contains("frame 25"))
        // Mixed units without a frame rate cannot be compared.
        #expect(p.validate(videoDuration: nil, videoFrameRate: nil, audioRefIds: ["a"]).isEmpty)

        let frames = try plan(#"[{"startFrame": 0, "endFrame": 50, "audioInput": {"refId": "a"}}, {"startFrame": 40, "endFrame": 60, "audioInput": {"refId": "a"}}]"#)
        #expect(rules(frames.validate(videoDuration: nil, videoFrameRate: nil, audioRefIds: ["a"])) == ["G-SEG-04"])
    }

    // MARK: wire conversion

    @Test func requestSegments() throws {
        let p = try plan("""
            [{"startTime": 0, "endTime": 2.5, "audioInput": {"refId": "a", "startTime": 1, "endTime": 3.5}},
             {"startFrame": 75, "endFrame": 100, "audioInput": {"refId": "b"}}]
            """)
        let converted = p.requestSegments(frameRate: 25)
        #expect(converted == [
            .init(startTime: 0, endTime: 2.5, audioInput: .init(refId: "a", startTime: 1, endTime: 3.5)),
            .init(startTime: 3, endTime: 4, audioInput: .init(refId: "b")),
        ])
        let kept = p.requestSegments()
        #expect(kept[1] == .init(startFrame: 75, endFrame: 100, audioInput: .init(refId: "b")))
        #expect(kept[1].startTime == nil)
    }
}
