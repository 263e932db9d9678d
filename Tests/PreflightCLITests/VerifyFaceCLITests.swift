import Foundation
import Testing
import TestMediaSupport

/// `verify --video`: the output's face against the input video's (Q-FACE-01) and the picture outside the
/// face (Q-REGION-01), on the committed talking-head fixtures (testmedia/README.md), in text and JSON; honest
/// "not measured" when there is no face, no input video, or `--quick`; and the sync_mode's time mapping.
@Suite struct VerifyFaceCLITests {
    static let rules: Set<String> = ["Q-FACE-01", "Q-REGION-01"]

    static func verify(_ output: String, _ extra: [String]) throws -> ProbeCLITests.Run {
        try ProbeCLITests.run(["verify", TestMedia.path(output)] + extra)
    }
    static func json(_ r: ProbeCLITests.Run) throws -> [String: Any] { try CheckCLITests.json(r) }
    static func measurements(_ obj: [String: Any]) -> [String: Any] { obj["measurements"] as? [String: Any] ?? [:] }
    static func findings(_ obj: [String: Any], _ id: String) -> [[String: Any]] {
        CheckCLITests.findings(obj).filter { $0["ruleID"] as? String == id }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var output: String
        var input: String
        var fires: Set<String>
        /// Where Q-FACE-01's first finding starts, seconds (the face is lost or moved from 2.00 s).
        var faceFrom: Double?
        var testDescription: String { output }
    }

    static let cases: [Case] = [
        Case(output: "lip_ok_a.mp4", input: "lip_input_a.mp4", fires: []),
        Case(output: "lip_ok_b.mp4", input: "lip_input_b.mp4", fires: []),
        Case(output: "face_lost_a.mp4", input: "lip_input_a.mp4", fires: ["Q-FACE-01"], faceFrom: 2),
        // The picture moved away with the face: outside the face it is not the input's either.
        Case(output: "face_cropped_a.mp4", input: "lip_input_a.mp4", fires: ["Q-FACE-01", "Q-REGION-01"], faceFrom: 2),
        Case(output: "face_jump_a.mp4", input: "lip_input_a.mp4", fires: ["Q-FACE-01", "Q-REGION-01"], faceFrom: 2),
        Case(output: "region_blur_a.mp4", input: "lip_input_a.mp4", fires: ["Q-REGION-01"]),
        Case(output: "region_colour_a.mp4", input: "lip_input_a.mp4", fires: ["Q-REGION-01"]),
    ]

    @Test(arguments: cases) func faceAndRegionRulesFireOnlyOnTheirCase(_ c: Case) throws {
        let args = ["--video", TestMedia.path(c.input), "--sync-mode", "cut_off"]
        let r = try Self.verify(c.output, args + ["--format", "json"])
        let obj = try Self.json(r)
        let fired = Set(CheckCLITests.findings(obj).compactMap { $0["ruleID"] as? String }).intersection(Self.rules)
        #expect(fired == c.fires, "\(r.stdout.prefix(4000))")
        for id in Self.rules {
            for f in Self.findings(obj, id) {
                #expect(f["severity"] as? String == "warning")
                #expect(f["measured"] is String && f["limit"] is String)
            }
        }
        if let from = c.faceFrom {
            let first = try #require(Self.findings(obj, "Q-FACE-01").first)
            let start = try #require(first["start"] as? Double)
            #expect(abs(start - from) <= 0.25, "\(first)")
        }
        let m = Self.measurements(obj)
        let faces = try #require(m["facePresence"] as? [String: Any])
        #expect(faces["sampled"] as? Int == 20)
        #expect(faces["inputWithFace"] as? Int == 20)
        #expect(faces["inputSampling"] as? String == "every frame")
        let region = try #require(m["regionPSNR"] as? [[String: Any]])
        #expect(region.count == 20)
        for s in region {
            #expect(s["time"] is Double && s["inputTime"] is Double && s["psnrDB"] is Double && s["excludedShare"] is Double)
        }
        // The same findings in the text report.
        let text = try Self.verify(c.output, args)
        let lines = text.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for id in Self.rules {
            #expect(lines.contains { $0.hasPrefix("warning \(id) ") } == c.fires.contains(id), "\(id) in \(text.stdout)")
        }
        #expect(text.stdout.contains("against the input video: face in the input at 20"), "\(text.stdout)")
    }

