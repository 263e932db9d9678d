/// `dubParams` of a `/v2/generate` body: Sync extracts the audio from the single video input, dubs it
/// through ElevenLabs into `targetLang`, and lip-syncs the video to the dub (no audio input is sent).
///
/// Wire names (camelCase, like the rest of the body outside `options`): the dubbing tutorial
/// (https://sync.so/docs/tutorials/dubbing: "sourceLang defaults to auto and numSpeakers defaults to 0
/// (auto-detect), so only targetLang is required"; its Spanish version adds "providerName y targetLang son
/// obligatorios"); the Comfy Router schema of the same Sync request (docs.comfy.org, synclabs/sync-3:
/// `numSpeakers` integer, `providerName` required "e.g. elevenlabs", `sourceLang` "defaults to auto",
/// `targetLang` required); first-party synchronicity-labs/mcp-server `src/tools/translation.ts` @3b6f446
/// (sends `dubParams: {targetLang, sourceLang}` and reads both enums from the API's OpenAPI `DubDto`).
/// No stored version of the official Python/TypeScript SDKs has a dubParams type.
/// The pt-BR video dubbing guide says `numSpeakers` is deprecated and ignored (Dubbing v2 detects the
/// speakers); it is still sent, as the seed request shows it, and costs nothing.
public struct DubParams: Codable, Sendable, Equatable {
    /// Always `elevenlabs`: the only dubbing provider Sync documents.
    public var providerName: String
    /// The language to dub into (see `DubLanguage`).
    public var targetLang: String
    /// The language spoken in the video, or `auto` to detect it.
    public var sourceLang: String
    /// Speakers in the video; 0 lets the provider detect them.
    public var numSpeakers: Int

    /// The `providerName` of ElevenLabs, Sync's dubbing provider.
    public static let elevenLabs = "elevenlabs"

    /// Dubbing into `targetLang`, from `sourceLang` (default `auto`) with `numSpeakers` (default 0: detect).
    public init(targetLang: String, sourceLang: String = "auto", numSpeakers: Int = 0, providerName: String = DubParams.elevenLabs) {
        self.providerName = providerName
        self.targetLang = targetLang
        self.sourceLang = sourceLang
        self.numSpeakers = numSpeakers
    }
}
