import Foundation
import Testing
import Preflight
import TestMediaSupport

/// docs/RULES.md is generated from the rule data; it must not drift from what the checks run.
@Suite struct RuleDocsTests {
    @Test func rulesDocIsUpToDate() throws {
        let url = TestMedia.directory.deletingLastPathComponent().appendingPathComponent("docs/RULES.md")
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(committed == RuleCatalogRenderer.markdown(Profile.builtIn) + "\n",
                "regenerate with: preflight rules --format markdown > docs/RULES.md")
    }

    @Test func ruleIdsAreUniqueAndEveryRuleHasSourceAndFix() {
        for p in Profile.builtIn {
            let ids = p.rules.map(\.id)
            #expect(Set(ids).count == ids.count, "\(p.name) has duplicate ids")
            for r in p.rules {
                #expect(!r.fix.isEmpty && !r.check.isEmpty, "\(r.id)")
                #expect(r.confidence == "D" || !r.sources.isEmpty, "\(r.id) has no source")
            }
        }
    }

    /// Every media-checkable rule id of the contract's table that issue 3 names is implemented.
    @Test func contractRulesArePresent() {
        let ids = Set(Profile.sync.rules.map(\.id))
        let expected = ["V-CONT-01", "V-CONT-02", "V-STREAM-01", "V-META-01", "V-META-02", "V-RES-01", "V-RES-02", "V-RES-03",
                        "V-FPS-01", "V-FPS-02", "V-CODEC-01", "V-BITRATE-01", "V-HDR-01", "V-ALPHA-01", "V-COLOR-01", "V-CHROMA-01",
                        "V-ROT-01", "V-INTL-01", "V-AUDIO-01", "A-CONT-01", "A-CONT-02", "A-META-01", "A-SR-01", "A-SR-02", "A-BITS-01",
                        "A-CH-01", "A-CH-02", "A-STREAMS-01", "A-DUR-01", "A-DUR-02", "D-PLAN-01", "D-REACT-01", "D-MODE-01",
                        "D-MODE-02", "D-MODE-03", "D-MODE-04", "D-MODE-05", "D-MODE-06", "S-SIZE-01", "S-SIZE-02", "G-SEG-01",
                        "G-SEG-02", "G-SEG-03", "G-SEG-04", "G-NAME-01", "F-IMG-01", "F-IMG-02", "F-VIS-01", "F-DUB-01", "T-TXT-01"]
        for id in expected { #expect(ids.contains(id), "\(id) missing") }
    }
}

@Suite struct PolicyExampleTests {
    @Test func examplePolicyLoadsAndApplies() throws {
        let path = TestMedia.directory.deletingLastPathComponent().appendingPathComponent("docs/preflight.example.yml").path
        let policy = try Policy.load(path: path)
        let resolved = try ResolvedPolicy.resolve(profileName: nil, policyPath: path, plan: nil, model: nil)
        #expect(policy.constraints.map(\.id) == ["TEAM-DUR-01", "TEAM-FPS-01"])
        #expect(resolved.plan == .creator && resolved.model == .lipsync2)
        #expect(resolved.profile.thresholds[.videoMinSide] == 720)
        #expect(resolved.profile.definition("V-CHROMA-01")?.rule.enabledByDefault == false)
        #expect(resolved.profile.definition("V-RES-02")?.severityOverride == .error)
    }
}

@Suite struct PolicyErrorTests {
    @Test func duplicatedKeyNamesItsLine() {
        #expect(throws: Policy.LoadError.self) { try Policy.parse("plan: free\nrules:\n  V-RES-02: off\nrules:\n  V-RES-03: off\n") }
        do {
            _ = try Policy.parse("plan: free\nrules:\n  V-RES-02: off\nrules:\n  V-RES-03: off\n", path: "p.yml")
        } catch let e as Policy.LoadError {
            #expect(e.line == 2, "\(e)")   // the first `rules:`, whose key is repeated on line 4
            #expect(e.description == "p.yml:2: not valid YAML: duplicated key(s): rules")
            #expect(!e.description.contains("\n"), "one line: \(e)")
        } catch { Issue.record("\(error)") }
    }

    /// A policy names thresholds as text: an unknown name is refused with its line and the profile's names.
    @Test func unknownThresholdNameIsRefused() throws {
        let policy = try Policy.parse("plan: free\nthresholds:\n  video.maxSid: 3\n", path: "p.yml")
        do {
            _ = try policy.apply(to: .wav2lip, path: "p.yml")
            Issue.record("video.maxSid was accepted")
        } catch let e as Policy.LoadError {
            #expect(e.description == "p.yml:3: unknown threshold 'video.maxSid' for profile wav2lip (known: audio.requiredSampleRate, "
                    + "mode.loopMaxDifference, mode.nearEqualSeconds, mode.remapAdviseMax, mode.remapAdviseMin, video.recommendedHeight, "
                    + "video.requiredFrameRate)")
        }
        // A known name the profile does not use is refused too; plan.maxOutputSeconds is the one a policy may add.
        #expect(throws: Policy.LoadError.self) { try Policy.parse("thresholds:\n  video.maxSide: 3\n").apply(to: .wav2lip) }
        let capped = try Policy.parse("thresholds:\n  plan.maxOutputSeconds: 12\n").apply(to: .wav2lip)
        #expect(capped.thresholds.value(.planMaxOutputSeconds) == 12)
    }

    /// Every threshold a built-in profile defines is found again by its name (so a policy can set it), and
    /// `Thresholds` decodes only known names.
    @Test func thresholdNamesRoundTrip() throws {
        for p in Profile.builtIn {
            for key in p.thresholds.keys { #expect(ThresholdKey(rawValue: key.rawValue) == key, "\(key) is not in ThresholdKey.allCases") }
        }
        #expect(Set(ThresholdKey.allCases.map(\.rawValue)).count == ThresholdKey.allCases.count)
        let json = Data(#"{"values":{"video.maxSide":4096}}"#.utf8)
        #expect(try JSONDecoder().decode(Thresholds.self, from: json) == Thresholds([.videoMaxSide: 4096]))
        #expect(String(decoding: try JSONEncoder().encode(Thresholds([.videoMaxSide: 4096])), as: UTF8.self) == #"{"values":{"video.maxSide":4096}}"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Thresholds.self, from: Data(#"{"values":{"video.maxSid":1}}"#.utf8)) }
    }

    @Test func constraintMayNotReuseARuleID() throws {
        let policy = try Policy.parse("constraints:\n  - id: V-RES-01\n    expect: video.height > 1000\n", path: "p.yml")
        #expect(throws: Policy.LoadError.self) { try policy.apply(to: .sync) }
    }

    @Test func divisionByZeroFailsTheConstraintInsteadOfVanishing() throws {
        let e = try PolicyExpression.parse("video.width / (video.height - video.height) < 10")
        let v = e.evaluate { $0 == "video.width" ? 320 : 240 }
        #expect(v == 0)
    }
}

@Suite struct SegmentRefIdTests {
    @Test func audioWithoutRefIdGetsTheNameTheRequestUses() {
        let r = CheckRequest(videoPath: "v.mp4", audio: [.init(path: "a.wav"), .init(refId: "x", path: "b.wav")], segmentsPath: "s.json")
        #expect(r.audioRefIds == ["audio1", "x"])
        #expect(CheckRequest(audio: [.init(path: "a.wav")]).audioRefIds == [nil])
    }
}
