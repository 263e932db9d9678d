import CFFmpeg

/// An exact fraction as libav stores it (`AVRational`), e.g. 30000/1001 fps.
public struct Rational: Hashable, Sendable, Codable, CustomStringConvertible {
    public var num: Int32
    public var den: Int32
    public init(_ num: Int32, _ den: Int32) { self.num = num; self.den = den }
    init(_ r: AVRational) { self.init(r.num, r.den) }

    /// 0/0 and n/0 are how libav says "unknown".
    public var isValid: Bool { num != 0 && den != 0 }
    public var doubleValue: Double? { isValid ? Double(num) / Double(den) : nil }
    public var description: String { "\(num)/\(den)" }

    /// Converts a timestamp in this time base to seconds.
    public func seconds(_ ts: Int64) -> Double { Double(ts) * Double(num) / Double(den) }
}
