import Foundation

/// F-, S-, T-, G- rules: the request as a whole, images, sizes, text and segments.
enum RequestRules {
    static let imageCodecs: Set<String> = ["mjpeg", "png", "webp"]

    /// - Parameter uploadedOnly: skip the inputs the emitted body sends by URL (they are not uploaded).
    static func sizeHits(_ c: RuleContext, limit: Double, uploadedOnly: Bool = false,
                         describe: (MediaInfo, Double) -> String) -> [RuleHit] {
        let inputs: [(InputRole, MediaInfo?)] = [(.video, c.video), (.audio, c.audio), (.image, c.image)]
        return inputs.compactMap { role, m in
            guard let m, Double(m.sizeBytes) > limit else { return nil }
            if uploadedOnly, c.emission?.hasURL(role) == true { return nil }
            return RuleHit(describe(m, limit), measured: Say.bytes(m.sizeBytes), limit: "≤ \(Say.bytes(Int64(limit)))", role: role)
        }
    }

    static let all: [RuleDefinition] = [
        RuleDefinition(Rule("F-VIS-01", "One visual input", .error, .request,
                            check: "exactly one visual input: a video or an image",
                            fix: "send either --video or --image", sources: ["UNM", "MCP"], confidence: "P")) { c in
            if c.video != nil && c.image != nil {
                return [RuleHit("both a video and an image were given; the API takes exactly one visual input (generation_input_too_many_visual)",
                                measured: "2 visual inputs", limit: "1")]
            }
            return []
        },
        RuleDefinition(Rule("F-DUB-01", "Dubbing video carries audio", .error, .video,
                            check: "a video checked alone (dubParams: audio taken from the video) has an audio stream",
                            fix: "add the speech track to the video, or pass --audio", sources: ["DUB"], confidence: "P")) { c in
            guard let v = c.video, c.audio == nil, c.script == nil, !v.summary.hasAudio else { return [] }
            return [RuleHit("the video has no audio stream, and no --audio or --text was given: nothing drives the lips",
                            measured: "0 audio streams", limit: "≥ 1")]
        },
        RuleDefinition(Rule("F-IMG-01", "Image input needs sync-3", .error, .image,
                            check: "image input only with model sync-3", fix: "--model sync-3", sources: ["UNM", "MCP"], confidence: "P")) { c in
            guard c.image != nil, !c.model.acceptsImage else { return [] }
            return [RuleHit("image input is accepted only by sync-3, not \(c.model.rawValue) (generation_unsupported_model)",
                            measured: c.model.rawValue, limit: "sync-3")]
        },
        RuleDefinition(Rule("F-IMG-02", "Image format and size", .error, .image,
                            check: "JPEG, PNG or WebP, at most 4K (image.maxSide, image.maxPixels)",
                            fix: "ffmpeg -i IN -vf \"scale='min(1920,iw)':-2\" OUT.png", sources: ["UNM", "COMFY"], confidence: "T")) { c in
            guard let img = c.image else { return [] }
            guard let s = img.video.first ?? nil else {
                return [RuleHit("the image file holds no picture", measured: "none", limit: "one JPEG/PNG/WebP picture")]
            }
            var hits: [RuleHit] = []
            if !imageCodecs.contains(s.codec) {
                hits.append(RuleHit("image is \(s.codec); the API accepts JPEG, PNG and WebP", measured: s.codec, limit: "jpeg, png, webp"))
            }
            if Double(max(s.width, s.height)) > c.thresholds[.imageMaxSide] || Double(s.width * s.height) > c.thresholds[.imageMaxPixels] {
                hits.append(RuleHit("image is \(s.width)x\(s.height), above 4K", measured: "\(s.width)x\(s.height)", limit: "4096x2160"))
            }
            return hits
        },
        RuleDefinition(Rule("S-SIZE-01", "Direct upload size", .warning, .request,
                            check: "each file ≤ upload.directMaxBytes (20 MB) for a direct multipart upload (not for inputs --emit-request sends by URL)",
                            fix: "upload through the asset API or a URL input; for audio, FLAC or a lower rate shrinks it",
                            sources: ["CWF", "EH", "APIO-es"], confidence: "P")) { c in
            sizeHits(c, limit: c.thresholds[.uploadDirectMaxBytes], uploadedOnly: true) { m, _ in
                "\(Say.bytes(m.sizeBytes)) is over the 20 MB direct-upload limit (HTTP 413): use the asset upload or a URL"
            }
        },
        RuleDefinition(Rule("S-SIZE-02", "Asset upload size", .error, .request,
                            check: "each file ≤ upload.assetMaxBytes (5 GiB)",
                            fix: "compress or split the file", sources: ["AU", "AU-upload"], confidence: "P")) { c in
            sizeHits(c, limit: c.thresholds[.uploadAssetMaxBytes]) { m, _ in "\(Say.bytes(m.sizeBytes)) is over the 5 GiB asset upload limit" }
        },
        RuleDefinition(Rule("T-TXT-01", "TTS script length", .error, .text,
                            check: "script of 1 to text.maxCharacters (5000) characters, counted as Unicode code points (an emoji with a skin tone is 2); a warning when only JavaScript's UTF-16 count is over",
                            fix: "split the script into segments of at most 5000 characters", sources: ["TTS-fr", "EH"], confidence: "P")) { c in
            guard let script = c.script, let m = c.scriptMeasure else { return [] }
            let limit = Int(c.thresholds[.textMaxCharacters])
            if m.characters == 0 || script.allSatisfy(\.isWhitespace) {
                return [RuleHit("the TTS script is empty", measured: "0 characters", limit: "1–\(limit)")]
            }
            let counted = "\(m.characters) characters (Unicode code points; \(m.graphemeClusters) as a reader counts them)"
            if m.characters > limit {
                let parts = ScriptSplitter.split(script, maxCharacters: limit)
                let sizes = parts.map { String($0.unicodeScalars.count) }.joined(separator: ", ")
                return [RuleHit("the TTS script has \(counted); the API takes at most \(limit) (generation_text_length_exceeded)",
                                measured: "\(m.characters) characters", limit: "≤ \(limit)",
                                fix: "split at sentence ends into \(parts.count) segments of \(sizes) characters, one text input and segment each")]
            }
            if m.utf16CodeUnits > limit {
                return [RuleHit("the TTS script has \(counted), within \(limit), but \(m.utf16CodeUnits) UTF-16 code units: a server counting JavaScript's String.length would reject it (generation_text_length_exceeded)",
                                measured: "\(m.utf16CodeUnits) UTF-16 code units", limit: "≤ \(limit)", severity: .warning)]
            }
            return []
        },
        RuleDefinition(Rule("T-TXT-02", "Script speech length against the video", .warning, .text,
                            check: "speech estimated at text.charactersPerSecond (16.7: ElevenLabs' ~1,000 characters a minute) within a factor text.speechMismatchFactor (1.5) of the video",
                            fix: "shorten or lengthen the script to the video, or pick the sync_mode for the mismatch (bounce when the speech is longer, cut_off or silence when shorter)",
                            sources: ["INT"], confidence: "D")) { c in
            guard let m = c.scriptMeasure, m.characters > 0, let speech = m.estimatedSpeechSeconds,
                  let v = c.video?.contentDuration, v > 0 else { return [] }
            let factor = c.thresholds[.textSpeechMismatchFactor], rate = c.thresholds[.textCharactersPerSecond]
            guard speech > v * factor || speech < v / factor else { return [] }
            let longer = speech > v ? "longer" : "shorter"
            return [RuleHit(String(format: "the script's %d characters make about %.1f s of speech at %.1f characters/s, %.1fx the %.2f s video (%@)",
                                   m.characters, speech, rate, speech / v, v, longer),
                            measured: String(format: "~%.1f s of speech", speech),
                            limit: String(format: "%.1f–%.1f s (video %.2f s, factor %@)", v / factor, v * factor, v, Say.num(factor)))]
        },
        RuleDefinition(Rule("G-NAME-01", "Output file name", .error, .request,
                            check: "outputFileName matches [A-Za-z0-9_-]{1,255}", fix: "use letters, digits, _ and - only (.mp4 is appended)",
                            sources: ["PYSDK"], confidence: "P")) { c in
            guard let name = c.outputFileName, let why = GenerateRequest.validateOutputFileName(name) else { return [] }
            return [RuleHit("outputFileName '\(name)': \(why)", measured: name, limit: "[A-Za-z0-9_-]{1,255}")]
        },
    ] + segmentRules

