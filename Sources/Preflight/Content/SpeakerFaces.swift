import Foundation
import MediaIO

/// The faces of a video for speaker selection: every frame is decoded (so the frame count is the real one,
/// not the header's or duration x rate), one in `stride` goes through dlib's HOG detector at most `maxWidth`
/// pixels wide, and the boxes are scaled back to the video's pixels.
///
/// A minimal entry point of the dub branch; the face analysis of issue 11 (branch `faces`) samples faces
/// for the F-FACE rules and is expected to replace this scan when the branches merge.
public struct SpeakerFaces: Sendable {
    /// Frames decoded: the length `bounding_boxes` must have.
    public var frameCount: Int
    /// Width of the video's pictures, pixels (the boxes' coordinates).
    public var width: Int
    /// Height of the video's pictures, pixels.
    public var height: Int
    /// One frame in `stride` was searched for faces.
    public var stride: Int
    /// The faces of each searched frame, in frame order (a frame without faces has empty `boxes`).
    public var samples: [FaceSample]

    /// The detection stride for a video: about `perSecond` detections a second, and at most `maxSamples` in all.
    public static func stride(frameRate: Double?, duration: Double?, perSecond: Double = 5, maxSamples: Int = 150) -> Int {
        guard let fps = frameRate, fps > 0 else { return 5 }
        var s = max(1, Int((fps / perSecond).rounded()))
        if let d = duration, d > 0 { s = max(s, Int((fps * d / Double(maxSamples)).rounded(.up))) }
        return s
    }

    /// Scans the first video stream of `path`.
    public static func scan(path: String, stride: Int, maxWidth: Int = 640, timeoutSeconds: Double = 30) throws -> SpeakerFaces {
        let file = try InputFile(path: path, options: .reopeningToDecode(timeoutSeconds: timeoutSeconds))
        guard let video = file.streams.first(where: { $0.mediaType == .video && !$0.isAttachedPicture }) else {
            throw SpeakerSelection.Failure(message: "\(path) has no video stream to find faces in")
        }
        file.discardAllStreams(except: video.index)
        let detector = try FaceDetector()
        let sampler = GrayFrameSampler(decoder: try Decoder(file: file, streamIndex: video.index, threads: 2), timeBase: video.timeBase,
                                       maxWidth: maxWidth, stride: stride)
        let packet = Packet()
        var samples: [FaceSample] = []
        func take(_ frames: [(index: Int, picture: GrayPicture)]) {
            for (index, p) in frames {
                let boxes = (detector.detect(p) ?? []).map { b in
                    FaceSample.Box(x: Int((Double(b.left) * p.scale).rounded()), y: Int((Double(b.top) * p.scale).rounded()),
                                   width: Int((Double(b.width) * p.scale).rounded()), height: Int((Double(b.height) * p.scale).rounded()))
                }
                samples.append(FaceSample(frame: index, time: p.time ?? 0, boxes: boxes))
            }
        }
        while try file.readPacket(into: packet) {
            guard packet.info.streamIndex == video.index else { continue }
            take(sampler.decode(packet))
            if file.isPastDeadline { throw file.timedOutError }
        }
        take(sampler.decode(nil))
        let frames = sampler.frameCount
        return SpeakerFaces(frameCount: frames, width: video.width, height: video.height, stride: stride, samples: samples)
    }
}
