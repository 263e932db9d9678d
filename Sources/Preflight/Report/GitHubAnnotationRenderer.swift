import Foundation

/// `--format github`: GitHub Actions workflow commands, one per finding (`::error file=...,title=...::message`).
public enum GitHubAnnotationRenderer {
    /// One workflow command per warning or error finding and unreadable input; `strict` makes warnings errors.
    public static func render(_ r: some FindingsReport, strict: Bool) -> String {
        var lines: [String] = []
        for input in r.inputs {
            if let e = input.error { lines.append("::error file=\(property(input.path)),title=\(property("unreadable input"))::\(data(e.message))") }
        }
        for f in r.findings {
            let command: String
            switch f.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .info: command = "notice"
            }
            var props: [String] = []
            if let p = f.path { props.append("file=\(property(p))") }
            props.append("title=\(property("\(f.ruleID) \(f.title)"))")
            lines.append("::\(command) \(props.joined(separator: ","))::\(data(f.message + " — fix: " + f.fix))")
        }
        let c = r.counts
        lines.append("preflight: \(r.verdict.rawValue), \(c.errors) error(s), \(c.warnings) warning(s), \(c.infos) info, exit \(r.exitCode(strict: strict).rawValue)")
        return lines.joined(separator: "\n")
    }

    /// Escaping the runner expects for a command's message.
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping for property values (also ':' and ',').
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
