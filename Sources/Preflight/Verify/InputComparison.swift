import Foundation
import MediaIO

/// verify's comparison of the output with the input video at the same (sync_mode-mapped) times: is the face
/// still there and in place (Q-FACE-01), and is the picture outside the face the input's (Q-REGION-01)?
/// The input's pictures are decoded on their own thread beside the output scan (`InputPictures`, which plans
/// from the input's packets which picture serves each time, so the times compared are known before either
/// decodes); the output's pictures at the matching times are copied during the scan's one full decode
/// (`reader`). Faces are detected on the two threads of
/// `FaceDetectionWorkers` while the output decodes, at the lowest priority (`ThreadPriority`: in the time the
/// decode's frame threads leave the cores idle): the input's first (they say where to look in the output; an
/// output picture that decodes before its input's faces are known is held until they are), then the output's.
/// At most `maxSamples` times, so the cost does not grow with the output's length.
final class InputComparison {
    /// Most times compared, and the spacing a short output is sampled at (0.25 s: 20 times over 5 s).
    static let maxSamples = 24
    static let spacing = 0.25
    /// Widest RGB copy compared.
    static let copyWidth = 640
    /// Widest grey copy of the input given to dlib: faces in a talking head are large, and a first picture
    /// with a small face (under 100 px here) makes the detector upsample the rest (`FaceDetectionWorkers`).
    static let inputFaceWidth = 480
    /// The output is searched for the face only near the input's: its box grown by this many face heights on
    /// every side (a face that moved further counts as lost), scaled so the face is about `outputFaceHeight`
    /// px tall (dlib's window is 80 px).
    static let searchMargin = 1.0
    static let outputFaceHeight = 110.0
    /// The input's face boxes are grown by this share of their width and height on every side before they
    /// are left out of the PSNR: the lip-sync repaints the jaw and chin too, which reach past dlib's box.
    static let faceMargin = 0.3
    /// Q-FACE-01: an output face whose centre is further than this many input face heights from the input's has jumped.
    static let maxShift = 0.3
    /// Q-REGION-01: below this masked PSNR the picture outside the face is not the input's (docs/CONTENT.md).
    static let minRegionDB = 30.0
    /// With visuals (the HTML report), this many compared times, spread evenly, keep thumbnails of both pictures.
    static let picturedSamples = 8

    /// What came out of a comparison, for `VerifyMeasurements`.
    struct Figures {
        var facePresence: FacePresenceComparison?
        var regionPSNR: [RegionPSNR]?
        var notMeasured: [String] = []
    }

    /// One compared time: the output's, the input's the mode shows there, and the input picture's index.
    private struct Pair {
        var outputTime: Double
        var inputTime: Double
        var input: Int
    }

    private let inputPictures: InputPictures
    private let pairs: [Pair]
    private let inputSize: (w: Int, h: Int)
    private let outputSize: (w: Int, h: Int)
    private let keyframesOnly: Bool
    /// remap: the picture outside the face is not compared (see `finish`).
    private let remap: Bool
    private let workers: FaceDetectionWorkers
    private let outputTolerance: Double
    private let copyWidth: Int
    /// Thumbnails for the HTML report (`picturedSamples`).
    private let keepPictures: Bool
    /// Per sample: whether its output copy is upsampled for the detector (set with its grey copy request).
    private var upsample: [Int: Int] = [:]
    /// Copies the output's pictures at the pairs' output times during `OutputScan`.
    private(set) lazy var reader = OutputPictureSamples(
        times: pairs.map(\.outputTime), tolerance: outputTolerance, rgbWidth: copyWidth,
        grayCopy: { [unowned self] sample, wait in outputGrayCopy(sample, wait: wait) },
        onPicture: { [unowned self] sample, gray in
            workers.submit(SampledPicture(picture: gray, isFirst: false, sourceWidth: outputSize.w, sourceHeight: outputSize.h),
                           index: Self.outputJobs + sample, upsample: upsample[sample])
        })

    /// Index offset of the output's pictures among the detector's jobs (the input's come first).
    private static let outputJobs = 1 << 16

    /// Rule ids named in every "not measured" line of this comparison.
    static let rules = "Q-FACE-01, Q-REGION-01"

