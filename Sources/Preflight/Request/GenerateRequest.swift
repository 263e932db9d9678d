import Foundation

// The body of `POST /v2/generate`, field for field as the official SDKs send it.
//
// Where each wire name was confirmed (first-party synchronicity-labs code, read through the
// project's code index; commits are the stored versions that were read):
//
// * `model`, `input`, `options`, `segments`, `webhookUrl`, `outputFileName` (top level):
//   sync-python-sdk `src/sync/generations/raw_client.py` @283581c (the JSON body built by
//   `create` / `estimate_cost`); `reference.md` @283581c documents `outputFileName` as
//   "alphanumeric characters, underscores, and hyphens ..., up to 255 characters", `.mp4` added.
//   sync-typescript-sdk `src/api/resources/generations/client/requests/CreateGenerationRequest.ts`
//   has `model`, `input`, `options`, `webhookUrl` (that stored version predates `segments`).
// * `input[]` items: `type` "video" + `url` — sync-python-sdk `src/sync/common/types/video.py`;
//   `type` "audio" + `url`, optional `assetId`, optional `refId` —
//   `src/sync/common/types/audio.py` @283581c ("Required when using segments array");
//   `type` "text" + `provider` {`name` "elevenlabs", `voiceId`, `script`} —
//   `src/sync/common/types/tts.py`, `eleven_labs.py` (also TS `common/types/ElevenLabs.ts`).
//   The Python `Tts` model has no `refId` field (it allows extra keys); the segments guide
//   (sync.so/docs/developer-guides/segments) says `refId` names "the audio/text-to-speech input",
//   so `refId` is allowed on a text item here, following contract §2.7.
//   `type` "image" (sync-3 still input) is NOT in any stored SDK version; it follows the contract
//   appendix (§1.3, appendix "image for sync-3").
// * `options.sync_mode` (snake_case inside `options`, values bounce/loop/cut_off/silence/remap):
//   sync-python-sdk `src/sync/common/types/generation_options.py` and `sync_mode.py`;
//   sync-typescript-sdk `src/api/resources/common/types/GenerationOptions.ts` (`sync_mode?`);
//   mcp-server `src/tools/model-options.ts` (snake_case `active_speaker_detection`,
//   `occlusion_detection_enabled`, `model_mode`, `temperature`). Modelled: `sync_mode`,
//   `active_speaker_detection` (see ActiveSpeaker.swift) and `occlusion_detection_enabled` (bool, "whether to
//   detect occlusion during generation, slows down generation speed": sync-python-sdk
//   `src/sync/common/types/generation_options.py` @49679bd, next to `active_speaker_detection: ActiveSpeaker`).
// * `dubParams` (top level, camelCase {`providerName`, `targetLang`, `sourceLang`, `numSpeakers`}): see
//   DubParams.swift (sync.so dubbing tutorial, Comfy Router's schema of the request, first-party mcp-server).
// * `segments[]`: `startTime`, `endTime`, `audioInput` {`refId`, `startTime`?, `endTime`?} —
//   sync-python-sdk `src/sync/common/types/generation_segment.py` and `segment_audio_input.py`
//   @ef93bc3 (an older stored version, d51d03c, lacked the camelCase aliases; the newer one and the
//   segments guide both use camelCase).
// * `segments[].startFrame` / `endFrame`: NOT in the SDK's `GenerationSegment`. Contract §2.7 [SEG]
//   says the API validates frame-based segments (`startFrame < endFrame`), so they are modelled as
//   optional and only emitted when a frame-based plan cannot be converted to seconds (no frame
//   rate known). See `SegmentPlan.requestSegments(frameRate:)`.

