/// A TTS script measured the way the API limits it, with the speech it will make.
///
/// `characters` counts Unicode code points (scalar values), not what a reader sees as one character
/// (grapheme clusters): "👍🏽" is one grapheme but two code points. Why: the contract gives the limit only
/// as "1–5000 characters" ([TTS-fr]; [EH]'s error text "under 5000 chars") and no sync SDK or page says how
/// they are counted; the SDKs pass `script` through as a plain string (sync-python-sdk `ElevenLabs.script: str`),
/// and the server-side counts of the languages involved are code points (Python `len`, validator.js
/// `isLength`) or UTF-16 code units (JavaScript `String.length`), never grapheme clusters. Code points are
/// the error; UTF-16 units are reported so that a count that only a `String.length` check would reject is
/// a warning (T-TXT-01).
public struct ScriptMeasure: Codable, Sendable, Equatable {
    /// Unicode code points: the count T-TXT-01 limits.
    public var characters: Int
    /// What a reader counts as characters.
    public var graphemeClusters: Int
    /// JavaScript's `String.length`.
    public var utf16CodeUnits: Int
    /// Runs of non-whitespace.
    public var words: Int
    /// Seconds of speech the script makes at the profile's `text.charactersPerSecond` (T-TXT-02), when known.
    public var estimatedSpeechSeconds: Double?

    /// Measures `script`; `charactersPerSecond` (nil: unknown) gives `estimatedSpeechSeconds`.
    public init(_ script: String, charactersPerSecond: Double? = nil) {
        characters = script.unicodeScalars.count
        graphemeClusters = script.count
        utf16CodeUnits = script.utf16.count
        words = script.split(whereSeparator: \.isWhitespace).count
        estimatedSpeechSeconds = charactersPerSecond.flatMap { $0 > 0 ? Double(characters) / $0 : nil }
    }
}
