import Foundation

/// Tells speech from music, noise, tones and silence in 16 kHz mono audio, second by second, from the
/// `SpeechFrame`s of `SpeechFrameAnalyzer`. Each 1 s block (every 0.5 s) is speech when Silero VAD (a trained
/// model, `SpeechModel`) calls at least a quarter of it speech; the hand-set measures (flatness, voicing,
/// tonality) name what the other blocks are (music, noise, tone), and level gates decide silence first.
/// Keeps two blocks of hops: memory does not grow with the input.
struct SpeechClassifier {
    static let blockHops = 50       // 1 s
    static let blockStep = 25       // 0.5 s
    /// Below this loudest hop a block or file is silence to lip-sync (near-silence), dBFS.
    static let nearSilenceDB: Float = -55
    /// A block is speech when Silero calls at least this share of it speech: 250 ms of the second, Silero's
    /// own shortest speech (`min_speech_duration_ms`).
    static let modelSpeechShare: Float = 0.25

    enum Kind: Int8 { case silent, speech, music, noise, tone }

    private var frames: [SpeechFrame] = []
    /// Global index of `frames[0]`.
    private var base = 0
    private var total = 0
    private var nextBlock = 0
    private var finalized = 0
    /// Each block's kind and speech probability (two per second: small).
    private(set) var blocks: [(kind: Kind, speech: Float, pausesVoiced: Float)] = []
    private(set) var segments: SpeechSegments
    private(set) var peak: Float = 0
    private(set) var loudestDB: Float = -120

    init() { segments = SpeechSegments(hop: SpeechFrameAnalyzer.hopSeconds) }

    mutating func add(_ frame: SpeechFrame) {
        frames.append(frame)
        total += 1
        peak = max(peak, frame.peak)
        loudestDB = max(loudestDB, frame.levelDB)
        while total >= nextBlock * Self.blockStep + Self.blockHops {
            classifyBlock(upTo: nextBlock * Self.blockStep + Self.blockHops)
            finalize(upTo: (nextBlock - 1) * Self.blockStep + Self.blockStep)
        }
    }

    mutating func finish() {
        let start = nextBlock * Self.blockStep
        if total > start && (total - start >= Self.blockHops / 4 || blocks.isEmpty) {
            classifyBlock(upTo: total)
        }
        finalize(upTo: total)
        segments.finish()
    }

    private mutating func classifyBlock(upTo end: Int) {
        // The last block of the audio ends with it: a full second back from the end rather than a short
        // slice, whose few hops would read as one syllable.
        let start = max(base, min(nextBlock * Self.blockStep, end - Self.blockHops))
        let slice = frames[(start - base)..<(end - base)]
        let b = SpeechBlock(slice)
        blocks.append((Self.kind(b), b.modelMean, b.voicedPauseShare))
        nextBlock += 1
    }

    /// Decides hops before `end` (all blocks covering them are known) and drops the ones no block needs.
    private mutating func finalize(upTo end: Int) {
        while finalized < min(end, total) {
            let i = finalized
            // The blocks covering hop i: those starting in (i - blockHops, i].
            var speech = false
            var k = i / Self.blockStep
            while k >= 0 && k * Self.blockStep + Self.blockHops > i {
                if k < blocks.count && blocks[k].kind == .speech { speech = true }
                k -= 1
            }
            let f = frames[i - base]
            // Inside a speech block, the hops Silero calls speech and that sound.
            segments.add(speech && f.modelSpeech && f.levelDB > Self.nearSilenceDB)
            finalized += 1
        }
        let keepFrom = max(0, nextBlock * Self.blockStep - Self.blockHops)
        let drop = min(keepFrom, finalized) - base
        if drop > 0 { frames.removeFirst(drop); base += drop }
    }

    static func kind(_ b: SpeechBlock) -> Kind {
        if b.maxLevelDB < nearSilenceDB { return .silent }
        if b.modelShare >= modelSpeechShare { return .speech }
        if b.flatness < 0.05 && b.peakShare > 0.82 { return .tone }
        if b.voicedShare < 0.3 && b.flatness > 0.2 { return .noise }
        return .music
    }
}
