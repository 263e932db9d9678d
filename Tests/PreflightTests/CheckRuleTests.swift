import Foundation
import Testing
@testable import Preflight
import TestMediaSupport

/// `check` at library level: every error rule of the `sync` profile (and W2L-FPS-01 of `wav2lip`) has a case that
/// triggers it with severity error and a clean case where it does not fire; the warning rules with fixtures;
/// and a policy that disables a rule, changes a severity and a threshold, and adds a constraint.
@Suite struct CheckRuleTests {
    // MARK: - Helpers

    static let video = TestMedia.path("h264_aac.mp4")
    static let audio = TestMedia.path("speech_48k.wav")
    static let longAudio = TestMedia.path("speech_8s.flac")

    /// Files a case needs that are not fixtures (scripts, segments), written once per test process.
    static let scratch: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-checkrules-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) {
            try! Data(text.utf8).write(to: dir.appendingPathComponent(name))
        }
        write("long.txt", String(repeating: "Hello from preflight. ", count: 273))   // 6006 characters
        write("empty.txt", "")
        write("short.txt", "Hello from preflight.\n")
        write("seg-times.json", #"[{"startTime": 1.5, "endTime": 0.5, "audioInput": {"refId": "a1"}}]"#)
        write("seg-crop.json", #"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a1", "startTime": 0.2}}]"#)
        write("seg-ref.json", #"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": "zz"}}]"#)
        write("seg-crop-past.json", #"[{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a1", "startTime": 1.5, "endTime": 3}}]"#)
        write("seg-ok.json", #"""
            {"segments": [{"startTime": 0, "endTime": 1, "audioInput": {"refId": "a1"}},
                          {"startTime": 1, "endTime": 2, "audioInput": {"refId": "a2", "startTime": 0, "endTime": 1}}]}
            """#)
        return dir
    }()

    static func scratchPath(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    static func findings(_ r: CheckReport, _ id: String) -> [Finding] { r.findings.filter { $0.ruleID == id } }

    static func describe(_ r: CheckReport) -> String {
        r.findings.map { "\($0.ruleID)/\($0.severity.rawValue)" }.joined(separator: ", ")
            + " | unreadable: " + r.inputs.compactMap { $0.error.map { "\($0.path): \($0.message)" } }.joined(separator: "; ")
    }

    static func probe(_ name: String) throws -> MediaInfo { try MediaProbe.probe(path: TestMedia.path(name)) }

    static func setDuration(_ m: inout MediaInfo, _ seconds: Double) {
        m.duration = DurationInfo(seconds: seconds, source: .containerHeader)
        for i in m.video.indices { m.video[i].duration = DurationInfo(seconds: seconds, source: .streamHeader) }
        for i in m.audio.indices { m.audio[i].duration = DurationInfo(seconds: seconds, source: .streamHeader) }
    }

    /// The clean pair, with an explicit mode so no D-MODE-01 advice warning.
    static let cleanRequest: CheckRequest = {
        var r = CheckRequest(videoPath: video, audio: [.init(path: audio)], syncMode: .cutOff)
        r.content = .off   // the bundled pair's picture is a test card with no face (face rules: FaceCheckCLITests)
        return r
    }()

    // MARK: - Error rules: triggering cases from fixtures (and files written to a temp dir)

    /// One request that must produce `ruleID` with severity error, and a close variant that must not.
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var ruleID: String
        var label: String
        var profile: String = "sync"
        var trigger: CheckRequest
        var clean: CheckRequest
        /// Whether the rule is evaluated (applies) in the clean variant, so its pass is reported.
        var cleanEvaluated = true
        var testDescription: String { "\(ruleID) (\(label))" }
    }

    /// `request` checked for built-in dubbing into `target` (`--dub-target-lang`).
    static func dubbing(_ request: CheckRequest, _ target: String) -> CheckRequest {
        var r = request
        r.dub = DubParams(targetLang: target)
        return r
    }

    static func pair(_ video: String?, _ audio: [String], image: String? = nil, script: String? = nil, model: LipsyncModel = .lipsync2,
                     mode: SyncMode? = .cutOff, segments: String? = nil, outputName: String? = nil) -> CheckRequest {
        CheckRequest(videoPath: video.map(TestMedia.path), audio: audio.map(CheckRequest.AudioInput.parse), imagePath: image.map(TestMedia.path),
                     scriptPath: script.map(scratchPath), syncMode: mode, model: model, segmentsPath: segments.map(scratchPath),
                     outputFileName: outputName)
    }

    static let cleanPair = pair("h264_aac.mp4", [audio])
    static let twoAudio = [ "a1=" + audio, "a2=" + audio ]

    static let errorCases: [ErrorCase] = [
        ErrorCase(ruleID: "V-CONT-01", label: "subtitles.mkv as video", trigger: pair("subtitles.mkv", [audio]), clean: cleanPair),
        ErrorCase(ruleID: "V-STREAM-01", label: "audio_only.mp4 as video", trigger: pair("audio_only.mp4", [audio]), clean: cleanPair),
        ErrorCase(ruleID: "V-META-01", label: "nodur_mediarecorder.webm", trigger: pair("nodur_mediarecorder.webm", [audio]),
                  clean: pair("vp9_opus.webm", [audio])),
        ErrorCase(ruleID: "V-RES-01", label: "over4k_4104x2160.mp4", trigger: pair("over4k_4104x2160.mp4", [audio]), clean: cleanPair),
        ErrorCase(ruleID: "A-CONT-01", label: "vp9_opus.webm as audio", trigger: pair("h264_aac.mp4", [TestMedia.path("vp9_opus.webm")]),
                  clean: cleanPair),
        ErrorCase(ruleID: "A-META-01", label: "bogus_header.wav", trigger: pair("h264_aac.mp4", [TestMedia.path("bogus_header.wav")]),
                  clean: cleanPair),
        ErrorCase(ruleID: "A-META-01", label: "streaming_header.wav", trigger: pair("h264_aac.mp4", [TestMedia.path("streaming_header.wav")]),
                  clean: pair("h264_aac.mp4", [TestMedia.path("flac_48k.flac")])),
        ErrorCase(ruleID: "A-BITS-01", label: "pcm_f64le_48000_mono.wav", trigger: pair("h264_aac.mp4", [TestMedia.path("pcm_f64le_48000_mono.wav")]),
                  clean: pair("h264_aac.mp4", [TestMedia.path("pcm_f32le_48000_stereo.wav")])),
        ErrorCase(ruleID: "A-CH-01", label: "pcm_s16le_8000_10ch.wav", trigger: pair("h264_aac.mp4", [TestMedia.path("pcm_s16le_8000_10ch.wav")]),
                  clean: pair("h264_aac.mp4", [TestMedia.path("pcm_s16le_22050_5.1.wav")])),
        ErrorCase(ruleID: "F-VIS-01", label: "video and image", trigger: pair("h264_aac.mp4", [audio], image: "still_320x240.png", model: .sync3),
                  clean: pair(nil, [audio], image: "still_320x240.png", model: .sync3, mode: nil)),
        ErrorCase(ruleID: "F-DUB-01", label: "video_only.mp4 alone", trigger: pair("video_only.mp4", [], mode: nil),
                  clean: pair("h264_aac.mp4", [], mode: nil)),
        ErrorCase(ruleID: "F-DUB-03", label: "dubbing with an audio input", trigger: dubbing(pair("h264_aac.mp4", [audio], mode: nil), "es"),
                  clean: dubbing(pair("h264_aac.mp4", [], mode: nil), "es")),
        ErrorCase(ruleID: "F-DUB-04", label: "dubbing into 'spanish'", trigger: dubbing(pair("h264_aac.mp4", [], mode: nil), "spanish"),
                  clean: dubbing(pair("h264_aac.mp4", [], mode: nil), "es")),
        ErrorCase(ruleID: "F-IMG-01", label: "image with lipsync-2", trigger: pair(nil, [audio], image: "still_320x240.png", mode: nil),
                  clean: pair(nil, [audio], image: "still_320x240.png", model: .sync3, mode: nil)),
        ErrorCase(ruleID: "F-IMG-02", label: "still_64x48.bmp", trigger: pair(nil, [audio], image: "still_64x48.bmp", model: .sync3, mode: nil),
                  clean: pair(nil, [audio], image: "still_320x240.png", model: .sync3, mode: nil)),
        ErrorCase(ruleID: "F-IMG-02", label: "still_4200x64.png", trigger: pair(nil, [audio], image: "still_4200x64.png", model: .sync3, mode: nil),
                  clean: pair(nil, [audio], image: "still_320x240.jpg", model: .sync3, mode: nil)),
        ErrorCase(ruleID: "T-TXT-01", label: "6006-character script", trigger: pair("h264_aac.mp4", [], script: "long.txt", mode: nil),
                  clean: pair("h264_aac.mp4", [], script: "short.txt", mode: nil)),
        ErrorCase(ruleID: "T-TXT-01", label: "empty script", trigger: pair("h264_aac.mp4", [], script: "empty.txt", mode: nil),
                  clean: pair("h264_aac.mp4", [], script: "short.txt", mode: nil)),
        ErrorCase(ruleID: "G-NAME-01", label: "outputFileName 'bad name!'", trigger: pair("h264_aac.mp4", [audio], outputName: "bad name!"),
                  clean: pair("h264_aac.mp4", [audio], outputName: "good_name-1")),
        ErrorCase(ruleID: "G-SEG-01", label: "startTime after endTime", trigger: pair("h264_aac.mp4", twoAudio, segments: "seg-times.json"),
                  clean: pair("h264_aac.mp4", twoAudio, segments: "seg-ok.json")),
        ErrorCase(ruleID: "G-SEG-02", label: "audio crop start without end", trigger: pair("h264_aac.mp4", twoAudio, segments: "seg-crop.json"),
                  clean: pair("h264_aac.mp4", twoAudio, segments: "seg-ok.json")),
        ErrorCase(ruleID: "G-SEG-03", label: "unresolvable refId", trigger: pair("h264_aac.mp4", twoAudio, segments: "seg-ref.json"),
                  clean: pair("h264_aac.mp4", twoAudio, segments: "seg-ok.json")),
        ErrorCase(ruleID: "G-SEG-05", label: "audio crop past the end of its 2 s audio", trigger: pair("h264_aac.mp4", twoAudio, segments: "seg-crop-past.json"),
                  clean: pair("h264_aac.mp4", twoAudio, segments: "seg-ok.json")),
        ErrorCase(ruleID: "W2L-FPS-01", label: "fps2997.mp4 in wav2lip", profile: "wav2lip", trigger: pair("fps2997.mp4", [audio], mode: nil),
                  clean: pair("h264_aac.mp4", [audio], mode: nil)),
        ErrorCase(ruleID: "V-DEC-01", label: "avs2_nodecoder.avi", trigger: pair("avs2_nodecoder.avi", [audio]), clean: pair("mpeg4_mp3.avi", [audio])),
        ErrorCase(ruleID: "V-DEC-01", label: "avs2_nodecoder.avi in wav2lip", profile: "wav2lip", trigger: pair("avs2_nodecoder.avi", [audio], mode: nil),
                  clean: pair("h264_aac.mp4", [audio], mode: nil)),
        ErrorCase(ruleID: "A-DEC-01", label: "mpegh_nodecoder.m4a", trigger: pair("h264_aac.mp4", [TestMedia.path("mpegh_nodecoder.m4a")]),
                  clean: pair("h264_aac.mp4", [TestMedia.path("aac.m4a")])),
        ErrorCase(ruleID: "A-DEC-01", label: "no_packets.m4a", trigger: pair("h264_aac.mp4", [TestMedia.path("no_packets.m4a")]),
                  clean: pair("h264_aac.mp4", [TestMedia.path("aac.m4a")])),
        ErrorCase(ruleID: "A-DEC-01", label: "mpegh_nodecoder.m4a in wav2lip", profile: "wav2lip",
                  trigger: pair("h264_aac.mp4", [TestMedia.path("mpegh_nodecoder.m4a")], mode: nil), clean: pair("h264_aac.mp4", [audio], mode: nil)),
    ]

    @Test(arguments: errorCases)
    func errorRuleFires(_ c: ErrorCase) throws {
        let profile = try #require(Profile.named(c.profile))
        let r = try MediaCheck.run(c.trigger, profile: profile)
        let hits = Self.findings(r, c.ruleID)
        #expect(!hits.isEmpty, "\(c.ruleID) did not fire: \(Self.describe(r))")
        #expect(hits.allSatisfy { $0.severity == .error })
        #expect(r.evaluations.contains { $0.ruleID == c.ruleID && $0.failedWith == .error })
        #expect(r.counts.unreadable == 0, "\(Self.describe(r))")
        #expect(r.verdict == .errors)
        #expect(r.exitCode(strict: false) == .errors)
        #expect(r.exitCode(strict: true) == .errors)
    }

    @Test(arguments: errorCases)
    func errorRuleCleanVariantDoesNotFire(_ c: ErrorCase) throws {
        let profile = try #require(Profile.named(c.profile))
        let r = try MediaCheck.run(c.clean, profile: profile)
        #expect(Self.findings(r, c.ruleID).isEmpty, "\(c.ruleID) fired on the clean variant: \(Self.describe(r))")
        #expect(r.counts.unreadable == 0, "\(Self.describe(r))")
        if c.cleanEvaluated {
            #expect(r.evaluations.contains { $0.ruleID == c.ruleID && $0.failedWith == nil }, "\(c.ruleID) was not evaluated")
        }
    }

    /// The clean pair (both 2.0 s, explicit cut_off) fires no error rule of either profile.
    @Test(arguments: ["sync", "wav2lip"])
    func cleanPairHasNoErrors(_ name: String) throws {
        let r = try MediaCheck.run(Self.cleanRequest, profile: try #require(Profile.named(name)))
        #expect(r.counts.errors == 0, "\(Self.describe(r))")
        #expect(r.counts.unreadable == 0)
        #expect(r.verdict == .pass || r.verdict == .warnings)
        #expect(r.exitCode(strict: false) == .ok)
    }

    /// Every error rule of the built-in profiles has a triggering case here (fixture or generated), so a new
    /// error rule cannot ship without one. No rule is exempt: one whose input no fixture provides gets a
    /// generated context (F-DUB-02: measured speech figures in place of a muxed video).
    @Test func everyErrorRuleHasATrigger() {
        let covered = Set(Self.errorCases.map(\.ruleID)).union(Self.generatedCases.map(\.ruleID))
        for p in Profile.builtIn {
            for rule in p.rules where rule.severity == .error {
                #expect(covered.contains(rule.id), "error rule \(rule.id) of profile \(p.name) has no triggering test")
            }
        }
    }

    // MARK: - Error rules: generated cases (a probed fixture with a modified MediaInfo, evaluated directly)

    struct GeneratedCase: Sendable, CustomTestStringConvertible {
        var ruleID: String
        var label: String
        /// Builds (trigger, clean) contexts.
        var build: @Sendable () throws -> (RuleContext, RuleContext)
        var testDescription: String { "\(ruleID) (\(label))" }
    }

    static let thresholds = Profile.sync.thresholds

    static func advice(video: Double, audio: Double) -> SyncModeAdvice {
        try! SyncModeAdvisor(thresholds: thresholds).advise(video: video, audio: audio, frameDuration: 0.04, loopsSeamlessly: nil, keepVideo: false)
    }

    static let generatedCases: [GeneratedCase] = [
        GeneratedCase(ruleID: "V-META-02", label: "frame rates 0/0") {
            let v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            var bad = v
            bad.video[0].rFrameRate = "0/0"
            bad.video[0].avgFrameRate = "0/0"
            bad.video[0].frameRate = nil
            return (RuleContext(video: bad, audio: a, thresholds: thresholds), RuleContext(video: v, audio: a, thresholds: thresholds))
        },
        GeneratedCase(ruleID: "A-CH-02", label: "channelLayout ambisonic 1") {
            let v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            var bad = a
            bad.audio[0].channelLayout = "ambisonic 1"
            bad.audio[0].channels = 4
            return (RuleContext(video: v, audio: bad, thresholds: thresholds), RuleContext(video: v, audio: a, thresholds: thresholds))
        },
        GeneratedCase(ruleID: "S-SIZE-02", label: "video of 6 GiB") {
            let v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            var bad = v
            bad.sizeBytes = 6 * 1024 * 1024 * 1024
            return (RuleContext(video: bad, audio: a, thresholds: thresholds), RuleContext(video: v, audio: a, thresholds: thresholds))
        },
        GeneratedCase(ruleID: "S-SIZE-02", label: "audio of 6 GiB") {
            let v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            var bad = a
            bad.sizeBytes = 6 * 1024 * 1024 * 1024
            return (RuleContext(video: v, audio: bad, thresholds: thresholds), RuleContext(video: v, audio: a, thresholds: thresholds))
        },
        GeneratedCase(ruleID: "D-PLAN-01", label: "plan free, 30 s pair") {
            var v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            let cleanCtx = RuleContext(video: v, audio: a, thresholds: thresholds, plan: .free, requestedMode: .cutOff,
                                       advice: advice(video: 2, audio: 2), outputDuration: 2)
            setDuration(&v, 30)
            setDuration(&a, 30)
            let ctx = RuleContext(video: v, audio: a, thresholds: thresholds, plan: .free, requestedMode: .cutOff,
                                  advice: advice(video: 30, audio: 30), outputDuration: 30)
            return (ctx, cleanCtx)
        },
        GeneratedCase(ruleID: "D-PLAN-01", label: "plan hobbyist is clean at 30 s, free is not") {
            var v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            setDuration(&v, 30)
            setDuration(&a, 30)
            let ctx = RuleContext(video: v, audio: a, thresholds: thresholds, plan: .free, requestedMode: .cutOff,
                                  advice: advice(video: 30, audio: 30), outputDuration: 30)
            var cleanCtx = ctx
            cleanCtx.plan = .hobbyist
            return (ctx, cleanCtx)
        },
        GeneratedCase(ruleID: "D-REACT-01", label: "react-1 with a 20 s pair") {
            var v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            let cleanCtx = RuleContext(video: v, audio: a, thresholds: thresholds, model: .react1, requestedMode: .cutOff)
            setDuration(&v, 20)
            setDuration(&a, 20)
            return (RuleContext(video: v, audio: a, thresholds: thresholds, model: .react1, requestedMode: .cutOff), cleanCtx)
        },
        GeneratedCase(ruleID: "D-REACT-01", label: "20 s pair is clean with lipsync-2") {
            var v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            setDuration(&v, 20)
            setDuration(&a, 20)
            return (RuleContext(video: v, audio: a, thresholds: thresholds, model: .react1, requestedMode: .cutOff),
                    RuleContext(video: v, audio: a, thresholds: thresholds, model: .lipsync2, requestedMode: .cutOff))
        },
        GeneratedCase(ruleID: "F-DUB-02", label: "the video's own audio measured as music") {
            // The dubbing flow checks the video alone; its sound track's figures are those of 2 s of music_only.flac
            // (SpeechCheckCLITests muxes the same music into the video and runs the CLI).
            let v = try probe("h264_aac.mp4")
            var trigger = RuleContext(video: v, thresholds: thresholds)
            trigger.speech = try SpeechAnalysis.measure(path: TestMedia.path("music_only.flac"), duration: 2).get()
            var clean = trigger
            clean.speech = try SpeechAnalysis.measure(path: TestMedia.path("speech_real.flac"), duration: 2).get()
            return (trigger, clean)
        },
        GeneratedCase(ruleID: "A-DUR-02", label: "700 s audio") {
            let v = try probe("h264_aac.mp4"), a = try probe("speech_48k.wav")
            var long = a
            setDuration(&long, 700)
            return (RuleContext(video: v, audio: long, thresholds: thresholds), RuleContext(video: v, audio: a, thresholds: thresholds))
        },
    ]

    @Test(arguments: generatedCases)
    func generatedErrorCase(_ c: GeneratedCase) throws {
        let def = try #require(Profile.sync.definition(c.ruleID))
        #expect(def.rule.severity == .error)
        let (trigger, clean) = try c.build()
        #expect(def.applies(to: trigger))
        let hits = def.evaluate(trigger)
        #expect(!hits.isEmpty, "\(c.ruleID) did not fire on the generated case")
        #expect(hits.allSatisfy { (def.severityOverride ?? $0.severity ?? def.rule.severity) == .error })
        #expect(def.evaluate(clean).isEmpty, "\(c.ruleID) fired on the clean context")
    }

    @Test func reactReportsBothInputs() throws {
        var v = try Self.probe("h264_aac.mp4"), a = try Self.probe("speech_48k.wav")
        Self.setDuration(&v, 20)
        Self.setDuration(&a, 20)
        let hits = Profile.sync.definition("D-REACT-01")!.evaluate(RuleContext(video: v, audio: a, thresholds: Self.thresholds, model: .react1))
        #expect(hits.map(\.role) == [.video, .audio])
        #expect(hits.allSatisfy { $0.measured == "20.00 s" && $0.limit == "≤ 15 s" })
    }

    /// A generated context with no frame rate must not trap any rule (a precondition in a threshold lookup would).
    @Test func everyRuleEvaluatesAGeneratedNoFrameRateContext() throws {
        var v = try Self.probe("h264_aac.mp4")
        let a = try Self.probe("speech_48k.wav")
        v.video[0].frameRate = nil
        v.video[0].rFrameRate = "0/0"
        v.video[0].avgFrameRate = "0/0"
        for p in Profile.builtIn {
            let ctx = RuleContext(video: v, audio: a, thresholds: p.thresholds, requestedMode: .cutOff)
            let fired = p.definitions.filter { !$0.evaluate(ctx).isEmpty }.map(\.rule.id)
            #expect(fired.contains("V-META-02"), "profile \(p.name): \(fired)")
        }
    }

    // MARK: - D-PLAN-01 and A-DUR-02 through a policy on the real pair

    @Test func planCapFromPolicyThreshold() throws {
        let policy = try Policy.parse("thresholds:\n  plan.maxOutputSeconds: 1\n", path: "plan.yml")
        let profile = try policy.apply(to: .sync, path: "plan.yml")
        let r = try MediaCheck.run(Self.cleanRequest, profile: profile)
        let hits = Self.findings(r, "D-PLAN-01")
        #expect(hits.count == 1, "\(Self.describe(r))")
        #expect(hits.first?.severity == .error)
        #expect(hits.first?.measured == "2.00 s")
        #expect(hits.first?.limit == "≤ 1 s")
        #expect(r.verdict == .errors)

        // Without the policy the free plan's 20 s cap holds the 2 s output.
        var free = Self.cleanRequest
        free.plan = .free
        let clean = try MediaCheck.run(free, profile: .sync)
        #expect(Self.findings(clean, "D-PLAN-01").isEmpty)
        #expect(clean.evaluations.contains { $0.ruleID == "D-PLAN-01" && $0.failedWith == nil })
    }

    @Test func comfyDurationRuleIsOffByDefault() throws {
        #expect(Profile.sync.definition("A-DUR-02")?.rule.enabledByDefault == false)
        // Even with the limit lowered below the 8 s audio, the rule stays silent until enabled.
        let lowered = try Policy.parse("thresholds:\n  audio.comfyMaxDuration: 1\n").apply(to: .sync)
        let request = CheckRequest(videoPath: Self.video, audio: [.init(path: Self.longAudio)], syncMode: .bounce)
        for profile in [Profile.sync, lowered] {
            let r = try MediaCheck.run(request, profile: profile)
            #expect(Self.findings(r, "A-DUR-02").isEmpty)
            #expect(!r.evaluations.contains { $0.ruleID == "A-DUR-02" })
        }
    }

    @Test func comfyDurationRuleEnabledByPolicy() throws {
        let policy = try Policy.parse("""
            rules:
              A-DUR-02: on
            thresholds:
              audio.comfyMaxDuration: 1
            """)
        let profile = try policy.apply(to: .sync)
        let r = try MediaCheck.run(Self.cleanRequest, profile: profile)
        let hits = Self.findings(r, "A-DUR-02")
        #expect(hits.count == 1, "\(Self.describe(r))")
        #expect(hits.first?.severity == .error)
        #expect(hits.first?.input == .audio)
        #expect(r.verdict == .errors)

        // Enabled with the default 600 s limit: the 2 s audio passes, a generated 700 s audio does not.
        let enabled = try Policy.parse("rules:\n  A-DUR-02: {enabled: true}\n").apply(to: .sync)
        let def = try #require(enabled.definition("A-DUR-02"))
        #expect(def.rule.enabledByDefault)
        let passing = try MediaCheck.run(Self.cleanRequest, profile: enabled)
        #expect(Self.findings(passing, "A-DUR-02").isEmpty)
        #expect(passing.evaluations.contains { $0.ruleID == "A-DUR-02" && $0.failedWith == nil })
        var long = try Self.probe("speech_48k.wav")
        Self.setDuration(&long, 700)
        let hit = def.evaluate(RuleContext(video: try Self.probe("h264_aac.mp4"), audio: long, thresholds: enabled.thresholds))
        #expect(hit.count == 1)
        #expect(hit.first?.measured == "700.00 s")
    }

    // MARK: - Warning rules

    struct WarningCase: Sendable, CustomTestStringConvertible {
        var ruleID: String
        var video: String
        var audio: String
        var mode: SyncMode?
        var testDescription: String { "\(ruleID) (\(video) + \(audio), \(mode?.rawValue ?? "auto"))" }
    }

    static let warningCases: [WarningCase] = [
        WarningCase(ruleID: "D-MODE-01", video: "h264_aac.mp4", audio: "speech_48k.wav", mode: nil),
        WarningCase(ruleID: "D-MODE-02", video: "h264_aac.mp4", audio: "speech_8s.flac", mode: nil),
        WarningCase(ruleID: "D-MODE-02", video: "h264_aac.mp4", audio: "speech_8s.flac", mode: .bounce),
        WarningCase(ruleID: "D-MODE-03", video: "h264_aac.mp4", audio: "speech_8s.flac", mode: .remap),
        WarningCase(ruleID: "D-MODE-04", video: "h264_aac.mp4", audio: "speech_late_start.flac", mode: .cutOff),
        WarningCase(ruleID: "V-FPS-01", video: "vfr.mp4", audio: "speech_48k.wav", mode: .cutOff),
        WarningCase(ruleID: "V-HDR-01", video: "hdr10_hevc.mp4", audio: "speech_48k.wav", mode: .cutOff),
        WarningCase(ruleID: "V-ALPHA-01", video: "alpha_vp9.webm", audio: "speech_48k.wav", mode: .cutOff),
        WarningCase(ruleID: "V-ROT-01", video: "rotated90.mp4", audio: "speech_48k.wav", mode: .cutOff),
        WarningCase(ruleID: "V-INTL-01", video: "interlaced.mp4", audio: "speech_48k.wav", mode: .cutOff),
        WarningCase(ruleID: "A-SR-01", video: "h264_aac.mp4", audio: "pcm_s24le_96000_mono.wav", mode: .cutOff),
        WarningCase(ruleID: "A-SR-02", video: "h264_aac.mp4", audio: "pcm_s16le_8000_mono.wav", mode: .cutOff),
        WarningCase(ruleID: "A-STREAMS-01", video: "h264_aac.mp4", audio: "two_audio.mp4", mode: .cutOff),
    ]

    @Test(arguments: warningCases)
    func warningRuleFires(_ c: WarningCase) throws {
        let request = CheckRequest(videoPath: TestMedia.path(c.video), audio: [.init(path: TestMedia.path(c.audio))], syncMode: c.mode)
        let r = try MediaCheck.run(request, profile: .sync)
        let hits = Self.findings(r, c.ruleID)
        #expect(!hits.isEmpty, "\(c.ruleID) did not fire: \(Self.describe(r))")
        #expect(hits.allSatisfy { $0.severity == .warning })
        #expect(r.counts.errors == 0, "\(Self.describe(r))")
        #expect(r.verdict == .warnings)
        #expect(r.exitCode(strict: false) == .ok)
        #expect(r.exitCode(strict: true) == .warnings)
        // The clean pair with an explicit mode does not raise it.
        #expect(Self.findings(try MediaCheck.run(Self.cleanRequest, profile: .sync), c.ruleID).isEmpty)
    }

    @Test func cutOffTailIsMeasuredAndLoud() throws {
        // Without the speech analysis the loudness of the tail decides.
        var request = CheckRequest(videoPath: Self.video, audio: [.init(path: Self.longAudio)], syncMode: .cutOff)
        request.content = .off
        let r = try MediaCheck.run(request, profile: .sync)
        let hit = try #require(Self.findings(r, "D-MODE-04").first)
        #expect(hit.input == .audio)
        #expect(hit.start.map { abs($0 - 2) < 0.05 } == true)
        #expect(hit.end.map { abs($0 - 8) < 0.05 } == true)
        #expect(hit.measured?.hasSuffix("dBFS") == true, "the tail level was not measured: \(hit.measured ?? "nil")")
        #expect(r.outputDuration.map { abs($0 - 2) < 0.05 } == true)
    }

    @Test func remapSpeedIsAQuarter() throws {
        let request = CheckRequest(videoPath: Self.video, audio: [.init(path: Self.longAudio)], syncMode: .remap)
        let hit = try #require(Self.findings(try MediaCheck.run(request, profile: .sync), "D-MODE-03").first)
        #expect(hit.measured == "0.25x")
    }

    // MARK: - Policy

    static let policyYAML = """
        # a team's policy
        rules:
          V-RES-02: off
          D-MODE-02: error
        thresholds:
          audio.maxDuration: 5
        constraints:
          - id: POL-DUR-01
            expect: abs(video.duration - audio.duration) <= 0.5
            severity: warning
            message: video and audio must match within half a second
        """

    @Test func policyParses() throws {
        let p = try Policy.parse(Self.policyYAML, path: "team.yml")
        #expect(p.rules["V-RES-02"] == Policy.RuleOverride(enabled: false, severity: nil))
        #expect(p.rules["D-MODE-02"] == Policy.RuleOverride(enabled: nil, severity: .error))
        #expect(p.thresholds == ["audio.maxDuration": 5])
        #expect(p.constraints.count == 1)
        #expect(p.constraints.first?.id == "POL-DUR-01")
        #expect(p.constraints.first?.severity == .warning)
        #expect(p.constraints.first?.line == 8)
    }

    @Test func policyOnMismatchedPair() throws {
        let p = try Policy.parse(Self.policyYAML, path: "team.yml")
        let profile = try p.apply(to: .sync, path: "team.yml")
        let request = CheckRequest(videoPath: Self.video, audio: [.init(path: Self.longAudio)], syncMode: .bounce)
        let r = try MediaCheck.run(request, profile: profile, constraints: p.constraints)

        // Disabled rule: neither a finding nor an evaluation.
        #expect(Self.findings(r, "V-RES-02").isEmpty)
        #expect(!r.evaluations.contains { $0.ruleID == "V-RES-02" })
        // Severity changed from warning to error.
        #expect(Self.findings(r, "D-MODE-02").map(\.severity) == [.error])
        #expect(r.evaluations.contains { $0.ruleID == "D-MODE-02" && $0.failedWith == .error })
        // Threshold lowered from 300 s to 5 s: the 8 s audio now trips A-DUR-01.
        let dur = Self.findings(r, "A-DUR-01")
        #expect(dur.map(\.severity) == [.warning])
        #expect(dur.first?.limit == "≤ 5 s")
        // The constraint: |2 - 8| > 0.5.
        let c = Self.findings(r, "POL-DUR-01")
        #expect(c.count == 1, "\(Self.describe(r))")
        #expect(c.first?.severity == .warning)
        #expect(c.first?.input == .pair)
        #expect(c.first?.message.hasPrefix("video and audio must match within half a second") == true)
        #expect(c.first?.limit == "abs(video.duration - audio.duration) <= 0.5")
        #expect(r.evaluations.contains { $0.ruleID == "POL-DUR-01" && $0.failedWith == .warning })
        #expect(r.verdict == .errors)
        #expect(r.exitCode(strict: false) == .errors)

        // Without the policy: D-MODE-02 is a warning, V-RES-02 fires, A-DUR-01 does not.
        let plain = try MediaCheck.run(request, profile: .sync)
        #expect(Self.findings(plain, "D-MODE-02").map(\.severity) == [.warning])
        #expect(!Self.findings(plain, "V-RES-02").isEmpty)
        #expect(Self.findings(plain, "A-DUR-01").isEmpty)
        #expect(plain.verdict == .warnings)
    }

    @Test func policyOnCleanPair() throws {
        let p = try Policy.parse(Self.policyYAML, path: "team.yml")
        let r = try MediaCheck.run(Self.cleanRequest, profile: try p.apply(to: .sync), constraints: p.constraints)
        #expect(Self.findings(r, "POL-DUR-01").isEmpty)
        #expect(r.evaluations.contains { $0.ruleID == "POL-DUR-01" && $0.failedWith == nil })
        #expect(r.counts.errors == 0 && r.counts.warnings == 0, "\(Self.describe(r))")
        #expect(r.verdict == .pass)
        #expect(r.exitCode(strict: true) == .ok)
    }

    /// The default severity of a constraint is error; a constraint on a field the check has no value for is skipped.
    @Test func constraintDefaultsAndMissingFields() throws {
        let p = try Policy.parse("""
            constraints:
              - id: POL-H
                expect: video.height >= 720
              - id: POL-AUD
                expect: audio.duration <= 1
            """)
        #expect(p.constraints.map(\.severity) == [.error, .error])
        let dub = CheckRequest(videoPath: Self.video)   // dubbing: the video's own audio counts as the audio
        let r = try MediaCheck.run(dub, profile: .sync, constraints: p.constraints)
        #expect(Self.findings(r, "POL-H").map(\.severity) == [.error])
        #expect(Self.findings(r, "POL-AUD").map(\.severity) == [.error])
        let image = CheckRequest(audio: [.init(path: Self.audio)], imagePath: TestMedia.path("still_320x240.png"), model: .sync3)
        let ri = try MediaCheck.run(image, profile: .sync, constraints: [p.constraints[1]])
        #expect(Self.findings(ri, "POL-AUD").count == 1)
        // Audio alone: no video.height, so POL-H is neither a finding nor an evaluation.
        let ra = try MediaCheck.run(CheckRequest(audio: [.init(path: Self.audio)]), profile: .sync, constraints: [p.constraints[0]])
        #expect(Self.findings(ra, "POL-H").isEmpty)
        #expect(!ra.evaluations.contains { $0.ruleID == "POL-H" })
    }

    @Test func resolvedPolicyFromFileAndFlags() throws {
        let url = Self.scratch.appendingPathComponent("resolve.yml")
        try Data("profile: wav2lip\nplan: creator\nmodel: sync-3\n".utf8).write(to: url)
        let fromFile = try ResolvedPolicy.resolve(profileName: nil, policyPath: url.path, plan: nil, model: nil)
        #expect(fromFile.profile.name == "wav2lip")
        #expect(fromFile.plan == .creator)
        #expect(fromFile.model == .sync3)
        let flagsWin = try ResolvedPolicy.resolve(profileName: "sync", policyPath: url.path, plan: .free, model: .react1)
        #expect(flagsWin.profile.name == "sync")
        #expect(flagsWin.plan == .free)
        #expect(flagsWin.model == .react1)
    }

    /// Each bad policy is a LoadError naming the file and the line, never a crash.
    @Test(arguments: [
        ("rules: [unclosed\n", 2, "not valid YAML"),
        ("plan: free\nbogus: 1\n", 2, "unknown key 'bogus'"),
        ("rules:\n  V-RES-01: fatal\n", 2, "rule V-RES-01"),
        ("rules:\n  V-RES-01:\n    severity: fatal\n", 3, "severity must be error, warning or info"),
        ("plan: platinum\n", 1, "unknown plan 'platinum'"),
        ("model: lipsync-9\n", 1, "unknown model 'lipsync-9'"),
        ("profile: nope\n", 1, "unknown profile 'nope'"),
        ("constraints:\n  - id: C1\n    expect: \"abs(video.duration - ) <= 0.5\"\n", 3, "constraint C1"),
        ("constraints:\n  - id: C1\n    expect: video.bogus <= 1\n", 3, "unknown field 'video.bogus'"),
        ("thresholds:\n  video.maxSide: big\n", 2, "must be a number"),
    ])
    func malformedPolicyParse(_ yaml: String, _ line: Int, _ message: String) {
        do {
            _ = try Policy.parse(yaml, path: "bad.yml")
            Issue.record("parsed: \(yaml)")
        } catch let e as Policy.LoadError {
            #expect(e.path == "bad.yml")
            #expect(e.line == line, "\(e)")
            #expect(e.message.contains(message), "\(e)")
            #expect(e.description.hasPrefix("bad.yml:\(line): "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test(arguments: [
        ("rules:\n  V-RES-01: off\n  X-NOPE-99: off\n", 3, "unknown rule id 'X-NOPE-99'"),
        ("thresholds:\n  video.maxSide: 100\n  video.bogus: 3\n", 3, "unknown threshold 'video.bogus'"),
        ("rules:\n  A-CONT-01: off\n", 2, "unknown rule id 'A-CONT-01' in profile wav2lip"),
        ("rules:\n  Q-SYNC-01: warning\n  Q-NOPE-01: off\n", 3, "unknown rule id 'Q-NOPE-01' in profile sync"),
    ])
    func policyUnknownNamesOnApply(_ yaml: String, _ line: Int, _ message: String) throws {
        let p = try Policy.parse(yaml, path: "bad.yml")
        let base: Profile = message.contains("wav2lip") ? .wav2lip : .sync
        do {
            _ = try p.apply(to: base, path: "bad.yml")
            Issue.record("applied: \(yaml)")
        } catch let e as Policy.LoadError {
            #expect(e.line == line, "\(e)")
            #expect(e.message.contains(message), "\(e)")
        }
    }

    /// verify's Q-* rules are the profile's output rules: a policy changes them in either profile, and leaves
    /// the check's rules alone.
    @Test(arguments: [Profile.sync, Profile.wav2lip])
    func policyChangesOutputRules(_ base: Profile) throws {
        let p = try Policy.parse("rules:\n  Q-SYNC-01: warning\n  Q-FREEZE-01: off\n", path: "team.yml")
        let profile = try p.apply(to: base, path: "team.yml")
        let sync = try #require(profile.outputDefinitions.first { $0.rule.id == "Q-SYNC-01" })
        #expect(sync.severityOverride == .warning)
        #expect(sync.rule.enabledByDefault)
        #expect(profile.outputDefinitions.first { $0.rule.id == "Q-FREEZE-01" }?.rule.enabledByDefault == false)
        #expect(profile.outputDefinitions.map(\.rule.id) == VerifyRules.all.map(\.rule.id))
        #expect(profile.definitions.map(\.rule) == base.definitions.map(\.rule))
        #expect(profile.definitions.allSatisfy { $0.severityOverride == nil })
    }

    @Test func missingPolicyFile() {
        let path = Self.scratchPath("no-such-policy.yml")
        #expect(throws: Policy.LoadError(path: path, line: nil, message: "no such policy file")) {
            try ResolvedPolicy.resolve(profileName: nil, policyPath: path, plan: nil, model: nil)
        }
    }

    // MARK: - Verdicts and exit codes

    @Test func verdictsMapToDocumentedExitCodes() throws {
        let pass = try MediaCheck.run(CheckRequest(audio: [.init(path: Self.audio)], imagePath: TestMedia.path("still_320x240.png"), model: .sync3),
                                  profile: .sync)
        #expect(pass.verdict == .pass, "\(Self.describe(pass))")
        #expect(pass.exitCode(strict: false).rawValue == 0 && pass.exitCode(strict: true).rawValue == 0)

        let warnings = try MediaCheck.run(Self.cleanRequest, profile: .sync)
        #expect(warnings.verdict == .warnings)
        #expect(warnings.exitCode(strict: false).rawValue == 0 && warnings.exitCode(strict: true).rawValue == 1)

        let errors = try MediaCheck.run(CheckRequest(videoPath: TestMedia.path("video_only.mp4")), profile: .sync)
        #expect(errors.verdict == .errors)
        #expect(errors.exitCode(strict: false).rawValue == 2 && errors.exitCode(strict: true).rawValue == 2)

        // Unreadable wins over errors.
        let unreadable = try MediaCheck.run(CheckRequest(videoPath: TestMedia.path("over4k_4104x2160.mp4"),
                                                     audio: [.init(path: TestMedia.path("empty.mp4"))]), profile: .sync)
        #expect(unreadable.verdict == .unreadable)
        #expect(unreadable.counts.unreadable == 1)
        #expect(unreadable.exitCode(strict: false).rawValue == 3 && unreadable.exitCode(strict: true).rawValue == 3)
    }

    @Test(arguments: [
        ("/nonexistent/clip.mp4", "not-found"),
        ("https://example.com/a.mp4", "not-a-local-path"),
    ])
    func unreadableVideo(_ path: String, _ kind: String) throws {
        let r = try MediaCheck.run(CheckRequest(videoPath: path, audio: [.init(path: Self.audio)]), profile: .sync)
        #expect(r.verdict == .unreadable)
        let input = r.inputs.first { $0.role == .video }
        #expect(input?.error?.kind == kind)
        #expect(input?.path == path)
    }
}
