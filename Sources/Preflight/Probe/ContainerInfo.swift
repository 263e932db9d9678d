import Foundation
import MediaIO

/// The container, named as libavformat names it and as the Sync media contract groups it.
public struct ContainerInfo: Codable, Sendable, Equatable {
    /// libavformat demuxer name, as ffprobe's `format_name` (e.g. `mov,mp4,m4a,3gp,3g2,mj2`).
    public var formatName: String
    /// libavformat's descriptive name, as ffprobe's `format_long_name` (e.g. `QuickTime / MOV`).
    public var formatLongName: String
    /// The family the contract's format tables use: mp4, mov, webm, avi, wav, mp3, ogg, flac, m4a, aac, wma, matroska...
    public var family: String
    /// The MIME type for that family in the contract (`video/mp4`, `audio/wav`...), nil for formats it does not list.
    public var mimeType: String?
    /// Lower-cased file extension without the dot, "" when none.
    public var fileExtension: String
    /// ISO-BMFF/QuickTime `major_brand`, when present.
    public var majorBrand: String?

    /// A container as given; the probe classifies libavformat's names to make one.
    public init(formatName: String, formatLongName: String, family: String, mimeType: String? = nil, fileExtension: String,
                majorBrand: String? = nil) {
        self.formatName = formatName
        self.formatLongName = formatLongName
        self.family = family
        self.mimeType = mimeType
        self.fileExtension = fileExtension
        self.majorBrand = majorBrand
    }

    static func classify(formatName: String, formatLongName: String, fileExtension ext: String,
                         majorBrand: String?, hasVideo: Bool, codecs: [String]) -> ContainerInfo {
        let family: String
        let mime: String?
        let names = Set(formatName.split(separator: ",").map(String.init))
        if names.contains("mov") {
            if majorBrand?.trimmingCharacters(in: .whitespaces) == "qt" || ext == "mov" || ext == "qt" {
                family = "mov"; mime = "video/quicktime"
            } else if ext == "m4a" || (!hasVideo && majorBrand?.hasPrefix("M4A") == true) {
                family = "m4a"; mime = "audio/x-m4a"
            } else if !hasVideo {
                family = "mp4"; mime = "audio/mp4"
            } else {
                family = "mp4"; mime = "video/mp4"
            }
        } else if names.contains("matroska") || names.contains("webm") {
            let webmCodecs: Set<String> = ["vp8", "vp9", "av1", "opus", "vorbis", "webvtt"]
            if ext == "webm" || (!codecs.isEmpty && codecs.allSatisfy { webmCodecs.contains($0) }) {
                family = "webm"; mime = hasVideo ? "video/webm" : "audio/webm"
            } else {
                family = "matroska"; mime = hasVideo ? "video/x-matroska" : "audio/x-matroska"
            }
        } else if names.contains("avi") {
            family = "avi"; mime = "video/x-msvideo"
        } else if names.contains("wav") || names.contains("w64") {
            family = "wav"; mime = "audio/wav"
        } else if names.contains("mp3") {
            family = "mp3"; mime = "audio/mpeg"
        } else if names.contains("ogg") {
            family = "ogg"; mime = hasVideo ? "video/ogg" : "audio/ogg"
        } else if names.contains("flac") {
            family = "flac"; mime = "audio/flac"
        } else if names.contains("aac") {
            family = "aac"; mime = "audio/aac"
        } else if names.contains("asf") {
            if hasVideo { family = "asf"; mime = "video/x-ms-asf" } else { family = "wma"; mime = "audio/x-ms-wma" }
        } else if formatName.hasSuffix("_pipe") {
            // A still picture: jpeg_pipe, png_pipe, webp_pipe, bmp_pipe...
            family = String(formatName.dropLast("_pipe".count))
            mime = "image/" + family
        } else {
            family = names.first.map { $0 } ?? formatName
            mime = nil
        }
        return ContainerInfo(formatName: formatName, formatLongName: formatLongName, family: family, mimeType: mime,
                             fileExtension: ext, majorBrand: majorBrand)
    }
}
