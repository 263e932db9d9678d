/// How many findings of each severity a check or verify raised, and how many inputs could not be read.
public struct FindingCounts: Codable, Sendable, Equatable {
    public var errors: Int
    public var warnings: Int
    public var infos: Int
    public var unreadable: Int

    public init(errors: Int, warnings: Int, infos: Int, unreadable: Int) {
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
        self.unreadable = unreadable
    }
}