/// The JSON body of `POST /v2/generate`. Optional fields are omitted from the JSON when nil.
public struct GenerateRequest: Codable, Sendable, Equatable {
    /// `lipsync-2`, `lipsync-2-pro`, `sync-3`, `react-1`, ... (not checked here). A `String`, not `LipsyncModel`:
    /// the API's set is open and larger than the models preflight checks (the contract's appendix also lists
    /// `lipsync-1.9.0-beta`), and `verify --request` reads bodies other tools wrote.
    public var model: String
    /// The media the generation uses: a video (or image) and the audio or TTS text inputs.
    public var input: [Input]
    /// Generation options; nil: the API's defaults.
    public var options: Options?
    /// Which audio input plays over which part of the video; nil: the one audio input over the whole video.
    public var segments: [Segment]?
    /// A URL the API posts the job's status to when it ends; nil: poll instead.
    public var webhookUrl: String?
    /// Base name without extension; the API appends `.mp4`. See `validateOutputFileName(_:)`.
    public var outputFileName: String?
    /// Built-in dubbing: the audio comes from the video, so the body has no audio input.
    public var dubParams: DubParams?

    /// A body with these fields; nil ones are left out of the JSON.
    public init(
        model: String, input: [Input], options: Options? = nil, segments: [Segment]? = nil,
        webhookUrl: String? = nil, outputFileName: String? = nil, dubParams: DubParams? = nil
    ) {
        self.model = model
        self.input = input
        self.options = options
        self.segments = segments
        self.webhookUrl = webhookUrl
        self.outputFileName = outputFileName
        self.dubParams = dubParams
    }

    /// The `type` discriminator of an input item.
    public enum InputType: String, Codable, Sendable, CaseIterable {
        /// One media type per input item: `video`, `audio`, `image` or `text` (TTS).
        case video, audio, image, text
    }

    /// One `input[]` item: `{type, url?, assetId?, refId?, provider?}`.
    public struct Input: Codable, Sendable, Equatable {
        /// What the item is.
        public var type: InputType
        /// Public URL the API fetches the media from; nil for a text input or an asset.
        public var url: String?
        /// A media-library asset instead of a URL (`url` or `assetId`, not both).
        public var assetId: String?
        /// Links an audio (or text) input to `segments[].audioInput.refId`.
        public var refId: String?
        /// Text-to-speech provider; only on `type: "text"`.
        public var provider: Provider?

        /// An item with these fields; nil ones are left out of the JSON.
        public init(
            type: InputType, url: String? = nil, assetId: String? = nil, refId: String? = nil,
            provider: Provider? = nil
        ) {
            self.type = type
            self.url = url
            self.assetId = assetId
            self.refId = refId
            self.provider = provider
        }

        /// A video input fetched from `url`.
        public static func video(url: String) -> Input { Input(type: .video, url: url) }
        /// An image input fetched from `url`.
        public static func image(url: String) -> Input { Input(type: .image, url: url) }
        /// An audio input fetched from `url`; `refId` links it to segments.
        public static func audio(url: String, refId: String? = nil) -> Input {
            Input(type: .audio, url: url, refId: refId)
        }
        /// A TTS input: ElevenLabs speaks `script` in the voice `voiceId`; `refId` links it to segments.
        public static func text(voiceId: String, script: String, refId: String? = nil) -> Input {
            Input(type: .text, refId: refId, provider: .elevenLabs(voiceId: voiceId, script: script))
        }
    }

    /// TTS provider config: `{name: "elevenlabs", voiceId, script}`.
    public struct Provider: Codable, Sendable, Equatable {
        /// The TTS provider, `elevenlabs`.
        public var name: String
        /// The provider's voice id.
        public var voiceId: String
        /// The text to speak.
        public var script: String

        /// A provider config of these fields.
        public init(name: String, voiceId: String, script: String) {
            self.name = name
            self.voiceId = voiceId
            self.script = script
        }

        /// ElevenLabs speaking `script` in the voice `voiceId`.
        public static func elevenLabs(voiceId: String, script: String) -> Provider {
            Provider(name: "elevenlabs", voiceId: voiceId, script: script)
        }
    }

