import Foundation

/// `--format json` of `check` and `verify`: the whole report as one pretty-printed object with its
/// `exitCode` (schemas in docs/CHECK-JSON.md).
public enum ReportJSON {
    /// The report as JSON, with the `exitCode` it makes (`strict`: warnings count as failures).
    public static func render<R: Encodable & FindingsReport>(_ r: R, strict: Bool) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let envelope = Envelope(report: r, exitCode: r.exitCode(strict: strict).rawValue)
        let data = (try? encoder.encode(envelope)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The report's own keys plus `exitCode`.
    struct Envelope<R: Encodable>: Encodable {
        var report: R
        var exitCode: Int32
        func encode(to encoder: Encoder) throws {
            try report.encode(to: encoder)
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(exitCode, forKey: .exitCode)
        }
        enum Key: String, CodingKey { case exitCode }
    }
}