    static let segmentRules: [RuleDefinition] = [
        ("G-SEG-01", "Segment times", Severity.error, "startTime ≤ endTime; startFrame < endFrame", ["SEG"], "P"),
        ("G-SEG-02", "Segment audio crop", .error, "audioInput startTime and endTime both or neither", ["SEG"], "P"),
        ("G-SEG-03", "Segment refIds", .error, "every audio refId present, unique and resolvable", ["SEG"], "P"),
        ("G-SEG-04", "Segments inside the video", .warning, "segments end within the video and do not overlap", ["SKILL3P"], "D"),
        ("G-SEG-05", "Segment audio crop inside its audio", .error,
         "audioInput startTime and endTime lie within the referenced audio's length (generation_input_trim_invalid)", ["SEG", "UNM"], "D"),
    ].map { id, title, severity, check, sources, confidence in
        RuleDefinition(Rule(id, title, severity, .request, check: check, fix: "correct the segments file",
                            sources: sources, confidence: confidence), subjectPath: { $0.segmentsPath }) { c in
            c.segmentViolations.filter { $0.ruleID == id }.map { RuleHit($0.message) }
        }
    } + [
        RuleDefinition(Rule("G-SEG-06", "Several audio inputs need segments", .warning, .request,
                            check: "more than one audio input only with a segments file that assigns each (by refId) to a range of the video",
                            fix: "give --segments with one segment per audio (--audio REFID=PATH), or a single --audio",
                            sources: ["SEG"], confidence: "D")) { c in
            guard c.audioInputCount > 1, c.segmentsPath == nil else { return [] }
            return [RuleHit("\(c.audioInputCount) audio inputs and no --segments: nothing says which audio drives which part of the video (the API uses refIds in segments for that)",
                            measured: "\(c.audioInputCount) audio inputs, no segments", limit: "1 audio input, or segments")]
        },
    ]
}

