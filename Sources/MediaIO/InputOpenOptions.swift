/// Limits applied when opening an untrusted file.
public struct InputOpenOptions: Sendable, Hashable {
    /// Wall-clock limit for everything done with one file (open, stream info, scans).
    public var timeoutSeconds: Double
    /// Largest picture side accepted before allocating anything for it.
    public var maxDimension: Int
    /// Largest picture area accepted (8192x8192 by default; 8K UHD is 7680x4320).
    public var maxPixels: Int

    /// Skip `avformat_find_stream_info` when the header already gave every stream's codec parameters
    /// (e.g. a WAV re-opened to decode part of it). Probing keeps it on: durations and frame rates
    /// must match ffprobe's.
    public var streamInfoOnlyIfIncomplete: Bool
    /// libavformat's `probesize` in bytes; nil keeps its default (5 MB, as ffprobe). Re-opening a file
    /// only to decode part of it can use less: a PCM WAV otherwise has its data probed for DTS/AC-3
    /// at every power of two up to this size.
    public var probeSize: Int?

    public init(timeoutSeconds: Double = 30, maxDimension: Int = 16384, maxPixels: Int = 8192 * 8192,
                streamInfoOnlyIfIncomplete: Bool = false, probeSize: Int? = nil) {
        self.timeoutSeconds = timeoutSeconds
        self.maxDimension = maxDimension
        self.maxPixels = maxPixels
        self.streamInfoOnlyIfIncomplete = streamInfoOnlyIfIncomplete
        self.probeSize = probeSize
    }

    /// For a file already probed, opened again only to decode it: stream info only when the header lacks
    /// codec parameters, and a 32 KiB probe.
    public static func reopeningToDecode(timeoutSeconds: Double) -> InputOpenOptions {
        InputOpenOptions(timeoutSeconds: timeoutSeconds, streamInfoOnlyIfIncomplete: true, probeSize: 32768)
    }
}
