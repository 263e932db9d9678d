/// The speech found in an audio (`content.speech`). Filled by the speech analysis.
public struct SpeechFigures: Codable, Sendable {
}
