import Foundation
import MediaIO

/// A JPEG thumbnail of one sampled picture, encoded by libavcodec's MJPEG encoder: what the HTML report shows.
/// Taken only when a check asks for visuals (`CheckRequest.visuals`), so the JSON report never carries it.
public struct FramePicture: Codable, Sendable, Equatable {
    /// Thumbnail width, pixels.
    public var width: Int
    /// Thumbnail height, pixels.
    public var height: Int
    /// A whole JPEG file.
    public var jpeg: Data

    /// Thumbnail widths and JPEG quality (libavcodec's qscale, 2 best ... 31 smallest), chosen so a 5-minute
    /// video's report stays well under 1.5 MB: about 30 KB for the first picture and 4 KB for each later one.
    static let firstWidth = 480
    static let sampleWidth = 176
    static let quality = 6
    /// At most this many later pictures get a thumbnail (thorough depth samples far more).
    static let maxSamples = 24

    /// `rgb` encoded; nil when the encoder fails (the report then shows the boxes without the picture).
    init?(_ rgb: RGBPicture) {
        guard let encoder = try? JPEGEncoder(width: rgb.width, height: rgb.height, quality: Self.quality),
              let bytes = try? encoder.encode(rgb), !bytes.isEmpty else { return nil }
        self.init(width: rgb.width, height: rgb.height, jpeg: Data(bytes))
    }

    init(width: Int, height: Int, jpeg: Data) {
        self.width = width
        self.height = height
        self.jpeg = jpeg
    }
}
