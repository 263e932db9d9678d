import Foundation

/// A-* rules of the `sync` profile: the audio input (or, when a video is checked alone, its own audio).
enum AudioRules {
    static let fullFamilies: Set<String> = ["wav", "mp3", "ogg", "flac", "mp4"]
    static let limitedFamilies: Set<String> = ["wma", "m4a", "aac"]
    static let toWAV = "ffmpeg -i IN -vn -c:a pcm_s16le -ar 48000 OUT.wav"

    /// The audio file checked as a file: not the video's own audio in the dubbing flow.
    static func file(_ c: RuleContext) -> MediaInfo? { c.audio }
    static func stream(_ c: RuleContext) -> AudioStreamInfo? { c.media(for: .audio)?.audio.first }

    static let all: [RuleDefinition] = [
        RuleDefinition(Rule("A-CONT-01", "Accepted audio format", .error, .audio,
                            check: "container is WAV, MP3, OGG, FLAC, MP4/ALAC (full) or WMA, M4A, M3A, AAC (limited)",
                            fix: toWAV, sources: ["MFS"], confidence: "P")) { c in
            guard let a = file(c) else { return [] }
            let fam = a.container.family
            if fullFamilies.contains(fam) || limitedFamilies.contains(fam) || a.container.fileExtension == "m3a" { return [] }
            return [RuleHit("audio container is \(a.container.formatLongName) (\(fam)); the API lists WAV, MP3, OGG, FLAC, ALAC, MP4 audio and (limited) WMA, M4A, M3A, AAC",
                            measured: fam, limit: "wav, mp3, ogg, flac, alac, mp4")]
        },
        RuleDefinition(Rule("A-CONT-02", "Limited-support audio format", .warning, .audio,
                            check: "WMA, M4A, M3A and raw AAC have limited support (licensing)",
                            fix: toWAV, sources: ["MFS"], confidence: "P")) { c in
            guard let a = file(c) else { return [] }
            let fam = a.container.family
            guard limitedFamilies.contains(fam) || a.container.fileExtension == "m3a" else { return [] }
            return [RuleHit("\(fam) has only limited support in the API; WAV or MP3 is recommended", measured: fam, limit: "wav or mp3")]
        },
        RuleDefinition(Rule("A-META-01", "Audio duration readable and true", .error, .audio,
                            check: "duration present and > 0; the header agrees with the content (WAV sizes, truncation)",
                            fix: "rewrite as PCM WAV: " + toWAV, sources: ["EH", "3P-policy"], confidence: "P")) { c in
            guard let a = c.media(for: .audio) else { return [] }
            let d = a.audio.first?.duration?.seconds ?? a.duration?.seconds
            if d == nil || d! <= 0 {
                return [RuleHit("the audio declares no duration; the API answers generation_media_metadata_missing", measured: "none", limit: "> 0 s")]
            }
            let bad = a.integrity.filter { [.truncated, .headerPlaceholder, .durationMismatch, .durationMissing].contains($0.kind) }
            return bad.map { RuleHit("the audio header is wrong: \($0.message)", measured: $0.kind.rawValue, limit: "consistent header", start: $0.at) }
        },
        RuleDefinition(Rule("A-DEC-01", "Audio decodes", .error, .audio,
                            check: "FFmpeg 5.1 has a decoder for the audio stream and its first packets decode to samples (the whole stream with --exact)",
                            fix: "re-encode with an FFmpeg that decodes it: " + toWAV, sources: [], confidence: "D")) { c in
            guard let a = c.media(for: .audio), let s = stream(c) else { return [] }
            return StreamDecodability.hits(a, stream: s.index, what: "audio", reencode: "PCM WAV")
        },
        RuleDefinition(Rule("A-SR-01", "Sample rate above 48 kHz", .warning, .audio,
                            check: "sample rate ≤ audio.maxSampleRate (48000); above it the API downsamples",
                            fix: "resample with a good filter yourself: ffmpeg -i IN -af aresample=resampler=soxr -ar 48000 OUT.wav",
                            sources: ["MFS"], confidence: "P")) { c in
            guard let s = stream(c), Double(s.sampleRate) > c.thresholds[.audioMaxSampleRate] else { return [] }
            return [RuleHit("\(s.sampleRate) Hz is downsampled to 48 kHz by the API", measured: "\(s.sampleRate) Hz", limit: "≤ \(Say.num(c.thresholds[.audioMaxSampleRate])) Hz")]
        },
        RuleDefinition(Rule("A-SR-02", "Sample rate below 44.1 kHz", .warning, .audio,
                            check: "sample rate ≥ audio.minSampleRate (44100)",
                            fix: "use the original recording at 44.1 or 48 kHz; upsampling adds nothing", sources: ["MFS"], confidence: "P")) { c in
            guard let s = stream(c), s.sampleRate > 0, Double(s.sampleRate) < c.thresholds[.audioMinSampleRate] else { return [] }
            return [RuleHit("\(s.sampleRate) Hz is below the recommended 44.1/48 kHz", measured: "\(s.sampleRate) Hz", limit: "≥ \(Say.num(c.thresholds[.audioMinSampleRate])) Hz")]
        },
        RuleDefinition(Rule("A-BITS-01", "Bit depth", .error, .audio,
                            check: "sample format at most 32-bit float (64-bit float is rejected)",
                            fix: "ffmpeg -i IN -c:a pcm_f32le OUT.wav (or pcm_s24le)", sources: ["MFS"], confidence: "P")) { c in
            guard let s = stream(c) else { return [] }
            let isDouble = s.sampleFormat?.hasPrefix("dbl") == true
            let bits = s.bitDepth ?? (isDouble ? 64 : 0)
            guard Double(bits) > c.thresholds[.audioMaxBits] || isDouble else { return [] }
            return [RuleHit("\(bits)-bit \(s.isFloat ? "float" : "integer") samples (\(s.sampleFormat ?? "?")); the API accepts up to 32-bit float",
                            measured: "\(bits)-bit", limit: "≤ \(Say.num(c.thresholds[.audioMaxBits]))-bit")]
        },
        RuleDefinition(Rule("A-CH-01", "Channel count", .error, .audio,
                            check: "at most audio.maxChannels (8, i.e. 7.1)",
                            fix: "downmix: ffmpeg -i IN -ac 2 OUT.wav", sources: ["MFS"], confidence: "P")) { c in
            guard let s = stream(c), Double(s.channels) > c.thresholds[.audioMaxChannels] else { return [] }
            return [RuleHit("\(s.channels) channels; the API accepts up to 7.1 (8)", measured: "\(s.channels) channels", limit: "≤ \(Say.num(c.thresholds[.audioMaxChannels]))")]
        },
        RuleDefinition(Rule("A-CH-02", "Spatial audio", .error, .audio,
                            check: "no ambisonic/spatial layout",
                            fix: "render to stereo first (e.g. with your spatial-audio tool, or ffmpeg -i IN -ac 2 OUT.wav)", sources: ["MFS"], confidence: "P")) { c in
            guard let s = stream(c), let layout = s.channelLayout, layout.contains("ambisonic") else { return [] }
            return [RuleHit("spatial (\(layout)) audio is not supported", measured: layout, limit: "mono … 7.1")]
        },
        RuleDefinition(Rule("A-STREAMS-01", "Several audio streams", .warning, .audio,
                            check: "the audio file has one audio stream (only the first is used)",
                            fix: "keep the one you mean: ffmpeg -i IN -map 0:a:N -c copy OUT", sources: ["MFS"], confidence: "P")) { c in
            guard let a = file(c), a.summary.audioStreams > 1 else { return [] }
            return [RuleHit("\(a.summary.audioStreams) audio streams; only the first (#\(a.audio[0].index)) is used", measured: "\(a.summary.audioStreams)", limit: "1")]
        },
        RuleDefinition(Rule("A-DUR-01", "Audio length", .warning, .audio,
                            check: "audio ≤ audio.maxDuration (300 s; the legacy API rejected longer audio)",
                            fix: "split into segments of at most 5 minutes", sources: ["EH"], confidence: "P")) { c in
            guard let a = c.media(for: .audio), let d = a.audio.first?.duration?.seconds ?? a.duration?.seconds,
                  d > c.thresholds[.audioMaxDuration] else { return [] }
            return [RuleHit("audio is \(Say.sec(d)); above \(Say.num(c.thresholds[.audioMaxDuration])) s the legacy API answered generation_audio_length_exceeded",
                            measured: Say.sec(d), limit: "≤ \(Say.num(c.thresholds[.audioMaxDuration])) s")]
        },
        RuleDefinition(Rule("A-DUR-02", "Audio length (ComfyUI node)", .error, .audio,
                            check: "audio ≤ audio.comfyMaxDuration (600 s), enforced by the ComfyUI partner node",
                            fix: "split into segments of at most 10 minutes", sources: ["COMFY"], confidence: "T", enabledByDefault: false)) { c in
            guard let a = c.media(for: .audio), let d = a.audio.first?.duration?.seconds ?? a.duration?.seconds,
                  d > c.thresholds[.audioComfyMaxDuration] else { return [] }
            return [RuleHit("audio is \(Say.sec(d)); the ComfyUI node refuses more than \(Say.num(c.thresholds[.audioComfyMaxDuration])) s",
                            measured: Say.sec(d), limit: "≤ \(Say.num(c.thresholds[.audioComfyMaxDuration])) s")]
        },
    ]
}