    /// `options`; the keys inside are snake_case on the wire.
    public struct Options: Codable, Sendable, Equatable {
        /// `bounce`, `loop`, `cut_off`, `silence` or `remap`.
        public var syncMode: SyncMode?
        /// Which face to lip-sync when the video shows several.
        public var activeSpeakerDetection: ActiveSpeaker?
        /// Detect hands, microphones and the like over the mouth (lipsync-2/-pro; slower).
        public var occlusionDetectionEnabled: Bool?

        /// Options of these values; nil ones are left out of the JSON.
        public init(syncMode: SyncMode? = nil, activeSpeakerDetection: ActiveSpeaker? = nil, occlusionDetectionEnabled: Bool? = nil) {
            self.syncMode = syncMode
            self.activeSpeakerDetection = activeSpeakerDetection
            self.occlusionDetectionEnabled = occlusionDetectionEnabled
        }

        /// A `sync_mode` read from a body that is none of `SyncMode`'s values (`syncMode` is then nil): the wire
        /// allows any text, and `VerifyRequest.merge(requestBody:)` names it in its error. Written back as read.
        var unrecognizedSyncMode: String? = nil

        /// Reads `sync_mode` as text, keeping one that is not a `SyncMode` in `unrecognizedSyncMode`.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let mode = try c.decodeIfPresent(String.self, forKey: .syncMode)
            syncMode = mode.flatMap(SyncMode.init(rawValue:))
            unrecognizedSyncMode = syncMode == nil ? mode : nil
            activeSpeakerDetection = try c.decodeIfPresent(ActiveSpeaker.self, forKey: .activeSpeakerDetection)
            occlusionDetectionEnabled = try c.decodeIfPresent(Bool.self, forKey: .occlusionDetectionEnabled)
        }

