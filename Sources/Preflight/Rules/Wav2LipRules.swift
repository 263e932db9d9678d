import Foundation

/// Rules of the `wav2lip` profile. Wav2Lip's inference reads frames at the video's rate but steps
/// mel-spectrogram chunks assuming 25 fps, loads audio at 16 kHz mono, and writes one output frame per
/// audio chunk, cycling through the video frames (`i % len(frames)`) when the audio is longer.
enum Wav2LipRules {
    static let shared: [String] = ["V-STREAM-01", "V-META-01", "V-DEC-01", "V-META-02", "V-ROT-01", "A-META-01", "A-DEC-01", "F-DUB-01"]

    static let all: [RuleDefinition] = Profile.syncDefinitions(shared) + [
        RuleDefinition(Rule("W2L-FPS-01", "25 fps constant", .error, .video,
                            check: "video at video.requiredFrameRate (25) fps, constant: Wav2Lip maps 80 mel frames per second onto 25 fps",
                            fix: "ffmpeg -i IN -vf fps=25 -c:v libx264 -crf 18 -c:a copy OUT.mp4",
                            sources: ["WAV2LIP"], confidence: "T")) { c in
            guard let s = c.video?.video.first else { return [] }
            let want = c.thresholds[.videoRequiredFrameRate]
            var hits: [RuleHit] = []
            if let f = s.frameRate, abs(f - want) > 0.01 {
                hits.append(RuleHit("\(Say.fps(f)): Wav2Lip assumes \(Say.num(want)) fps, so lips drift by \(String(format: "%.0f%%", abs(f / want - 1) * 100))",
                                    measured: Say.fps(f), limit: "\(Say.num(want)) fps"))
            }
            if s.frameRateMode.kind == .variable {
                hits.append(RuleHit("variable frame rate: Wav2Lip indexes frames by count, so timing drifts", measured: "variable", limit: "constant"))
            }
            return hits
        },
        RuleDefinition(Rule("W2L-AUDIO-01", "16 kHz mono audio", .info, .audio,
                            check: "audio at audio.requiredSampleRate (16 kHz) mono; anything else is resampled on load",
                            fix: "ffmpeg -i IN -ac 1 -ar 16000 OUT.wav", sources: ["WAV2LIP"], confidence: "T")) { c in
            guard let s = c.media(for: .audio)?.audio.first else { return [] }
            let want = Int(c.thresholds[.audioRequiredSampleRate])
            guard s.sampleRate != want || s.channels != 1 else { return [] }
            return [RuleHit("\(s.sampleRate) Hz \(s.channelLayout ?? "\(s.channels) ch") is resampled to \(want) Hz mono on load",
                            measured: "\(s.sampleRate) Hz, \(s.channels) ch", limit: "\(want) Hz mono")]
        },
        RuleDefinition(Rule("W2L-RES-01", "Resolution for Wav2Lip", .warning, .video,
                            check: "short side ≤ video.recommendedHeight (720): the face detector is slow and memory-hungry above it",
                            fix: "pass --resize_factor 2 to inference, or downscale: ffmpeg -i IN -vf scale=-2:720 OUT.mp4",
                            sources: ["WAV2LIP"], confidence: "T")) { c in
            guard let s = c.video?.video.first else { return [] }
            let rec = c.thresholds[.videoRecommendedHeight]
            guard Double(min(s.width, s.height)) > rec else { return [] }
            return [RuleHit("\(s.width)x\(s.height) is above \(Say.num(rec))p", measured: "\(min(s.width, s.height))p", limit: "≤ \(Say.num(rec))p")]
        },
        RuleDefinition(Rule("W2L-LEN-01", "Output length", .info, .pair,
                            check: "the output is as long as the audio; a shorter video is cycled from its first frame, a longer one is cut",
                            fix: "make the video at least as long as the audio, or pass --static for a still face",
                            sources: ["WAV2LIP"], confidence: "T")) { c in
            guard let v = c.video?.duration?.seconds, let a = c.media(for: .audio)?.duration?.seconds,
                  abs(v - a) > c.thresholds[.modeNearEqualSeconds] else { return [] }
            let what = a > v ? String(format: "the video restarts from its first frame after %.2f s (a visible jump unless it loops seamlessly)", v)
                             : String(format: "the last %.2f s of video are dropped", v - a)
            return [RuleHit(String(format: "output will be %.2f s (the audio); ", a) + what, measured: Say.sec(a), limit: "video ≈ audio")]
        },
    ]
}

extension Profile {
    /// Reuses `sync` rules by id in another profile.
    static func syncDefinitions(_ ids: [String]) -> [RuleDefinition] {
        let all = VideoRules.all + AudioRules.all + RequestRules.all
        return ids.compactMap { id in all.first { $0.rule.id == id } }
    }
}
