/// A stream that is neither picture nor sound to check: cover art, subtitles, data, attachments.
public struct OtherStreamInfo: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case attachedPicture = "attached-picture", subtitle, data, attachment, unknown }
    public var index: Int
    public var kind: Kind
    public var codec: String
    public var language: String?
    /// Attached pictures only: the picture's size in pixels (ffprobe's `width` and `height`).
    public var width: Int?
    public var height: Int?

    public init(index: Int, kind: Kind, codec: String, language: String?, width: Int? = nil, height: Int? = nil) {
        self.index = index
        self.kind = kind
        self.codec = codec
        self.language = language
        self.width = width
        self.height = height
    }
}
