import Testing
import Preflight
import TestMediaSupport

/// `--exact` measures what is really in the file where headers are missing or lie.
@Suite struct ExactScanTests {
    /// Headers that lie about content there is to measure (a file with no packet has its own test).
    static let lying = TestMedia.fixtures.filter { $0.readable && $0.headerDurationWrong && ($0.trueDuration ?? 0) > 0 }

    @Test func thereAreLyingFixtures() {
        let names = Set(Self.lying.map(\.file))
        #expect(names.isSuperset(of: ["truncated_faststart.mp4", "nodur_mediarecorder.webm", "bogus_header.wav"]))
    }

    @Test(arguments: lying)
    func measuresTrueDurationAndFlagsHeader(_ fixture: TestMedia.Fixture) throws {
        let info = try MediaProbe.probe(path: fixture.path, options: ProbeOptions(exact: true))
        let exact = try #require(info.exact)
        let truth = try #require(fixture.trueDuration)
        let measured = try #require(exact.duration)
        // Within one video frame, or 1024 audio samples for audio-only files.
        let frame = info.video.first?.frameRate.map { 1 / $0 } ?? info.audio.first.map { 1024 / Double($0.sampleRate) } ?? 0.04
        #expect(abs(measured - truth) <= frame + 1e-6, "measured \(measured) vs true \(truth) (tolerance \(frame))")
        let flagged: Set<IntegrityIssue.Kind> = [.truncated, .durationMismatch, .durationMissing, .headerPlaceholder]
        #expect(info.integrity.contains { flagged.contains($0.kind) }, "header not marked wrong: \(info.integrity)")
    }

    @Test(arguments: TestMedia.clean.filter { !$0.headerDurationWrong && $0.trueDuration != nil })
    func cleanFilesHaveNoIntegrityIssues(_ fixture: TestMedia.Fixture) throws {
        let info = try MediaProbe.probe(path: fixture.path, options: ProbeOptions(exact: true))
        #expect(info.integrity.isEmpty, "\(info.integrity)")
        #expect(info.exact?.decodeErrors == 0)
    }

    /// check's first-frame test finds nothing wrong with any clean fixture, and the same as --exact on the rest.
    @Test(arguments: TestMedia.fixtures.filter { $0.readable })
    func firstFramesAgreeWithExactOnDecodability(_ fixture: TestMedia.Fixture) throws {
        let kinds: Set<IntegrityIssue.Kind> = [.undecodable, .noPackets]
        let first = try MediaProbe.probe(path: fixture.path, options: ProbeOptions(firstFrames: true)).integrity.filter { kinds.contains($0.kind) }
        let exact = try MediaProbe.probe(path: fixture.path, options: ProbeOptions(exact: true)).integrity.filter { kinds.contains($0.kind) }
        let expected = ["undecodable": IntegrityIssue.Kind.undecodable, "noPackets": .noPackets][fixture.expectedError ?? ""]
        #expect(first.map(\.kind) == expected.map { [$0] } ?? [], "\(first)")
        #expect(exact.map(\.kind) == first.map(\.kind), "\(exact)")
        #expect(exact.map(\.stream) == first.map(\.stream))
    }

    @Test func corruptBitstreamReportsDecodeErrorsWithLocation() throws {
        let info = try MediaProbe.probe(path: TestMedia.path("corrupt_bitstream.mp4"), options: ProbeOptions(exact: true))
        let issue = try #require(info.integrity.first { $0.kind == .decodeErrors })
        // generate.sh overwrites the middle third of the mdat payload: the first third decodes, so the first
        // error is well after the start and before the corruption ends (about two thirds into the 2 s).
        let at = try #require(issue.at)
        #expect(at > 0.25 && at < 1.4, "\(at)")
        #expect(issue.message.contains(String(format: "first at %.3f s", at)), "\(issue.message)")
        #expect(info.exact!.decodeErrors > 0)
    }

    @Test func truncatedMP4IsFlaggedWithoutExactScan() throws {
        let info = try MediaProbe.probe(path: TestMedia.path("truncated_faststart.mp4"))
        #expect(info.integrity.contains { $0.kind == .truncated })
        #expect(info.duration?.seconds == 3.0)   // what the header claims, as ffprobe says
    }

    @Test func variableFrameRateIsDetected() throws {
        let fast = try MediaProbe.probe(path: TestMedia.path("vfr.mp4"))
        #expect(fast.video[0].frameRateMode.kind == .variable)
        let exact = try MediaProbe.probe(path: TestMedia.path("vfr.mp4"), options: ProbeOptions(exact: true))
        #expect(exact.video[0].frameRateMode.kind == .variable)
        #expect(exact.video[0].frameRateMode.basis == .packets)
        for name in ["h264_aac.mp4", "fps2997.mp4", "fps60.mp4", "vp9_opus.webm"] {
            let m = try MediaProbe.probe(path: TestMedia.path(name), options: ProbeOptions(exact: true))
            #expect(m.video[0].frameRateMode.kind == .constant, "\(name)")
        }
    }
}
