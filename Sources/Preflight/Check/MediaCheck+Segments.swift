import Foundation

extension MediaCheck {
    /// What the segments file says: its violations (G-SEG-*) and each segment's range and driving audio.
    struct Segments {
        var violations: [SegmentViolation] = []
        var spans: [SegmentSpan] = []
    }

    /// Step 3: the segments file validated against the video and the audio inputs, and added to `inputs` as the
    /// request input (or as one that could not be read).
    static func readSegments(_ request: CheckRequest, video: MediaInfo?, into inputs: inout [CheckedInput]) -> Segments {
        var segments = Segments()
        guard let segPath = request.segmentsPath else { return segments }
        do {
            let plan = try SegmentPlan.load(path: segPath)
            let refIds = request.audioRefIds.compactMap { $0 }
            let fps = video?.video.first?.frameRate
            segments.violations = plan.validate(videoDuration: video?.contentDuration, videoFrameRate: fps, audioRefIds: refIds)
            // The audio inputs' lengths by refId (inputs keep the order of request.audio).
            var lengths: [String: Double] = [:]
            for (ref, input) in zip(request.audioRefIds, inputs.filter { $0.role == .audio }) {
                if let ref, let d = input.media?.contentDuration { lengths[ref] = d }
            }
            segments.violations += plan.cropViolations(audioDurations: lengths)
            segments.spans = plan.spans(frameRate: fps, audioDurations: lengths)
            inputs.append(CheckedInput(role: .request, path: segPath, refId: nil, media: nil, error: nil))
        } catch {
            inputs.append(CheckedInput(role: .request, path: segPath, refId: nil, media: nil,
                                       error: ProbeFailure(path: segPath, kind: "bad-segments-file", message: error.message)))
        }
        return segments
    }
}
