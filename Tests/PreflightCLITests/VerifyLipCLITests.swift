import Foundation
import Testing
import TestMediaSupport

/// The lips through `preflight verify` (issue 12): on real talking clips (testmedia/lip_*), the output with
/// its own audio passes Q-LIP-01/02, the audio shifted 200 ms either way gets Q-LIP-02 with the shift and
/// its sign, a still face over speech gets Q-LIP-01, and a clip without a face says "not measured".
@Suite struct VerifyLipCLITests {
    static let lipRules: Set<String> = ["Q-LIP-01", "Q-LIP-02"]

    static func verify(_ output: String, input: String? = "lip_input_a.mp4", extra: [String] = [],
                       environment: [String: String] = [:]) throws -> (obj: [String: Any], text: String) {
        var args = ["verify", TestMedia.path(output)]
        if let input { args += ["--video", TestMedia.path(input)] }
        let obj = try CheckCLITests.json(try ProbeCLITests.run(args + extra + ["--format", "json"], environment: environment))
        let text = try ProbeCLITests.run(args + extra, environment: environment).stdout
        return (obj, text)
    }

    static func lip(_ obj: [String: Any]) -> [[String: Any]] {
        CheckCLITests.findings(obj).filter { lipRules.contains($0["ruleID"] as? String ?? "") }
    }

    static func measurements(_ obj: [String: Any]) -> [String: Any] { obj["measurements"] as? [String: Any] ?? [:] }

    @Test func ownAudioPasses() throws {
        for (output, input) in [("lip_ok_a.mp4", "lip_input_a.mp4"), ("lip_input_a.mp4", "lip_input_a.mp4")] {
            let (obj, text) = try Self.verify(output, input: input)
            #expect(Self.lip(obj).isEmpty, "\(output): \(Self.lip(obj))")
            let m = Self.measurements(obj)
            let out = try #require(m["lipLagMs"] as? Double), inp = try #require(m["inputLipLagMs"] as? Double)
            #expect(abs(out - inp) <= 40, "\(output): output \(out) ms, input \(inp) ms")
            #expect(m["sameSpeechAsInput"] as? Bool == true)
            #expect(m["lipLagConfidence"] is Double)
            let mouth = try #require(m["mouth"] as? [String: Any])
            #expect(mouth["framesMeasured"] as? Int == 125)
            #expect((mouth["speechStdDev"] as? Double ?? 0) > 0.015)
            #expect(text.contains("lips ") && text.contains("input video: "), "\(text)")
        }
    }

    /// Audio 200 ms late: the lips come 200 ms before the sound (lag −200 against the input); early: +200.
    @Test(arguments: [("lip_delay200_a.mp4", -200.0), ("lip_advance200_a.mp4", 200.0)])
    func shiftedAudioGetsTheLagAndItsSign(_ file: String, _ truth: Double) throws {
        let (obj, text) = try Self.verify(file)
        let hits = Self.lip(obj).filter { $0["ruleID"] as? String == "Q-LIP-02" }
        let hit = try #require(hits.first, "\(text)")
        #expect(hit["severity"] as? String == "warning")
        let m = Self.measurements(obj)
        let delta = try #require(m["lipLagMs"] as? Double) - (try #require(m["inputLipLagMs"] as? Double))
        #expect(abs(delta - truth) <= 40, "measured \(delta) ms, truth \(truth) ms (one frame is 40 ms)")
        #expect((hit["measured"] as? String)?.hasPrefix(truth > 0 ? "+" : "-") == true, "\(hit)")
        #expect(text.contains("Q-LIP-02") && text.contains("itsoffset"))
    }

    @Test func stillFaceOverSpeechIsAnError() throws {
        let (obj, text) = try Self.verify("lip_still_a.mp4")
        let hit = try #require(Self.lip(obj).first { $0["ruleID"] as? String == "Q-LIP-01" }, "\(text)")
        #expect(hit["severity"] as? String == "error")
        let mouth = try #require(Self.measurements(obj)["mouth"] as? [String: Any])
        #expect((mouth["speechStdDev"] as? Double ?? 1) < 0.008)
        #expect(!(mouth["stillDuringSpeech"] as? [[String: Any]] ?? []).isEmpty)
    }

    @Test func noFaceIsNotMeasuredNotAWarning() throws {
        let (obj, text) = try Self.verify("face_none.mp4", input: nil)
        #expect(Self.lip(obj).isEmpty)
        let mouth = try #require(Self.measurements(obj)["mouth"] as? [String: Any])
        #expect((mouth["notMeasured"] as? [String] ?? []).contains { $0.contains("too few to judge the lips") })
        #expect(text.contains("not measured: mouth"))
    }

    @Test func contentOffSkipsTheLipsAndQuickDoesNotRunThem() throws {
        for extra in [["--content", "off"], ["--quick"]] {
            let (obj, _) = try Self.verify("lip_delay200_a.mp4", extra: extra)
            #expect(Self.lip(obj).isEmpty)
            #expect(Self.measurements(obj)["mouth"] == nil, "\(extra)")
        }
    }

    @Test func missingLandmarkModelIsNamedAndVerifyGoesOn() throws {
        let (obj, text) = try Self.verify("lip_ok_a.mp4", environment: ["PREFLIGHT_LANDMARK_MODEL": "/nonexistent/shape_predictor.dat"])
        let mouth = try #require(Self.measurements(obj)["mouth"] as? [String: Any])
        #expect((mouth["notMeasured"] as? [String] ?? []).contains { $0.contains("apt-get install libdlib-data") })
        #expect(obj["verdict"] as? String != nil && text.contains("verdict:"))
    }
}
