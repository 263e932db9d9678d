import Foundation

/// Tells speech from music, noise, tones and silence in 16 kHz mono audio, second by second, from the
/// `SpeechFrame`s of `SpeechFrameAnalyzer`: the WebRTC VAD alone calls music, noise and tones speech, so
/// each 1 s block (every 0.5 s) is scored on syllabic modulation, envelope depth, voicing and pitch
/// movement, pauses and flatness. Keeps two blocks of hops: memory does not grow with the input.
struct SpeechClassifier {
    static let blockHops = 50       // 1 s
    static let blockStep = 25       // 0.5 s
    /// Below this loudest hop a block or file is silence to lip-sync (near-silence), dBFS.
    static let nearSilenceDB: Float = -55

    enum Kind: Int8 { case silent, speech, music, noise, tone }

    private var frames: [SpeechFrame] = []
    /// Global index of `frames[0]`.
    private var base = 0
    private var total = 0
    private var nextBlock = 0
    private var finalized = 0
    /// Each block's kind and speech probability (two per second: small).
    private(set) var blocks: [(kind: Kind, speech: Float, pausesVoiced: Float)] = []
    private var blockMax: [Float] = []
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
        blocks.append((Self.kind(b), Self.speechProbability(b), b.voicedPauseShare))
        blockMax.append(b.maxLevelDB)
        nextBlock += 1
    }

    /// Decides hops before `end` (all blocks covering them are known) and drops the ones no block needs.
    private mutating func finalize(upTo end: Int) {
        while finalized < min(end, total) {
            let i = finalized
            // The blocks covering hop i: those starting in (i - blockHops, i].
            var speech = false
            var level: Float = -120
            var k = i / Self.blockStep
            while k >= 0 && k * Self.blockStep + Self.blockHops > i {
                if k < blocks.count && blocks[k].kind == .speech { speech = true; level = max(level, blockMax[k]) }
                k -= 1
            }
            let f = frames[i - base]
            // Inside a speech block, the hops that sound: the block's quiet hops are pauses.
            segments.add(speech && f.levelDB > max(Self.nearSilenceDB, level - 30) && (f.vad || f.voicing > 0.5))
            finalized += 1
        }
        let keepFrom = max(0, nextBlock * Self.blockStep - Self.blockHops)
        let drop = min(keepFrom, finalized) - base
        if drop > 0 { frames.removeFirst(drop); base += drop }
    }

    /// Logistic score of a block being speech, from its measures (weights fitted by hand on the labelled
    /// set of testmedia/speechset: docs/CONTENT.md).
    static func speechProbability(_ b: SpeechBlock) -> Float {
        guard b.maxLevelDB >= nearSilenceDB else { return 0 }
        var z: Float = -3
        z += 4 * (b.syllabicModulation - 0.4)
        z += 0.4 * (min(b.envelopeDepthDB, 25) - 14)
        z += 3 * (b.lowEnergyShare - 0.3)
        z += 1.5 * b.vadShare
        z -= 12 * max(0, b.steadyPitchShare - 0.35)
        z += b.voicedShare > 0.15 && b.voicedShare < 0.9 ? 1.5 : -1.5
        z -= b.flatness > 0.35 ? 3 : 0
        return 1 / (1 + exp(-z))
    }

    static func kind(_ b: SpeechBlock) -> Kind {
        if b.maxLevelDB < nearSilenceDB { return .silent }
        if speechProbability(b) >= 0.5 { return .speech }
        if b.flatness < 0.05 && b.peakShare > 0.82 { return .tone }
        if b.voicedShare < 0.3 && b.flatness > 0.2 { return .noise }
        return .music
    }
}
