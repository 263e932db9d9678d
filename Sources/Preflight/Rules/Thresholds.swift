/// Named numeric limits a profile's rules compare against. A policy may change any of them; unknown
/// names are rejected so that a typo does not silently keep the default.
public struct Thresholds: Codable, Sendable, Equatable {
    /// Each threshold's value (e.g. `.audioMaxSampleRate`: 48000 Hz); meaning and unit per `ThresholdKey.meaning`.
    public private(set) var values: [ThresholdKey: Double]

    /// Thresholds with these keys and values; a policy may then change values but not add keys.
    public init(_ values: [ThresholdKey: Double]) { self.values = values }

    /// The values by name (`video.maxSide`), as policies and `preflight rules --format json` spell them.
    public var valuesByName: [String: Double] { Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }) }

    private enum CodingKeys: String, CodingKey { case values }

    /// Reads `{"values": {name: value}}`; throws for a name that is not a `ThresholdKey`.
    public init(from decoder: any Decoder) throws {
        let byName = try decoder.container(keyedBy: CodingKeys.self).decode([String: Double].self, forKey: .values)
        values = [:]
        for (name, value) in byName {
            guard let key = ThresholdKey(rawValue: name) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [CodingKeys.values],
                                                        debugDescription: "unknown threshold '\(name)'"))
            }
            values[key] = value
        }
    }

    /// Writes `{"values": {name: value}}`.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(valuesByName, forKey: .values)
    }

    /// The value of `key`. A key the profile does not define reads as NaN (no comparison holds) and is
    /// reported by `reportingMisses`, which `RuleDefinition.hits(in:)` and `MediaCheck.run` wrap around
    /// every lookup: a rule reused in a profile without its threshold is an error, not a crash.
    public subscript(_ key: ThresholdKey) -> Double {
        guard let v = values[key] else {
            Thresholds.misses?.withLock { $0.append(key) }
            return .nan
        }
        return v
    }

    /// Keys read but not defined while `reportingMisses` runs on this task or thread.
    @TaskLocal static var misses: Locked<[ThresholdKey]>?

    /// Runs `body` and throws `MissingThresholdError` for the first threshold it read that is not defined
    /// (`known` is only evaluated then: sorting the names for every rule of every job cost 6 % of a batch).
    static func reportingMisses<T>(rule: String?, known: @autoclosure () -> [String], _ body: () throws -> T) throws -> T {
        let seen = Locked<[ThresholdKey]>([])
        let result = try $misses.withValue(seen) { try body() }
        if let key = seen.withLock({ $0.first }) { throw MissingThresholdError(key: key.rawValue, ruleID: rule, known: known()) }
        return result
    }

    /// Throws `MissingThresholdError` unless every one of `keys` is defined.
    func require(_ keys: [ThresholdKey], by rule: String?) throws {
        if let key = keys.first(where: { values[$0] == nil }) { throw MissingThresholdError(key: key.rawValue, ruleID: rule, known: names) }
    }

    /// The value of `key`, or nil when the profile does not define it (not reported as a miss).
    public func value(_ key: ThresholdKey) -> Double? { values[key] }

    /// The defined thresholds, sorted by name.
    public var keys: [ThresholdKey] { values.keys.sorted() }

    /// The defined threshold names, sorted.
    public var names: [String] { keys.map(\.rawValue) }

    /// Sets a key the profile defines; returns false for one it does not define.
    @discardableResult
    public mutating func set(_ key: ThresholdKey, _ value: Double) -> Bool {
        guard values[key] != nil else { return false }
        values[key] = value
        return true
    }

    /// Adds a key that is not part of every profile (the plan cap a policy sets for a custom plan).
    mutating func add(_ key: ThresholdKey, _ value: Double) { values[key] = value }
}
