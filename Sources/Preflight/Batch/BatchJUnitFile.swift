import Foundation

/// `batch --junit FILE`: one JUnit test case per job, streamed to disk as jobs finish so memory stays flat
/// however long the manifest. A job with errors is a `<failure>` listing each error finding (rule id,
/// message, fix); an unreadable input is an `<error>`; warnings go to `<system-out>`. The file appears
/// whole, by rename, when the batch ends (also when it was interrupted: it then holds the finished jobs).
/// `@unchecked Sendable`: `append` is only called under the batch runner's lock.
public final class BatchJUnitFile: @unchecked Sendable {
    public let path: String
    private let bodyPath: String
    private let body: FileHandle
    private var tests = 0, failures = 0, errors = 0

    public init(path: String) throws {
        self.path = path
        bodyPath = path + ".body-\(getpid())"
        guard FileManager.default.createFile(atPath: bodyPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: bodyPath) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: bodyPath])
        }
        body = handle
    }

    deinit {
        try? body.close()
        unlink(bodyPath)
    }

    /// Appends one job's test case. Not thread-safe: the batch runner calls it under its lock.
    public func append(_ outcome: BatchJobOutcome) {
        tests += 1
        var xml = "    <testcase classname=\"preflight.batch.\(Self.escaped(outcome.kind))\" name=\"\(Self.escaped(outcome.id))\">\n"
        let unreadable = outcome.inputs.filter { $0.error != nil }
        let failing = outcome.findings.filter { $0.severity == .error }
        let warnings = outcome.findings.filter { $0.severity == .warning }
        if !unreadable.isEmpty {
            errors += 1
            let text = unreadable.map { "\($0.role.rawValue) \($0.path): \($0.error!.message)" }.joined(separator: "\n")
            xml += "      <error type=\"\(Self.escaped(unreadable[0].error!.kind))\" message=\"\(Self.escaped(text))\">\(Self.escaped(text))</error>\n"
        } else if !failing.isEmpty {
            failures += 1
            let text = failing.map { "\($0.ruleID) \($0.message)\nfix: \($0.fix)" }.joined(separator: "\n")
            let message = failing.map { "\($0.ruleID) \($0.message)" }.joined(separator: "; ")
            xml += "      <failure type=\"error\" message=\"\(Self.escaped(message))\">\(Self.escaped(text))</failure>\n"
        }
        if !warnings.isEmpty {
            let text = warnings.map { "warning: \($0.ruleID) \($0.message)\nfix: \($0.fix)" }.joined(separator: "\n")
            xml += "      <system-out>\(Self.escaped(text))</system-out>\n"
        }
        xml += "    </testcase>\n"
        body.write(Data(xml.utf8))
    }

    /// Writes the file: header with the totals, the test cases, footer; temporary name, then rename.
    public func finish() throws {
        try body.synchronize()
        let tmp = path + ".tmp-\(getpid())"
        let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="preflight batch" tests="\(tests)" failures="\(failures)" errors="\(errors)">
          <testsuite name="preflight batch" tests="\(tests)" failures="\(failures)" errors="\(errors)">

        """
        guard FileManager.default.createFile(atPath: tmp, contents: Data(head.utf8)),
              let out = FileHandle(forWritingAtPath: tmp), let input = FileHandle(forReadingAtPath: bodyPath) else {
            unlink(tmp)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? input.close() }
        do {
            out.seekToEndOfFile()
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
            try out.write(contentsOf: Data("  </testsuite>\n</testsuites>\n".utf8))
            try out.close()
        } catch {
            unlink(tmp)
            throw error
        }
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// XML text and attribute escaping; characters XML 1.0 cannot hold become U+FFFD.
    static func escaped(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// What a batch job's result says, for reports other than its JSON line.
public struct BatchJobOutcome: Sendable {
    public var id: String
    /// `check` or `verify`.
    public var kind: String
    public var verdict: String
    public var inputs: [CheckedInput]
    public var findings: [Finding]
}
