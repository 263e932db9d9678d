import CFFmpeg

/// The FFmpeg release preflight runs on, for messages that say what this build cannot do.
public enum LibavVersion {
    /// Major.minor of the release libavutil was built from ("5.1" for Debian's "5.1.9-0+deb12u1").
    public static let release: String = {
        let full = String(cString: av_version_info())
        let parts = full.split(whereSeparator: { !$0.isNumber }).prefix(2)
        return parts.count == 2 ? parts.joined(separator: ".") : full
    }()
}
