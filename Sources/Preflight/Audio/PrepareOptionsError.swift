/// `PrepareOptions` that `AudioPreparer.run` cannot honour (e.g. `bits = 32`): nothing was read or written.
public struct PrepareOptionsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(message: String) { self.message = message }

    public var description: String { "invalid prepare options: \(message)" }
}
