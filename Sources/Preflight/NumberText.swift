import Foundation

/// How numbers read in messages, findings and text reports: at most three decimals, trailing zeros trimmed.
/// One place, so a duration reads the same in a probe issue, a rule message and a segment violation.
enum NumberText {
    /// At least one decimal kept: "10.0", "12.5", "1.235" (seconds read as measured values).
    static func decimal(_ v: Double) -> String {
        guard v.isFinite else { return String(v) }
        var s = String(format: "%.3f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.append("0") }
        if s == "-0.0" { s = "0.0" }
        return s
    }

    /// Whole values without decimals: "25", "29.97", "0" (counts, rates, limits).
    static func compact(_ v: Double) -> String {
        let s = decimal(v)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }
}
