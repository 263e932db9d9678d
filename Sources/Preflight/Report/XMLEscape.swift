/// Escaping for the XML preflight writes (the JUnit reports of `check`, `verify` and `batch --junit`): every
/// user-controlled string (file names, messages, fixes) goes through here, so one place decides what XML 1.0
/// can hold.
enum XMLEscape {
    /// Element text: `&`, `<`, `>` escaped; characters XML 1.0 cannot hold become U+FFFD.
    static func text(_ s: String) -> String { escaped(s, inAttribute: false) }

    /// Attribute values also escape `"` and write tab, newline and carriage return as character references,
    /// which parsers would otherwise turn into spaces.
    static func attribute(_ s: String) -> String { escaped(s, inAttribute: true) }

    private static func escaped(_ s: String, inAttribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            case "\t", "\n", "\r": out += inAttribute || scalar == "\r" ? "&#\(scalar.value);" : String(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
