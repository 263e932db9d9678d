import Foundation
import MediaIO
import Preflight
import Testing
import TestMediaSupport

/// The public library API used wrongly throws an error that says what is wrong; it never traps the caller's
/// process (formerly preconditions: `PrepareOptions.bits = 32`, a rule reused without its threshold).
@Suite struct LibraryMisuseTests {
    static let video = TestMedia.path("h264_aac.mp4")
    static let audio = TestMedia.path("speech_48k.wav")

    /// Runs `body`, expecting an error whose description contains each of `words`.
    static func expectError(_ words: [String], _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("no error thrown; expected one mentioning \(words)")
        } catch {
            for w in words { #expect("\(error)".contains(w), "\(error)") }
        }
    }

    @Test(arguments: [("bits", "bits is 32"), ("sampleRate", "sampleRate is 0"), ("truePeakCeiling", "truePeakCeiling"),
                      ("maxBytes", "maxBytes"), ("fitMode", "fitVideoPath and fitMode")])
    func prepareOptionsItCannotHonourThrow(_ option: String, _ message: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-misuse-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = PrepareOptions()
        switch option {
        case "bits": options.bits = 32
        case "sampleRate": options.sampleRate = 0
        case "truePeakCeiling": options.truePeakCeiling = .nan
        case "maxBytes": options.maxBytes = -1
        default: options.fitMode = .cutOff
        }
        let out = dir.appendingPathComponent("out.wav").path
        Self.expectError([message]) { _ = try AudioPreparer.run(input: Self.audio, output: out, options: options) }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// V-RES-01 of the sync profile added to wav2lip, whose thresholds lack video.maxSide.
    @Test func ruleReusedWithoutItsThresholdThrows() throws {
        var profile = Profile.wav2lip
        profile.definitions.append(try #require(Profile.sync.definition("V-RES-01")))
        Self.expectError(["V-RES-01", "video.maxSide", "wav2lip"]) {
            _ = try MediaCheck.run(CheckRequest(videoPath: Self.video, audio: [.init(path: Self.audio)]), profile: profile)
        }
    }

    /// A sync-mode profile without the advice's thresholds.
    @Test func syncModeAdviceWithoutItsThresholdsThrows() throws {
        var profile = Profile.wav2lip
        profile.usesSyncModes = true
        profile.thresholds = Thresholds([.videoRequiredFrameRate: 25, .videoRecommendedHeight: 720, .audioRequiredSampleRate: 16000])
        Self.expectError(["mode.nearEqualSeconds", "sync_mode advice"]) {
            _ = try MediaCheck.run(CheckRequest(videoPath: Self.video, audio: [.init(path: Self.audio)]), profile: profile)
        }
        Self.expectError(["mode.nearEqualSeconds"]) { _ = try SyncModeAdvisor(thresholds: Thresholds([:])) }
    }

    // NEW-API-BEGIN (RuleDefinition.hits(in:) did not exist before)
    /// A rule evaluated directly with another profile's thresholds.
    @Test func ruleHitsWithoutItsThresholdThrows() throws {
        let rule = try #require(Profile.sync.definition("V-RES-02"))
        let context = RuleContext(video: try MediaProbe.probe(path: Self.video, options: ProbeOptions()), thresholds: Profile.wav2lip.thresholds)
        Self.expectError(["V-RES-02", "video.minSide"]) { _ = try rule.hits(in: context) }
        #expect(try rule.hits(in: RuleContext(video: context.video, thresholds: Profile.sync.thresholds)).count == 1)
    }
    // NEW-API-END

    @Test func audioWriterRejectsUnsupportedBits() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-misuse-\(UUID().uuidString).wav").path
        defer { unlink(path) }
        Self.expectError(["32-bit"]) { _ = try AudioFileWriter(path: path, container: .wav, bits: 32, sampleRate: 48000, channels: 1) }
    }

    @Test func decoderForAStreamTheFileLacksThrows() throws {
        let file = try InputFile(path: Self.video)
        Self.expectError(["no stream 7"]) { _ = try Decoder(file: file, streamIndex: 7) }
    }
}
