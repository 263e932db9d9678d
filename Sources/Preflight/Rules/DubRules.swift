/// F-DUB-03, F-DUB-04: the built-in dubbing flow (`check --dub-target-lang`, `dubParams` in the body).
/// F-DUB-01 (the video must carry audio) is in RequestRules; F-DUB-02 (that audio must hold speech) belongs
/// to the speech analysis.
enum DubRules {
    static let all: [RuleDefinition] = [
        RuleDefinition(Rule("F-DUB-03", "Dubbing takes the video alone", .error, .request,
                            check: "with dubParams the request has one video input and no audio, text or image input",
                            fix: "drop --audio/--text (the API dubs the video's own audio), or drop --dub-target-lang to lip-sync to your audio",
                            sources: ["DUB", "VDG", "UNM"], confidence: "P")) { c in
            guard let dub = c.dub else { return [] }
            var hits: [RuleHit] = []
            if c.audioInputCount > 0 || c.script != nil {
                let given = [c.audioInputCount > 0 ? "\(c.audioInputCount) --audio input(s)" : nil, c.script != nil ? "a --text script" : nil]
                    .compactMap { $0 }.joined(separator: " and ")
                hits.append(RuleHit("dubbing into '\(dub.targetLang)' takes the speech from the video, but \(given) were given as well: Sync's docs say such inputs are ignored, its error catalogue lists generation_input_dub_audio_conflict",
                                    measured: given, limit: "no audio or text input with dubParams"))
            }
            if c.image != nil {
                hits.append(RuleHit("dubbing needs a video with its own audio; an image has none",
                                    measured: "image input", limit: "one video input", fix: "give the video with --video"))
            } else if c.video == nil {
                hits.append(RuleHit("dubbing needs a video input (its audio is what gets dubbed), and none was given",
                                    measured: "no video", limit: "one video input", fix: "give the video with --video"))
            }
            return hits
        },
        RuleDefinition(Rule("F-DUB-04", "Dubbing language codes", .error, .request,
                            check: "dubParams.targetLang (and sourceLang unless auto) is a language tag; a warning when its language is not among the 32 ElevenLabs dubbing languages preflight knows",
                            fix: "use an ISO 639-1 code such as es, fr, de, hi, ja, pt or zh (--dub-target-lang, --dub-source-lang)",
                            sources: ["DUB", "DUBUI", "EL-LANG", "EL-DUB", "MCP"], confidence: "T")) { c in
            guard let dub = c.dub else { return [] }
            var hits: [RuleHit] = []
            let known = "\(DubLanguage.known.count) known codes: \(DubLanguage.known.joined(separator: ", "))"
            for (field, code) in [("targetLang", dub.targetLang), ("sourceLang", dub.sourceLang)] {
                if field == "sourceLang", code.lowercased() == "auto" { continue }
                if field == "targetLang", code.lowercased() == "auto" {
                    hits.append(RuleHit("targetLang is 'auto': only the source language can be detected, the target must be named",
                                        measured: code, limit: "a language code"))
                    continue
                }
                switch DubLanguage.verdict(code) {
                case .known: break
                case .malformed:
                    hits.append(RuleHit("\(field) '\(code)' is not a language code (ISO 639-1 like 'es', optionally with a region like 'pt-BR')",
                                        measured: code, limit: known))
                case .unlisted:
                    hits.append(RuleHit("\(field) '\(code)' is not among the ElevenLabs dubbing languages preflight knows; Sync's DubLanguage enum decides, so check it there",
                                        measured: code, limit: known, severity: .warning))
                }
            }
            let base = { (s: String) in s.split(separator: "-").first.map { $0.lowercased() } ?? s.lowercased() }
            if dub.sourceLang.lowercased() != "auto", base(dub.sourceLang) == base(dub.targetLang), DubLanguage.verdict(dub.targetLang) != .malformed {
                hits.append(RuleHit("sourceLang and targetLang are both '\(base(dub.targetLang))': the dub would be in the language already spoken",
                                    measured: "\(dub.sourceLang) → \(dub.targetLang)", limit: "two different languages", severity: .warning))
            }
            return hits
        },
    ]
}
