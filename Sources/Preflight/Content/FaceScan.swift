import Foundation
import MediaIO

/// Reads a video's (or image's) pictures once for faces and still runs, at the cost `depth` allows
/// (docs/CONTENT.md says what each depth samples): the first picture at up to 1920 px wide, then pictures
/// spread evenly over the stream at 640 px, detected on two threads.
public enum FaceScan {
    /// Names another landmark model file than Debian's (tests point it at a missing file).
    public static let landmarkModelVariable = "PREFLIGHT_LANDMARK_MODEL"

    /// The landmark model used when none is named: `$PREFLIGHT_LANDMARK_MODEL`, else dlib's installed one.
    static var environmentLandmarkModelPath: String {
        ProcessInfo.processInfo.environment[landmarkModelVariable] ?? LandmarkPredictor.defaultModelPath
    }
    static let firstMaxWidth = 1920
    static let sampleWidth = 640
    /// fast: at most this many pictures after the first.
    static let fastSamples = 24
    /// thorough: this many pictures per second (and never fewer than fast).
    static let thoroughPerSecond = 2.0
    /// fast decodes every frame (so still runs are seen) while frames × pixels stay under this, about 1 s
    /// of H.264 decoding; longer or larger videos are read from keyframes only.
    static let fastAllFramesPixels = 600_000_000.0

    /// Faces and still runs of the video stream of `media`. Never throws: what could not be measured is
    /// named in `notMeasured`. `pictures` also keeps JPEG thumbnails of the first and up to 24 later pictures.
    public static func run(path: String, media: MediaInfo, depth: ContentDepth, timeoutSeconds: Double,
                           landmarkModelPath: String? = nil, stillSeconds: Double = 2, pictures: Bool = false) -> ContentFigures {
        var figures = ContentFigures()
        guard depth != .off else { return figures }
        guard let v = media.video.first else { return figures }
        guard v.width >= 24, v.height >= 24 else {
            figures.notMeasured.append("faces: a \(v.width)x\(v.height) picture is too small to hold a face; nothing was sampled")
            return figures
        }
        // A very wide, flat picture scaled to the detector's width keeps no face-sized height.
        let scaledHeight = Double(v.height) * Double(min(v.width, firstMaxWidth)) / Double(v.width)
        guard scaledHeight >= 24 else {
            figures.notMeasured.append(String(format: "faces: a %dx%d picture is only %.0f px tall at %d px wide, too flat to hold a face; nothing was sampled",
                                              v.width, v.height, scaledHeight, min(v.width, firstMaxWidth)))
            return figures
        }
        let duration = media.video.first?.duration?.seconds ?? media.duration?.seconds ?? 0
        let fps = v.frameRate ?? 25
        let frames = duration * fps
        let allFrames = depth == .thorough || (frames * Double(v.width * v.height) <= fastAllFramesPixels)
        let count = depth == .thorough ? max(fastSamples, Int((duration * thoroughPerSecond).rounded(.up))) : fastSamples
        let targets = duration > 0 && count > 0 ? (1...count).map { duration * Double($0) / Double(count + 1) } : []
        var plan = PictureSampling(firstMaxWidth: firstMaxWidth, maxWidth: sampleWidth, targets: targets, keyframesOnly: !allFrames)
        if pictures {
            plan.firstThumbnailWidth = FramePicture.firstWidth
            plan.thumbnailWidth = FramePicture.sampleWidth
            plan.thumbnailEvery = max(1, (targets.count + FramePicture.maxSamples - 1) / FramePicture.maxSamples)
        }

        // Landmarks (head turn, F-FACE-05) cost ~1 s to load the model: only at thorough depth.
        var predictor: LandmarkPredictor?
        if depth == .thorough {
            let modelPath = landmarkModelPath ?? environmentLandmarkModelPath
            do { predictor = try LandmarkPredictor(modelPath: modelPath) } catch {
                figures.notMeasured.append("head turn (F-FACE-05): \(error.description); faces are checked without it")
            }
        } else {
            figures.notMeasured.append("head turn (F-FACE-05): measured only with --content thorough (loading the landmark model costs about 1 s)")
        }

        let workers = FaceDetectionWorkers(predictor: predictor)
        var runs = PictureRuns(freezeSeconds: stillSeconds, blackSeconds: .infinity)
        var index = 0, lastTime = 0.0
        var tally: DecodeTally?
        var failure: String?
        do {
            let file = try InputFile(path: path, options: .reopeningToDecode(timeoutSeconds: timeoutSeconds))
            tally = try file.samplePictures(streamIndex: v.index, plan: plan, onGrid: { g in
                runs.add(g)
                lastTime = max(lastTime, g.time ?? 0)
            }, onPicture: { s in
                workers.submit(s, index: index)
                index += 1
            })
        } catch {
            failure = (error as? MediaIOError)?.reason ?? "\(error)"
        }
        let (results, detectorFailed) = workers.finish()

        if detectorFailed {
            figures.notMeasured.append("faces: dlib's face detector could not be built")
            return figures
        }
        guard let first = results.first, first.sample.isFirst else {
            let why = failure ?? tally?.lastErrorMessage ?? "no frame decoded"
            figures.notMeasured.append("faces: the first frame could not be decoded (\(why)); faces were not checked")
            return figures
        }
        if let failure { figures.notMeasured.append("faces: reading stopped early (\(failure)); later frames were not sampled") }
        if let t = first.sample.picture.time, t > 2 / fps + 1e-3 {
            figures.notMeasured.append(String(format: "faces: the first frame did not decode; the first decodable frame, at %.2f s, stands in for it", t))
        }

        let W = first.sample.sourceWidth, H = first.sample.sourceHeight
        let faceFrames: [FaceFrame] = results.map { r in
            let scale = r.sample.picture.scale
            var faces: [DetectedFace] = []
            for (i, b) in (r.boxes ?? []).enumerated() {
                let box = [b.left, b.top, b.right, b.bottom].map { Int((Double($0) * scale).rounded()) }
                let clamped = [max(0, box[0]), max(0, box[1]), min(W, box[2]), min(H, box[3])]
                faces.append(DetectedFace(box: clamped, heightShare: Double(clamped[3] - clamped[1]) / Double(H),
                                          score: (b.score * 1000).rounded() / 1000, yawDegrees: r.yaw[i].map { ($0 * 10).rounded() / 10 }))
            }
            faces.sort { $0.height > $1.height }
            return FaceFrame(time: ((r.sample.picture.time ?? 0) * 1000).rounded() / 1000, faces: faces,
                             picture: r.sample.thumbnail.flatMap(FramePicture.init))
        }
        let end = max(duration, lastTime, faceFrames.last?.time ?? 0)
        let presence = FacePresence(frames: faceFrames, end: end)
        figures.faces = FaceFigures(sampling: allFrames ? "every frame" : "keyframes", frameWidth: W, frameHeight: H,
                                    firstFrameFaces: faceFrames[0].faces.count, frames: faceFrames,
                                    noFaceRanges: presence.noFaceRanges, noFaceShare: presence.noFaceShare, duration: end)
        if allFrames, failure == nil {
            runs.finish(at: end)
            figures.stillRuns = runs.frozenRuns
        } else if failure == nil {
            figures.notMeasured.append("still picture (V-STILL-01): needs every frame decoded; this video was read from keyframes only (use --content thorough)")
        }
        return figures
    }
}
