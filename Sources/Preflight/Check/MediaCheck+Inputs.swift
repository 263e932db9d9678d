import Foundation
import MediaIO

extension MediaCheck {
    /// Step 1: every media input probed at once (the pair concurrently, like `probe A B`), with its speech and,
    /// unless `--content off`, the faces and still runs of the video's (or image's) pictures.
    static func probeInputs(_ request: CheckRequest, profile: Profile) -> [CheckedInput] {
        var roles: [(role: InputRole, path: String, refId: String?)] = []
        if let v = request.videoPath { roles.append((.video, v, nil)) }
        if let i = request.imagePath { roles.append((.image, i, nil)) }
        for a in request.audio { roles.append((.audio, a.path, a.refId)) }
        // First frames: a stream this FFmpeg cannot decode is an error (V-DEC-01, A-DEC-01), found without reading it all.
        var inputs = CheckedInput.probing(roles, options: ProbeOptions(exact: request.exact, firstFrames: true,
                                                                       timeoutSeconds: request.timeoutSeconds))
        // Speech (on another thread) and faces (issue 11): the video's (or image's) pictures sampled for
        // faces and still runs, unless --content off.
        inputs.measureSpeech(request) { inputs in
            guard request.content != .off else { return }
            for i in inputs.indices where inputs[i].role == .video || inputs[i].role == .image {
                guard let m = inputs[i].media, m.video.first != nil else { continue }
                let seen = FaceScan.run(path: m.path, media: m, depth: request.content, timeoutSeconds: request.timeoutSeconds,
                                        stillSeconds: profile.thresholds.value(.videoStillSeconds) ?? 2, pictures: request.visuals)
                var c = inputs[i].content ?? ContentFigures()
                c.faces = seen.faces
                c.stillRuns = inputs[i].role == .video ? seen.stillRuns : nil
                c.notMeasured += inputs[i].role == .video ? seen.notMeasured : seen.notMeasured.filter { !$0.contains("V-STILL-01") }
                inputs[i].content = c
            }
        }
        return inputs
    }

    /// The probed media the later steps read, by role (inputs that could not be probed are left out).
    struct Media {
        var video: MediaInfo?
        var image: MediaInfo?
        /// In the order of `CheckRequest.audio`; more than one with a segments file.
        var audios: [MediaInfo]
        var audio: MediaInfo? { audios.first }

        init(_ inputs: [CheckedInput]) {
            func media(_ role: InputRole) -> [MediaInfo] { inputs.filter { $0.role == role }.compactMap(\.media) }
            video = media(.video).first
            image = media(.image).first
            audios = media(.audio)
        }
    }
}