    /// Starts decoding the input's pictures at the sampled times and finding their faces (`onFace` is called on
    /// a detector thread at each picture with a face); a failure names why there is nothing to compare (no
    /// picture, no duration, no time the mode maps onto the input, no picture there).
    static func start(videoPath: String, video: MediaInfo, output: MediaInfo, syncMode: SyncMode?, audioDuration: Double?,
                      timeout: Double, pictures keepPictures: Bool = false,
                      onFace: (@Sendable () -> Void)? = nil) -> Result<InputComparison, ComparisonUnavailable> {
        guard let iv = video.video.first, iv.width >= 24, iv.height >= 24 else {
            return .failure(.init(reason: "the input video has no picture to compare with"))
        }
        guard let ov = output.video.first, ov.width > 0, ov.height > 0 else {
            return .failure(.init(reason: "the output has no picture"))
        }
        guard let inDuration = iv.duration?.seconds ?? video.contentDuration, inDuration > 0,
              let outDuration = ov.duration?.seconds ?? output.contentDuration, outDuration > 0 else {
            return .failure(.init(reason: "the input video's or the output's duration is unknown"))
        }
        let inFPS = iv.frameRate ?? 25, outFPS = ov.frameRate ?? 25
        let mode = syncMode ?? .cutOff
        // remap needs the audio's length; the output is as long as the audio in that mode.
        let audio = audioDuration ?? outDuration

        // Output times spread evenly on the output's frame grid, mapped to the input by the mode's formula.
        // The middle of the output frame is mapped, and the input frame holding that time is wanted (its
        // start is within half an input frame of `input`): so bounce's way back lands on the right frame.
        let halfIn = 0.5 / inFPS, halfOut = 0.5 / outFPS
        func target(_ t: Double) -> Double? {
            mode.inputTime(atOutput: t + halfOut, video: inDuration, audio: audio).map { $0 - halfIn }
        }
        let n = min(maxSamples, max(1, Int((outDuration / spacing).rounded(.down))))
        var wanted: [(output: Double, input: Double)] = []
        for j in 0..<n {
            let t = (Double(j) * outDuration / Double(n) * outFPS).rounded() / outFPS
            if let i = target(t), i < inDuration - halfIn { wanted.append((t, max(0, i))) }
        }
        guard !wanted.isEmpty else {
            return .failure(.init(reason: "no output time maps onto the input video with \(mode.rawValue)"))
        }

        // Every input frame is decoded while that is cheap (as the check pass decides); beyond that keyframes
        // only, and each output time is moved to where the mode shows the keyframe found.
        let keyframesOnly = inDuration * inFPS * Double(iv.width * iv.height) > FaceScan.fastAllFramesPixels
        let inputTargets = Array(Set(wanted.map(\.input))).sorted()
        let copyWidth = min(Self.copyWidth, iv.width, ov.width)
        // At the lowest priority: the detection runs beside the output's full decode, in the time its frame
        // threads leave the cores idle, rather than taking cores from it.
        let workers = FaceDetectionWorkers(predictor: nil, maxQueued: 2 * maxSamples + 2, background: true, onFace: onFace)
        let pictures = InputPictures(path: videoPath, stream: iv, targets: inputTargets, tolerance: halfIn, keyframesOnly: keyframesOnly,
                                     grayWidth: Self.inputFaceWidth, rgbWidth: copyWidth, timeout: timeout, workers: workers)

        var pairs: [Pair] = []
        for w in wanted {
            guard let ti = inputTargets.firstIndex(of: w.input), let pi = pictures.pictureOf[ti] else { continue }
            let k = pictures.times[pi]
            var out = w.output
            if abs(k - w.input) > halfIn + 1e-6 {
                // A keyframe away from the target: the output time where the mode shows that keyframe, from
                // the formula's local slope (1, -1 on bounce's way back, video/audio for remap).
                let h = 1e-3
                guard let a = target(out + h), abs(a - w.input) < 10 * h else { continue }
                out = ((out + (k - w.input) / ((a - w.input) / h)) * outFPS).rounded() / outFPS
                guard out >= 0, out < outDuration, let back = target(out), abs(back - k) <= halfIn + halfOut else { continue }
            }
            if pairs.contains(where: { abs($0.outputTime - out) < halfOut }) { continue }
            pairs.append(Pair(outputTime: out, inputTime: k, input: pi))
        }
        pairs.sort { $0.outputTime < $1.outputTime }
        guard !pairs.isEmpty else {
            let failure = pictures.finish().failure
            _ = workers.finish()
            return .failure(.init(reason: Self.nothingDecoded(failure)))
        }
        let c = InputComparison(pictures: pictures, pairs: pairs, inputSize: (iv.width, iv.height),
                                outputSize: (ov.width, ov.height), keyframesOnly: keyframesOnly, remap: mode == .remap, workers: workers,
                                outputTolerance: halfOut, copyWidth: copyWidth, keepPictures: keepPictures)
        return .success(c)
    }

    static func nothingDecoded(_ failure: String?) -> String {
        "no picture of the input video could be decoded at the sampled times" + (failure.map { " (\($0))" } ?? "")
    }

