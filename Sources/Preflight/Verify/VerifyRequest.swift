import Foundation

/// What to verify: the downloaded output, what was sent, and how the API was asked to combine them.
public struct VerifyRequest: Sendable {
    /// Local path of the generated file to verify.
    public var outputPath: String
    /// Local path of the video that was submitted; nil skips the comparisons with it.
    public var videoPath: String?
    /// Local path of the audio that was submitted; nil skips the comparisons with it.
    public var audioPath: String?
    /// The sync_mode the generation used; nil when unknown (`merge(requestBody:)` can fill it).
    public var syncMode: SyncMode?
    /// `outputDuration` from the generation payload, seconds (Q-DUR-02).
    public var expectedDuration: Double?
    /// Container, headers, index and a sample of keyframes only.
    public var quick: Bool
    /// Seconds opening or reading a file may take before it is abandoned as a timeout (default one hour: a full scan reads every frame).
    public var timeoutSeconds: Double
    /// The face and mouth checks (Q-LIP-*): `off` skips them; `fast` and `thorough` both follow the mouth
    /// in dense windows (docs/CONTENT.md).
    public var content: ContentDepth
    /// Keep what the HTML report draws: thumbnails of the compared pictures (`FaceSampleComparison.inputPicture`),
    /// the audio cross-correlation curve and the mouth-opening series. Off for every other report: they stay out
    /// of the JSON (as `CheckRequest.visuals`).
    public var visuals = false

    /// A request to verify the output at `outputPath`; `visuals` stays off.
    public init(outputPath: String, videoPath: String? = nil, audioPath: String? = nil, syncMode: SyncMode? = nil,
                expectedDuration: Double? = nil, quick: Bool = false, timeoutSeconds: Double = 3600, content: ContentDepth = .fast) {
        self.outputPath = outputPath
        self.videoPath = videoPath
        self.audioPath = audioPath
        self.syncMode = syncMode
        self.expectedDuration = expectedDuration
        self.quick = quick
        self.timeoutSeconds = timeoutSeconds
        self.content = content
    }

    /// Fills the mode (and `file://` inputs) from a saved `/v2/generate` body; explicit values win.
    public mutating func merge(requestBody path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VerifyRequestError(message: "\(path): cannot read the request body")
        }
        let body: GenerateRequest
        do { body = try JSONDecoder().decode(GenerateRequest.self, from: data) } catch {
            throw VerifyRequestError(message: "\(path): not a /v2/generate request body: \(error)")
        }
        if syncMode == nil, let options = body.options {
            if let m = options.unrecognizedSyncMode { throw VerifyRequestError(message: "\(path): unknown sync_mode '\(m)'") }
            syncMode = options.syncMode
        }
        func local(_ url: String?) -> String? {
            guard let url, url.hasPrefix("file://") else { return nil }
            return URL(string: url)?.path
        }
        if videoPath == nil { videoPath = local(body.input.first { $0.type == .video }?.url) }
        if audioPath == nil { audioPath = local(body.input.first { $0.type == .audio }?.url) }
    }
}

/// A request body `merge(requestBody:)` could not read or use.
public struct VerifyRequestError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the file.
    public var message: String
    /// The message, for printing.
    public var description: String { message }
}
