import Foundation
import MediaIO

extension MediaCheck {
    /// What the sync_mode makes of the inputs' lengths: the advice, the mode used, the output it makes and
    /// the audio cut_off drops.
    struct Timing {
        /// Advice from the two durations (overall with a segments file); nil when not advised.
        var advice: SyncModeAdvice?
        /// Advice per segment, with a segments file.
        var segmentAdvice: [SegmentAdvice]?
        /// The mode that will be used: requested, else advised.
        var mode: SyncMode?
        /// The output's length, seconds, when it can be told.
        var outputDuration: Double?
        /// Loudest window of the audio's tail cut_off drops, when only a decode of it could tell (D-MODE-04).
        var droppedTailPeakDBFS: Double?
        /// The speech in the tail cut_off drops, when the speech was measured (D-MODE-04).
        var droppedTailSpeech: [SpeechFigures.Segment]?
    }

    /// Step 4: sync_mode advice from the two durations, the mode that will be used, the output it makes.
    static func planTiming(_ request: CheckRequest, profile: Profile, media: Media, spans: [SegmentSpan],
                           inputs: [CheckedInput]) throws -> Timing {
        var timing = Timing()
        (timing.advice, timing.segmentAdvice) = try advise(request, profile: profile, media: media, spans: spans, inputs: inputs)
        timing.mode = request.syncMode ?? timing.advice?.mode
        timing.outputDuration = outputDuration(request, media: media, mode: timing.mode)
        dropTail(request, profile: profile, media: media, inputs: inputs, into: &timing)
        return timing
    }

    static func advise(_ request: CheckRequest, profile: Profile, media: Media, spans: [SegmentSpan],
                       inputs: [CheckedInput]) throws -> (SyncModeAdvice?, [SegmentAdvice]?) {
        let video = media.video
        let v = video?.contentDuration, a = media.audio?.contentDuration
        let frame = video?.video.first?.frameRate.map { 1 / $0 }
        if request.segmentsPath != nil {
            // Each segment's range plays its own audio: advise on those, never on the first audio alone.
            if profile.usesSyncModes, let v, media.image == nil,
               let advised = try SyncModeAdvisor(thresholds: profile.thresholds)
                .advise(segments: spans, videoDuration: v, frameDuration: frame, keepVideo: request.keepVideo) {
                return (advised.overall, advised.segments)
            }
        } else if profile.usesSyncModes, let v, let a, media.image == nil {
            let advisor = try SyncModeAdvisor(thresholds: profile.thresholds)
            let loop = judgeLoop(request, profile: profile, video: video, videoDuration: v, audioDuration: a, frame: frame,
                                 inputs: inputs)
            return (advisor.advise(video: v, audio: a, frameDuration: frame, loopsSeamlessly: loop.seamless,
                                   keepVideo: request.keepVideo, loopCompared: loop.compared), nil)
        }
        return (nil, nil)
    }

    /// Whether the video loops without a visible jump, judged only when the advice may be loop (the audio much
    /// longer, no mode requested), with what was compared; nil and nil otherwise.
    static func judgeLoop(_ request: CheckRequest, profile: Profile, video: MediaInfo?, videoDuration v: Double,
                          audioDuration a: Double, frame: Double?, inputs: [CheckedInput]) -> (seamless: Bool?, compared: String?) {
        let ratio = v / a
        let near = max(profile.thresholds[.modeNearEqualSeconds], frame ?? 0)
        guard request.syncMode == nil, a - v > near,
              ratio < profile.thresholds[.modeRemapAdviseMin] || ratio > profile.thresholds[.modeRemapAdviseMax],
              let path = video?.path else { return (nil, nil) }
        // Judged where a jump shows (issue 11): the whole frame, the face and the mouth at full resolution;
        // the coarse grid only with --content off (or when those cannot be compared).
        let limit = profile.thresholds[.modeLoopMaxDifference]
        if request.content != .off, let seam = LoopSeam.measure(path: path, timeoutSeconds: request.timeoutSeconds,
                                                                faces: inputs.first { $0.role == .video }?.content?.faces) {
            return (seam.isSeamless(limit: limit), seam.summary)
        } else if let diff = MediaSignals.loopDifference(path: path, options: InputOpenOptions(timeoutSeconds: request.timeoutSeconds)) {
            return (diff <= limit, String(format: "first vs last frame on a 32x18 grid, mean grey difference %.1f", diff))
        }
        return (nil, nil)
    }

    /// The output's length for `mode`, seconds; nil when it cannot be told.
    static func outputDuration(_ request: CheckRequest, media: Media, mode: SyncMode?) -> Double? {
        let v = media.video?.contentDuration, a = media.audio?.contentDuration
        if media.image != nil {
            return a
        } else if request.segmentsPath != nil, let v, mode != nil {
            return v   // segments replace the audio of parts of the video; its length stays
        } else if let v, let a, let mode {
            return mode.outputDuration(video: v, audio: a)
        } else if media.audio == nil, request.scriptPath == nil, let v {
            return v   // dubbing: the video's own audio
        }
        return nil
    }

    /// cut_off drops the audio's tail (D-MODE-04): judged on the speech figures when they were measured, else on
    /// the tail's loudness, which needs a decode of its own.
    static func dropTail(_ request: CheckRequest, profile: Profile, media: Media, inputs: [CheckedInput], into timing: inout Timing) {
        let v = media.video?.contentDuration, a = media.audio?.contentDuration
        let audioSpeech = inputs.speech(of: .audio)
        let dropsTail = timing.mode == .cutOff && request.segmentsPath == nil && media.audio != nil
            && (a ?? 0) - (v ?? 0) > (profile.thresholds.value(.modeCutoffTailSeconds) ?? .infinity)
        guard dropsTail, let v else { return }
        if audioSpeech == nil, let audio = media.audio {
            timing.droppedTailPeakDBFS = MediaSignals.loudestWindowDBFS(path: audio.path, from: v,
                                                                      options: InputOpenOptions(timeoutSeconds: request.timeoutSeconds))
        }
        if let audioSpeech { timing.droppedTailSpeech = audioSpeech.speech(after: v) }
    }
}