    /// The figures of the clean re-encode and of the lost face, as docs/CONTENT.md reports them.
    @Test func figuresOfTheCleanAndTheLostFace() throws {
        let input = ["--video", TestMedia.path("lip_input_a.mp4"), "--format", "json"]
        let ok = Self.measurements(try Self.json(try Self.verify("lip_ok_a.mp4", input)))
        let psnr = (ok["regionPSNR"] as? [[String: Any]] ?? []).compactMap { $0["psnrDB"] as? Double }
        #expect(psnr.count == 20 && psnr.min()! > 35, "\(psnr)")
        let okFaces = try #require(ok["facePresence"] as? [String: Any])
        #expect(okFaces["outputWithFace"] as? Int == 20)
        for s in okFaces["samples"] as? [[String: Any]] ?? [] {
            #expect((s["shift"] as? Double ?? 1) < 0.3, "\(s)")
            #expect((s["inputBox"] as? [Int])?.count == 4)
        }

        let lost = Self.measurements(try Self.json(try Self.verify("face_lost_a.mp4", input)))
        let samples = try #require((lost["facePresence"] as? [String: Any])?["samples"] as? [[String: Any]])
        for s in samples {
            let t = try #require(s["time"] as? Double)
            // Before 2 s the picture is the input's; from 2 s the face is blurred away.
            #expect((s["outputFaces"] as? Int ?? -1) == (t < 2 ? 1 : 0), "\(s)")
        }
    }

    @Test func inputWithoutFaceIsNotMeasuredNotAWarning() throws {
        let args = ["--video", TestMedia.path("face_none.mp4")]
        let obj = try Self.json(try Self.verify("face_none.mp4", args + ["--format", "json"]))
        #expect(Self.findings(obj, "Q-FACE-01").isEmpty)
        let m = Self.measurements(obj)
        let notes = m["notMeasured"] as? [String] ?? []
        #expect(notes.contains { $0.hasPrefix("Q-FACE-01") && $0.contains("no face") }, "\(notes)")
        let faces = try #require(m["facePresence"] as? [String: Any])
        #expect(faces["inputWithFace"] as? Int == 0)
        let text = try Self.verify("face_none.mp4", args)
        #expect(text.status == 0, "\(text.stdout)")
        #expect(text.stdout.contains("not measured: Q-FACE-01"), "\(text.stdout)")
    }

    @Test func withoutInputVideoOrInQuickModeTheFiguresAreAbsent() throws {
        for (args, why) in [([String](), "--video"), (["--video", TestMedia.path("lip_input_a.mp4"), "--quick"], "--quick")] {
            let obj = try Self.json(try Self.verify("face_lost_a.mp4", args + ["--format", "json"]))
            let m = Self.measurements(obj)
            #expect(m["facePresence"] == nil && m["regionPSNR"] == nil)
            #expect(CheckCLITests.findings(obj).allSatisfy { !Self.rules.contains($0["ruleID"] as? String ?? "") })
            let notes = m["notMeasured"] as? [String] ?? []
            #expect(notes.contains { $0.hasPrefix("Q-FACE-01, Q-REGION-01") && $0.contains(why) }, "\(notes)")
        }
    }

