import Foundation

/// Sizes as people write them on a command line: 20MB (10^6), 20MiB (2^20), 500k, 123456.
public enum ByteSize {
    /// The byte count `text` names ("20MB", "20 MiB", "500k", "123456"; case and spaces do not matter), or nil
    /// when it is not a non-negative number with a known unit.
    public static func parse(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("gib", 1_073_741_824), ("mib", 1_048_576), ("kib", 1024), ("gb", 1e9), ("mb", 1e6),
                                         ("kb", 1e3), ("g", 1e9), ("m", 1e6), ("k", 1e3), ("b", 1)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let n = Double(t.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n >= 0 else { return nil }
            return Int64(n * factor)
        }
        guard let n = Int64(t), n >= 0 else { return nil }
        return n
    }
}