        /// Writes the options set, `sync_mode` as its raw value (or as read when unrecognized).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(syncMode?.rawValue ?? unrecognizedSyncMode, forKey: .syncMode)
            try c.encodeIfPresent(activeSpeakerDetection, forKey: .activeSpeakerDetection)
            try c.encodeIfPresent(occlusionDetectionEnabled, forKey: .occlusionDetectionEnabled)
        }

        /// Nil when no option is set, so the body has no empty `options`.
        public var nonEmpty: Options? {
            syncMode == nil && unrecognizedSyncMode == nil && activeSpeakerDetection == nil && occlusionDetectionEnabled == nil ? nil : self
        }

        enum CodingKeys: String, CodingKey {
            case syncMode = "sync_mode"
            case activeSpeakerDetection = "active_speaker_detection"
            case occlusionDetectionEnabled = "occlusion_detection_enabled"
        }
    }

    /// One `segments[]` item. Normally `startTime`/`endTime` in seconds; `startFrame`/`endFrame`
    /// only for a frame-based plan whose frame rate was unknown (see the header comment).
    public struct Segment: Codable, Sendable, Equatable {
        /// Where the segment starts in the video, seconds; nil in a frame-based segment.
        public var startTime: Double?
        /// Where the segment ends in the video, seconds; nil in a frame-based segment.
        public var endTime: Double?
        /// The segment's first frame; nil in a time-based segment.
        public var startFrame: Int?
        /// The segment's end frame; nil in a time-based segment.
        public var endFrame: Int?
        /// The audio (or TTS) input that plays over the segment.
        public var audioInput: AudioInput

        /// A time-based segment (the shape the SDKs send).
        public init(startTime: Double, endTime: Double, audioInput: AudioInput) {
            self.startTime = startTime
            self.endTime = endTime
            self.audioInput = audioInput
        }

        /// A frame-based segment.
        public init(startFrame: Int, endFrame: Int, audioInput: AudioInput) {
            self.startFrame = startFrame
            self.endFrame = endFrame
            self.audioInput = audioInput
        }
    }

    /// `segments[].audioInput`: which input to use and an optional crop of it (both ends or neither).
    public struct AudioInput: Codable, Sendable, Equatable {
        /// The `refId` of the input item to use.
        public var refId: String
        /// Start of the crop in that audio, seconds; nil: from its start (with `endTime` nil).
        public var startTime: Double?
        /// End of the crop in that audio, seconds; nil: to its end (with `startTime` nil).
        public var endTime: Double?

        /// The input `refId`, cropped to `startTime`...`endTime` when both are given.
        public init(refId: String, startTime: Double? = nil, endTime: Double? = nil) {
            self.refId = refId
            self.startTime = startTime
            self.endTime = endTime
        }
    }

    /// Builds a request body. Input order: video, image, audio items (in the given order), text.
    /// `options` is omitted when no option is set; `segments` is omitted when nil or empty. With `dubParams`
    /// the audio and text items are left out: the API dubs the video's own audio.
    /// URLs are used as given (placeholders are the caller's business).
    public static func make(
        model: String,
        videoURL: String?,
        imageURL: String?,
        audio: [(refId: String?, url: String)],
        text: (voiceId: String, script: String)?,
        syncMode: SyncMode?,
        segments: [GenerateRequest.Segment]?,
        outputFileName: String?,
        textRefId: String? = nil,
        webhookURL: String? = nil,
        dubParams: DubParams? = nil,
        activeSpeaker: ActiveSpeaker? = nil,
        occlusionDetection: Bool? = nil
    ) -> GenerateRequest {
        var input: [Input] = []
        if let videoURL { input.append(.video(url: videoURL)) }
        if let imageURL { input.append(.image(url: imageURL)) }
        if dubParams == nil {
            for item in audio { input.append(.audio(url: item.url, refId: item.refId)) }
            if let text { input.append(.text(voiceId: text.voiceId, script: text.script, refId: textRefId)) }
        }
        return GenerateRequest(
            model: model,
            input: input,
            options: Options(syncMode: syncMode, activeSpeakerDetection: activeSpeaker, occlusionDetectionEnabled: occlusionDetection).nonEmpty,
            segments: (segments?.isEmpty ?? true) ? nil : segments,
            webhookUrl: webhookURL,
            outputFileName: outputFileName,
            dubParams: dubParams
        )
    }

    /// The body as JSON (keys sorted, slashes unescaped).
    public func jsonData(pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { formatting.insert(.prettyPrinted) }
        encoder.outputFormatting = formatting
        return try encoder.encode(self)
    }

    /// G-NAME-01: `outputFileName` must match `[A-Za-z0-9_-]{1,255}`.
    /// Returns nil when valid, otherwise a one-line reason.
    public static func validateOutputFileName(_ name: String) -> String? {
        if name.isEmpty {
            return "outputFileName is empty; use 1-255 letters, digits, '_' or '-'"
        }
        let bad = name.unicodeScalars.filter { !isFileNameScalar($0) }
        if !bad.isEmpty {
            if name.lowercased().hasSuffix(".mp4"), bad.allSatisfy({ $0 == "." }) {
                return "outputFileName \"\(name)\" ends in .mp4; drop the extension, the API adds .mp4 itself"
            }
            var seen: [Unicode.Scalar] = []
            for s in bad where !seen.contains(s) { seen.append(s) }
            let shown = seen.prefix(5).map { describe($0) }.joined(separator: ", ")
            return "outputFileName contains characters other than letters, digits, '_' and '-': \(shown)"
        }
        let length = name.unicodeScalars.count
        if length > 255 {
            return "outputFileName is \(length) characters long; at most 255 are allowed"
        }
        return nil
    }

    private static func isFileNameScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F, 0x2D: return true  // 0-9 A-Z a-z _ -
        default: return false
        }
    }

    private static func describe(_ s: Unicode.Scalar) -> String {
        switch s {
        case " ": return "space"
        case "\t": return "tab"
        default:
            if s.value < 0x20 || s.value == 0x7F { return String(format: "U+%04X", s.value) }
            return "'\(Character(s))'"
        }
    }
}
