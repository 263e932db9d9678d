extension MediaInfo {
    /// Seconds of content, as check, verify and prepare compare them: measured with `exact`, else declared (the
    /// container's, else the first video or audio stream's); nil when nothing says.
    public var contentDuration: Double? {
        if let d = exact?.duration, d > 0 { return d }
        if let d = duration?.seconds, d > 0 { return d }
        return (video.first?.duration ?? audio.first?.duration)?.seconds
    }
}
