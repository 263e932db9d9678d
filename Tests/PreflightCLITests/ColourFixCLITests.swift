import Foundation
import Testing
import TestMediaSupport

/// V-COLOR-01 and V-CHROMA-01 as `check` reports them: quiet on ordinary files, and every colour fix command
/// a finding offers is run with ffmpeg on the fixture that triggers it; the result must keep the colours the
/// file had and, checked again, no longer trigger the rule.
@Suite struct ColourFixCLITests {
    static func findings(_ args: [String]) throws -> [[String: Any]] {
        let r = try ProbeCLITests.run(["check"] + args + ["--format", "json"])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stderr)")
        return obj["findings"] as? [[String: Any]] ?? []
    }

    static func ids(_ findings: [[String: Any]]) -> [String] { findings.compactMap { $0["ruleID"] as? String } }

    struct FixCase: Sendable, CustomTestStringConvertible {
        var file: String
        /// Probe JSON colour fields the fixed file must still have (the tags the fixture had).
        var kept: [String: String]
        var testDescription: String { file }
    }

    static let fixCases = [
        FixCase(file: "over4k_4104x2160.mp4", kept: [:]),
        FixCase(file: "hevc_untagged_720p.mp4", kept: ["colorRange": "tv"]),
        FixCase(file: "mpeg4_untagged_720p.avi", kept: [:]),
        FixCase(file: "h264_pal_fullrange_720p.mp4", kept: ["colorPrimaries": "bt470bg", "colorRange": "pc"]),
    ]

    @Test(arguments: fixCases)
    func colourFixRunsAndClearsTheFinding(_ c: FixCase) throws {
        let source = TestMedia.path(c.file)
        let hit = try #require(try Self.findings(["--video", source]).first { $0["ruleID"] as? String == "V-COLOR-01" },
                               "V-COLOR-01 did not fire on \(c.file)")
        #expect(hit["severity"] as? String == "info")
        let fix = try #require(hit["fix"] as? String)
        let command = try #require(fix.range(of: "ffmpeg -i ").map { fix[$0.lowerBound...] }, "no ffmpeg command in: \(fix)")
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var output: String?
        let args = command.split(separator: " ").dropFirst().map { word -> String in
            if word == "IN" { return source }
            if word.hasPrefix("OUT.") {
                output = dir.appendingPathComponent("fixed" + word.dropFirst(3)).path
                return output!
            }
            return String(word)
        }
        let out = try #require(output, "no OUT file in: \(command)")
        let ran = try FFmpegTool.run(["-v", "error"] + args)
        #expect(ran.status == 0, "\(command)\nexited \(ran.status): \(ran.stderr)")
        guard ran.status == 0 else { return }

        #expect(!Self.ids(try Self.findings(["--video", out])).contains("V-COLOR-01"), "still V-COLOR-01 after: \(command)")
        let probe = try ProbeCLITests.run(["probe", "--json", out])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let video = try #require((obj["video"] as? [[String: Any]])?.first)
        #expect(video["colorSpace"] as? String != nil)
        for (key, value) in c.kept { #expect(video[key] as? String == value, "\(key) of \(c.file) changed by: \(command)") }
    }

    /// Ordinary SD delivery files, tagged or not, 4:2:0: nothing about colour or chroma to act on.
    @Test(arguments: ["h264_aac.mp4", "hevc_aac.mp4", "vp9_opus.webm", "mpeg4_mp3.avi", "h264_aac.mov", "small_320x180.mp4"])
    func colourAndChromaAreQuietOnOrdinaryFiles(_ file: String) throws {
        let found = Self.ids(try Self.findings(["--video", TestMedia.path(file), "--audio", TestMedia.path("speech_48k.wav")]))
        #expect(!found.contains("V-COLOR-01"), "\(file): \(found)")
        #expect(!found.contains("V-CHROMA-01"), "\(file): \(found)")
    }

    @Test func chromaReportsA422Master() throws {
        let hit = try #require(try Self.findings(["--video", TestMedia.path("h264_422_320x240.mp4")])
            .first { $0["ruleID"] as? String == "V-CHROMA-01" })
        #expect(hit["severity"] as? String == "info")
        #expect(hit["measured"] as? String == "4:2:2")
    }
}
