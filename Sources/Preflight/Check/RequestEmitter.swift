import Foundation

/// Builds the `/v2/generate` body for a checked request, so what passed `check` can be submitted as is.
public enum RequestEmitter {
    /// URLs for the inputs; placeholders are written where none is given.
    public struct URLs: Sendable {
        public var video: String?
        public var image: String?
        public var audio: [String]
        public var voiceId: String?
        public init(video: String? = nil, image: String? = nil, audio: [String] = [], voiceId: String? = nil) {
            self.video = video
            self.image = image
            self.audio = audio
            self.voiceId = voiceId
        }
    }

    public static func request(_ request: CheckRequest, report: CheckReport, urls: URLs) throws -> GenerateRequest {
        let refIds = request.audioRefIds
        let audio: [(refId: String?, url: String)] = request.audio.enumerated().map { i, a in
            (refIds[i], i < urls.audio.count ? urls.audio[i] : "https://REPLACE-WITH-PUBLIC-URL/\(fileName(a.path))")
        }
        var text: (voiceId: String, script: String)?
        if let sp = request.scriptPath, case .success(let script) = MediaCheck.readScript(sp) {
            text = (urls.voiceId ?? "REPLACE-WITH-ELEVENLABS-VOICE-ID", script)
        }
        var segments: [GenerateRequest.Segment]?
        if let sp = request.segmentsPath {
            let plan = try SegmentPlan.load(path: sp)
            let fps = report.inputs.first { $0.role == .video }?.media?.video.first?.frameRate
            segments = plan.requestSegments(frameRate: fps)
        }
        return GenerateRequest.make(
            model: request.model.rawValue,
            videoURL: request.videoPath.map { urls.video ?? "https://REPLACE-WITH-PUBLIC-URL/\(fileName($0))" },
            imageURL: request.imagePath.map { urls.image ?? "https://REPLACE-WITH-PUBLIC-URL/\(fileName($0))" },
            audio: audio, text: text,
            syncMode: report.syncMode, segments: segments, outputFileName: request.outputFileName)
    }

    /// Writes the body as pretty JSON, atomically (`AtomicFile`).
    public static func write(_ body: GenerateRequest, to target: OutputTarget) throws {
        try AtomicFile.write(try body.jsonData(pretty: true), to: target)
    }

    static func fileName(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
}
