import Foundation
import Testing
import TestMediaSupport

/// `check --segments`: the sync_mode advice and D-MODE-02 follow each segment's range and its audio (not the
/// first audio), a crop outside its audio and several audios without segments are flagged, and segment
/// findings name the segments file (issue 10, item 8).
@Suite struct SegmentsCLITests {
    static let video = TestMedia.path("h264_aac.mp4")       // 2.00 s
    static let short = TestMedia.path("speech_48k.wav")     // 2.00 s
    static let long = TestMedia.path("speech_8s.flac")      // 8.00 s

    /// Runs check with `segments` written to a temporary file; returns the run and that file's path.
    static func check(segments: String, _ args: [String]) throws -> (ProbeCLITests.Run, String) {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("segments.json")
        try Data(segments.utf8).write(to: path)
        let r = try ProbeCLITests.run(["check", "--video", video, "--segments", path.path, "--format", "json"] + args)
        return (r, path.path)
    }

    static func findings(_ r: ProbeCLITests.Run, _ id: String) throws -> [[String: Any]] {
        CheckCLITests.findings(try CheckCLITests.json(r)).filter { $0["ruleID"] as? String == id }
    }

    /// Segment 0 plays the first second of a 2 s audio on 0–1 s (they match); segment 1 plays an 8 s audio on
    /// 1–2 s. The first audio alone (2 s against the 2 s video) would say cut_off and no mismatch.
    @Test func adviceAndMismatchFollowEachSegment() throws {
        let (r, path) = try Self.check(segments: """
            [{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a1", "startTime": 0, "endTime": 1}},
             {"startTime": 1, "endTime": 2, "audioInput": {"refId": "a2"}}]
            """, ["--audio", "a1=" + Self.short, "--audio", "a2=" + Self.long])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try CheckCLITests.json(r)
        #expect(obj["syncMode"] as? String == "bounce", "\(obj["advice"] ?? "no advice")")
        #expect(obj["outputDuration"] as? Double == 2, "segments keep the video's length")
        let perSegment = obj["segmentAdvice"] as? [[String: Any]] ?? []
        #expect(perSegment.compactMap { $0["mode"] as? String } == ["cut_off", "bounce"])
        #expect(perSegment.compactMap { $0["audioDuration"] as? Double } == [1, 8])
        let mismatch = try Self.findings(r, "D-MODE-02")
        #expect(mismatch.count == 1, "\(mismatch)")
        #expect(mismatch.first?["path"] as? String == path)
        #expect((mismatch.first?["message"] as? String)?.contains("segment 1 (a2)") == true, "\(mismatch)")
        #expect(mismatch.first?["start"] as? Double == 1 && mismatch.first?["end"] as? Double == 2)
    }

    @Test func cropOutsideItsAudioIsAnError() throws {
        let (r, path) = try Self.check(segments: """
            [{"startTime": 0, "endTime": 2, "audioInput": {"refId": "a1", "startTime": 1, "endTime": 5}}]
            """, ["--audio", "a1=" + Self.short, "--sync-mode", "cut_off"])
        #expect(r.status == 2, "\(r.stderr)")
        let hit = try #require(try Self.findings(r, "G-SEG-05").first)
        #expect(hit["severity"] as? String == "error")
        #expect(hit["path"] as? String == path)
        #expect((hit["message"] as? String)?.contains("audioInput.endTime 5.00 s is past the end of audio \"a1\" (2.00 s long)") == true, "\(hit)")
    }

    @Test func twoAudiosWithoutSegmentsAreFlagged() throws {
        let r = try ProbeCLITests.run(["check", "--video", Self.video, "--audio", Self.short, "--audio", Self.long,
                                       "--sync-mode", "cut_off", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let hit = try #require(try Self.findings(r, "G-SEG-06").first)
        #expect(hit["severity"] as? String == "warning")
        #expect((hit["message"] as? String)?.contains("2 audio inputs and no --segments") == true, "\(hit)")
    }

    /// G-SEG findings (and their evaluations) name the segments file, in JSON and grouped under it in text.
    @Test func segmentFindingsNameTheSegmentsFile() throws {
        let segments = #"[{"startTime": 1.5, "endTime": 0.5, "audioInput": {"refId": "a1"}}]"#
        let (r, path) = try Self.check(segments: segments, ["--audio", "a1=" + Self.short, "--sync-mode", "cut_off"])
        #expect(r.status == 2)
        let hit = try #require(try Self.findings(r, "G-SEG-01").first)
        #expect(hit["path"] as? String == path && hit["input"] as? String == "request")
        let evaluations = try CheckCLITests.json(r)["evaluations"] as? [[String: Any]] ?? []
        #expect(evaluations.filter { ($0["ruleID"] as? String ?? "").hasPrefix("G-SEG-0") && $0["ruleID"] as? String != "G-SEG-06" }
            .allSatisfy { $0["path"] as? String == path })
        let (text, textPath) = try Self.check(segments: segments, ["--audio", "a1=" + Self.short, "--sync-mode", "cut_off", "--format", "text"])
        let lines = text.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.firstIndex { $0 == "request \(textPath)" }, "\(text.stdout)")
        #expect(lines[(header + 1)...].prefix { !$0.isEmpty }.contains { $0.contains("G-SEG-01") })
    }
}