/// Splits a long TTS script at sentence ends (then at spaces) into pieces that each fit the limit, measured in
/// Unicode code points as T-TXT-01 counts (never inside a grapheme cluster).
public enum ScriptSplitter {
    /// The pieces of `text`, in order, each at most `maxCharacters` code points (unless one grapheme cluster alone
    /// is longer); joined, they give `text` back. Empty for an empty `text`.
    public static func split(_ text: String, maxCharacters: Int) -> [String] {
        func size<S: StringProtocol>(_ s: S) -> Int { s.unicodeScalars.count }
        var pieces: [String] = []
        var current = ""
        var sentence = ""
        func flushSentence() {
            if size(current) + size(sentence) <= maxCharacters {
                current += sentence
            } else {
                if !current.isEmpty { pieces.append(current) }
                current = ""
                var rest = Substring(sentence)
                while size(rest) > maxCharacters {
                    // The longest prefix of whole characters that fits, cut after its last space when it has one.
                    var end = rest.startIndex, used = 0
                    while end < rest.endIndex, used + size(String(rest[end])) <= maxCharacters {
                        used += size(String(rest[end]))
                        end = rest.index(after: end)
                    }
                    if end == rest.startIndex { end = rest.index(after: end) }
                    let window = rest[..<end]
                    let cut = window.lastIndex(of: " ").map { rest.index(after: $0) } ?? window.endIndex
                    pieces.append(String(rest[..<cut]))
                    rest = rest[cut...]
                }
                current = String(rest)
            }
            sentence = ""
        }
        for ch in text {
            sentence.append(ch)
            if ".!?\n".contains(ch) { flushSentence() }
        }
        flushSentence()
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