    /// loop and bounce outputs are compared with the input picture the mode shows: a bounce output read as
    /// bounce matches the input everywhere; read as a loop, its backward half does not.
    @Test func syncModeMapsOutputTimesOntoTheInput() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = TestMedia.path("lip_input_a.mp4")
        let looped = dir.appendingPathComponent("loop.mp4").path, bounced = dir.appendingPathComponent("bounce.mp4").path
        _ = try FFmpegTool.checked(["-v", "error", "-stream_loop", "1", "-i", input, "-c", "copy", looped])
        _ = try FFmpegTool.checked(["-v", "error", "-i", input, "-filter_complex", "[0:v]split[a][b];[b]reverse[r];[a][r]concat=n=2:v=1:a=0[v]",
                                    "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-g", "25", bounced])
        func region(_ output: String, _ mode: String) throws -> (findings: Int, samples: [(time: Double, input: Double, db: Double)]) {
            let r = try ProbeCLITests.run(["verify", output, "--video", input, "--sync-mode", mode, "--format", "json"])
            let obj = try Self.json(r)
            let samples = (Self.measurements(obj)["regionPSNR"] as? [[String: Any]] ?? []).compactMap { s -> (Double, Double, Double)? in
                guard let t = s["time"] as? Double, let i = s["inputTime"] as? Double, let d = s["psnrDB"] as? Double else { return nil }
                return (t, i, d)
            }
            return (Self.findings(obj, "Q-REGION-01").count + Self.findings(obj, "Q-FACE-01").count, samples)
        }
        let loop = try region(looped, "loop")
        #expect(loop.findings == 0)
        #expect(loop.samples.count == 24 && loop.samples.contains { $0.time > 5 && abs($0.input - ($0.time - 5)) < 0.05 })
        #expect(loop.samples.allSatisfy { $0.db > 90 }, "a stream copy: the same pictures, \(loop.samples)")

        let bounce = try region(bounced, "bounce")
        #expect(bounce.findings == 0)
        #expect(bounce.samples.contains { $0.time > 5 && abs($0.input - (10 - $0.time)) < 0.05 })
        let asLoop = try region(bounced, "loop")
        let back = asLoop.samples.filter { $0.time > 5.5 && $0.time < 9.5 }.map(\.db).sorted()
        let bounceMin = bounce.samples.map(\.db).min() ?? 0
        #expect(!back.isEmpty && back[back.count / 2] < bounceMin - 5, "loop-mapped \(back), bounce-mapped min \(bounceMin)")
    }

    /// An input whose sampled frames are damaged (`corrupt_bitstream.mp4`: NAL sizes overwritten): the input's
    /// pictures are planned from its packets, so a time whose frame does not decode is not compared, and
    /// `notMeasured` says how many; every time that is compared shows a frame ffmpeg decodes at that time.
    @Test func damagedInputFramesAreSaidNotCompared() throws {
        let input = TestMedia.path("corrupt_bitstream.mp4")
        let obj = try Self.json(try Self.verify("lip_ok_a.mp4", ["--video", input, "--format", "json"]))
        let m = Self.measurements(obj)
        let notes = (m["notMeasured"] as? [String] ?? []).filter { $0.contains("sampled input pictures could not be decoded") }
        #expect(notes.count == 1, "\(m["notMeasured"] ?? "none")")
        let counts = try #require(notes.first).split(separator: " ").compactMap { Int($0) }
        #expect(counts.count == 2 && counts[0] >= 1 && counts[0] < counts[1], "\(notes)")
        let faces = try #require(m["facePresence"] as? [String: Any])
        let samples = try #require(faces["samples"] as? [[String: Any]])
        #expect(samples.count == counts[1] - counts[0])
        // The oracle: the times at which ffprobe decodes a frame of the damaged input (libav's best-effort
        // timestamp, the picture time preflight reads: the damaged frames' own pts go backwards).
        let decoded = try FFmpegTool.probe(input, select: "v:0", entries: "frame=best_effort_timestamp_time")
            .compactMap { $0["best_effort_timestamp_time"].flatMap(Double.init) }
        for s in samples {
            let t = try #require(s["inputTime"] as? Double)
            #expect(decoded.contains { abs($0 - t) < 0.002 }, "input time \(t) is not a decoded frame's")
        }
    }
}