    private init(pictures: InputPictures, pairs: [Pair], inputSize: (w: Int, h: Int), outputSize: (w: Int, h: Int),
                 keyframesOnly: Bool, remap: Bool, workers: FaceDetectionWorkers, outputTolerance: Double, copyWidth: Int,
                 keepPictures: Bool) {
        self.keepPictures = keepPictures
        inputPictures = pictures
        self.pairs = pairs
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.keyframesOnly = keyframesOnly
        self.remap = remap
        self.workers = workers
        self.outputTolerance = outputTolerance
        self.copyWidth = copyWidth
    }

    /// The grey copy of output sample `sample` given to the detector: where the input shows a face, the input's
    /// faces' box grown by `searchMargin` face heights (in output pixels), scaled so the face is about
    /// `outputFaceHeight` tall; none where it shows none. Not yet known while the input's faces are being found.
    private func outputGrayCopy(_ sample: Int, wait: Bool) -> OutputPictureSamples.GrayCopy {
        let input = pairs[sample].input
        switch inputPictures.state(input, wait: wait) {
        case .pending: return .notYetKnown
        case .missing: return .none
        case .decoded(let p): if p.gray == nil { return .none }
        }
        guard let r = workers.result(input, wait: wait) else { return .notYetKnown }
        guard r.boxes != nil, case let found = Self.frameRects(r), let largest = found.first else { return .none }
        let sx = Double(outputSize.w) / Double(inputSize.w), sy = Double(outputSize.h) / Double(inputSize.h)
        let m = Double(largest.height) * Self.searchMargin
        let x0 = Double(found.map(\.x).min()!) - m, y0 = Double(found.map(\.y).min()!) - m
        let x1 = Double(found.map { $0.x + $0.width }.max()!) + m, y1 = Double(found.map { $0.y + $0.height }.max()!) + m
        let crop = PixelRect(x: Int(x0 * sx), y: Int(y0 * sy), width: Int((x1 - x0) * sx), height: Int((y1 - y0) * sy))
            .clamped(width: outputSize.w, height: outputSize.h) ?? PixelRect(x: 0, y: 0, width: outputSize.w, height: outputSize.h)
        let faceHeight = Double(found.map(\.height).min()!) * sy
        let scale = min(1, Self.outputFaceHeight / max(1, faceHeight))
        // A face that stays under 100 px in the copy is looked for in the picture doubled.
        upsample[sample] = faceHeight * scale < Double(FaceDetectionWorkers.detectableHeight) * 1.25 ? 1 : 0
        return .wanted(PictureCopyRequest(kind: .gray, maxWidth: max(24, Int((Double(crop.width) * scale).rounded())), crop: crop, tag: 0))
    }

    /// The faces of a detector result in the pixels of the frame it was copied from, largest first.
    private static func frameRects(_ r: FaceDetectionWorkers.Result) -> [PixelRect] {
        let p = r.sample.picture
        return (r.boxes ?? []).map { b in
            PixelRect(x: p.originX + Int((Double(b.left) * p.scale).rounded()), y: p.originY + Int((Double(b.top) * p.scale).rounded()),
                      width: Int((Double(b.width) * p.scale).rounded()), height: Int((Double(b.height) * p.scale).rounded()))
        }.sorted { $0.height > $1.height }
    }

