/// Limits applied when opening an untrusted file.
public struct InputOpenOptions: Sendable, Hashable {
    /// Wall-clock limit for everything done with one file (open, stream info, scans).
    public var timeoutSeconds: Double
    /// Largest picture side accepted before allocating anything for it.
    public var maxDimension: Int
    /// Largest picture area accepted (8192x8192 by default; 8K UHD is 7680x4320).
    public var maxPixels: Int

    public init(timeoutSeconds: Double = 30, maxDimension: Int = 16384, maxPixels: Int = 8192 * 8192) {
        self.timeoutSeconds = timeoutSeconds
        self.maxDimension = maxDimension
        self.maxPixels = maxPixels
    }
}
