/// Limits applied when opening an untrusted file.
public struct InputOpenOptions: Sendable, Hashable {
    /// Wall-clock limit for everything done with one file (open, stream info, scans).
    public var timeoutSeconds: Double
    /// Largest picture side accepted before allocating anything for it.
    public var maxDimension: Int

    public init(timeoutSeconds: Double = 30, maxDimension: Int = 16384) {
        self.timeoutSeconds = timeoutSeconds
        self.maxDimension = maxDimension
    }
}
