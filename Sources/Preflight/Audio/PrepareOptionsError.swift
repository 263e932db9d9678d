/// `PrepareOptions` that `AudioPreparer.run` cannot honour (e.g. `bits = 32`): nothing was read or written.
public struct PrepareOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which option is out of range, and what it may be.
    public var message: String

    /// An error saying `message`.
    public init(message: String) { self.message = message }

    /// "invalid prepare options: " and the `message`.
    public var description: String { "invalid prepare options: \(message)" }
}