    /// Waits for the faces and compares: call once the output scan is over.
    func finish() -> Figures {
        reader.copyHeld(wait: true)
        let (decoded, failure) = inputPictures.finish()
        let (results, failed) = workers.finish()
        var figures = Figures()
        let missing = pairs.filter { decoded[$0.input] == nil }.count
        guard missing < pairs.count else {
            figures.notMeasured.append("\(Self.rules): \(Self.nothingDecoded(failure))")
            return figures
        }
        if let failure {
            figures.notMeasured.append("\(Self.rules): reading the input video stopped early (\(failure)); later times were not compared")
        } else if missing > 0 {
            figures.notMeasured.append("\(Self.rules): \(missing) of the \(pairs.count) sampled input pictures could not be decoded at the times their packets give (damaged frames); those times were not compared")
        }
        // Jobs are indexed by input picture, or by output sample past `outputJobs`.
        var boxes: [Int: [PixelRect]] = [:]
        for r in results where r.boxes != nil { boxes[r.index] = Self.frameRects(r) }

        // Output boxes are compared in input-frame pixels.
        let sx = Double(inputSize.w) / Double(outputSize.w), sy = Double(inputSize.h) / Double(outputSize.h)
        var samples: [FaceSampleComparison] = []
        var region: [RegionPSNR] = []
        for (j, pair) in pairs.enumerated() {
            let round3 = { (x: Double) in (x * 1000).rounded() / 1000 }
            guard let out = reader.pictures[j], let input = decoded[pair.input] else { continue }
            let inFaces = boxes[pair.input], outFaces = boxes[Self.outputJobs + j]?.map {
                PixelRect(x: Int((Double($0.x) * sx).rounded()), y: Int((Double($0.y) * sy).rounded()),
                          width: Int((Double($0.width) * sx).rounded()), height: Int((Double($0.height) * sy).rounded()))
            }
            // The output is looked at only where the input shows a face.
            if !failed, let inFaces, inFaces.isEmpty || outFaces != nil {
                var s = FaceSampleComparison(time: round3(out.time), inputTime: round3(pair.inputTime),
                                             inputFaces: inFaces.count, outputFaces: outFaces?.count)
                if let face = inFaces.first, let outFaces {
                    s.inputBox = Self.corners(face)
                    let centre = { (r: PixelRect) in (Double(r.x) + Double(r.width) / 2, Double(r.y) + Double(r.height) / 2) }
                    let c = centre(face)
                    let distance = { (r: PixelRect) -> Double in let o = centre(r); return hypot(o.0 - c.0, o.1 - c.1) }
                    if let nearest = outFaces.min(by: { distance($0) < distance($1) }) {
                        s.outputBox = Self.corners(nearest)
                        s.shift = (distance(nearest) / Double(max(1, face.height)) * 100).rounded() / 100
                    }
                }
                samples.append(s)
            }
            if let a = out.rgb, let b = input.rgb, a.width == b.width, a.height == b.height {
                // The input's faces at this time, grown by the margin, in the copy's pixels.
                let masks = (inFaces ?? []).map { f -> PixelRect in
                    let mx = Double(f.width) * Self.faceMargin, my = Double(f.height) * Self.faceMargin
                    let x0 = (Double(f.x) - mx - Double(b.originX)) / b.scale, y0 = (Double(f.y) - my - Double(b.originY)) / b.scale
                    let x1 = (Double(f.x + f.width) + mx - Double(b.originX)) / b.scale, y1 = (Double(f.y + f.height) + my - Double(b.originY)) / b.scale
                    return PixelRect(x: Int(x0.rounded(.down)), y: Int(y0.rounded(.down)), width: Int((x1 - x0).rounded(.up)), height: Int((y1 - y0).rounded(.up)))
                }
                if let m = MaskedPSNR.of(a, against: b, excluding: masks) {
                    region.append(RegionPSNR(time: round3(out.time), inputTime: round3(pair.inputTime),
                                             psnrDB: (m.decibels * 10).rounded() / 10, excludedShare: (m.excludedShare * 100).rounded() / 100))
                }
            }
        }

        if keepPictures, !samples.isEmpty {
            let n = min(Self.picturedSamples, samples.count)
            for k in 0..<n {
                let i = n == 1 ? 0 : k * (samples.count - 1) / (n - 1)
                guard let j = pairs.indices.first(where: { reader.pictures[$0].map { abs($0.time - samples[i].time) < 1e-3 } ?? false }),
                      let out = reader.pictures[j] else { continue }
                samples[i].frameWidth = inputSize.w
                samples[i].frameHeight = inputSize.h
                samples[i].inputPicture = decoded[pairs[j].input]?.rgb.flatMap(FramePicture.init)
                samples[i].outputPicture = out.rgb.flatMap(FramePicture.init)
            }
        }
        if failed {
            figures.notMeasured.append("Q-FACE-01: dlib's face detector could not be built")
        } else if !samples.isEmpty {
            figures.facePresence = FacePresenceComparison(sampled: samples.count, inputWithFace: samples.filter { $0.inputFaces > 0 }.count,
                                                          outputWithFace: samples.filter { ($0.outputFaces ?? 0) > 0 }.count,
                                                          inputSampling: keyframesOnly ? "keyframes" : "every frame", samples: samples)
            if samples.allSatisfy({ $0.inputFaces == 0 }) {
                figures.notMeasured.append("Q-FACE-01: the input video shows no face in any of the \(samples.count) sampled pictures: there is no face to lose")
            }
        }
        if outputSize != inputSize {
            // Scaled the same way the pictures still differ by the scalers' kernels: Q-RES-01 reports the size.
            figures.notMeasured.append("Q-REGION-01: the output is \(outputSize.w)x\(outputSize.h), the input video \(inputSize.w)x\(inputSize.h): pictures of another size are not compared (Q-RES-01)")
        } else if remap {
            figures.notMeasured.append("Q-REGION-01: remap resamples the video's frames, so which input frame the output shows is not known to within a frame: not compared")
        } else if region.isEmpty {
            figures.notMeasured.append("Q-REGION-01: no output picture was found at the sampled times")
        } else {
            figures.regionPSNR = region
        }
        return figures
    }

    static func corners(_ r: PixelRect) -> [Int] { [r.x, r.y, r.x + r.width, r.y + r.height] }
}

/// Why the output could not be compared with the input video.
struct ComparisonUnavailable: Error {
    var reason: String
}
