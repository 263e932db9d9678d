import MediaIO

/// How thoroughly and under which limits to probe.
public struct ProbeOptions: Sendable {
    /// Read every packet and decode every frame to measure what is really in the file.
    public var exact: Bool
    public var open: InputOpenOptions

    public init(exact: Bool = false, timeoutSeconds: Double = 30, maxDimension: Int = 16384) {
        self.exact = exact
        self.open = InputOpenOptions(timeoutSeconds: timeoutSeconds, maxDimension: maxDimension)
    }
}
