/// A stream that is neither picture nor sound to check: cover art, subtitles, data, attachments.
public struct OtherStreamInfo: Codable, Sendable, Equatable {
    /// What the stream holds: cover art, subtitles, timed data, a Matroska attachment (fonts...), or unknown.
    public enum Kind: String, Codable, Sendable {
        /// Cover art: a still picture stored as a video stream.
        case attachedPicture = "attached-picture"
        /// Subtitles or captions.
        case subtitle
        /// Timed data (timecode, metadata tracks).
        case data
        /// A Matroska attachment (fonts...).
        case attachment
        /// A stream of a type the demuxer does not name.
        case unknown
    }
    /// The stream's index in the file, as ffprobe numbers it.
    public var index: Int
    /// What the stream holds.
    public var kind: Kind
    /// libavcodec's short codec name, e.g. `mjpeg`, `mov_text`.
    public var codec: String
    /// The stream's `language` tag; nil when untagged.
    public var language: String?
    /// Attached pictures only: the picture's size in pixels (ffprobe's `width` and `height`).
    public var width: Int?
    /// Attached pictures only: the picture's height in pixels.
    public var height: Int?

    /// A stream as given, e.g. for a hand-built `MediaInfo`.
    public init(index: Int, kind: Kind, codec: String, language: String?, width: Int? = nil, height: Int? = nil) {
        self.index = index
        self.kind = kind
        self.codec = codec
        self.language = language
        self.width = width
        self.height = height
    }
}
