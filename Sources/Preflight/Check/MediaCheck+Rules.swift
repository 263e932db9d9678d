import Foundation

extension MediaCheck {
    /// Step 5: what the profile's rules look at, from the previous steps.
    static func ruleContext(_ request: CheckRequest, profile: Profile, media: Media, script: Script, segments: Segments,
                            timing: Timing, inputs: [CheckedInput]) -> RuleContext {
        var context = RuleContext(video: media.video, audio: media.audio, image: media.image, script: script.text,
                                  scriptPath: request.scriptPath, thresholds: profile.thresholds, plan: request.plan,
                                  model: request.model, requestedMode: request.syncMode, advice: timing.advice,
                                  outputDuration: timing.outputDuration, droppedTailPeakDBFS: timing.droppedTailPeakDBFS,
                                  segmentViolations: segments.violations, outputFileName: request.outputFileName,
                                  emission: request.emission, segmentsPath: request.segmentsPath, segmentSpans: segments.spans,
                                  audioInputCount: request.audio.count, scriptMeasure: script.measure)
        context.dub = request.dub
        context.speech = inputs.speech(of: request.audio.isEmpty ? .video : .audio)
        context.droppedTailSpeech = timing.droppedTailSpeech
        context.videoContent = inputs.first { $0.role == .video }?.content
        context.speakerSelected = request.speaker != nil
        return context
    }

    /// Step 6: the profile's rules (those enabled, with something to look at), then the audio rules once more
    /// for each further audio input (segments).
    static func evaluateRules(_ profile: Profile, in context: RuleContext, extraAudio: ArraySlice<MediaInfo>,
                              inputs: [CheckedInput]) throws -> RuleResults {
        var results = RuleResults()
        func evaluate(_ def: RuleDefinition, in ctx: RuleContext) throws {
            guard def.runs(in: ctx) else { return }
            let subject = def.subjectPath?(ctx)
            results.record(def, hits: try def.hits(in: ctx)) { subject ?? ctx.path(for: $0) }
        }
        for def in profile.definitions { try evaluate(def, in: context) }
        var context = context
        for extra in extraAudio {
            context.audio = extra
            context.speech = inputs.first { $0.role == .audio && $0.path == extra.path }?.content?.speech
            for def in profile.definitions where def.rule.appliesTo == .audio { try evaluate(def, in: context) }
        }
        return results
    }
}
