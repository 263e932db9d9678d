import Foundation

/// `check --format json`: the whole `CheckReport` as one pretty-printed object (schema in docs/CHECK-JSON.md).
public enum CheckJSON {
    public static func render(_ r: CheckReport, strict: Bool) -> String {
        struct Envelope: Encodable {
            var report: CheckReport
            var exitCode: Int32
            func encode(to encoder: Encoder) throws {
                try report.encode(to: encoder)
                var c = encoder.container(keyedBy: Key.self)
                try c.encode(exitCode, forKey: .exitCode)
            }
            enum Key: String, CodingKey { case exitCode }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Envelope(report: r, exitCode: r.exitCode(strict: strict).rawValue))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
