import Foundation

/// `batch --junit FILE`: one JUnit test case per job. A job with errors is a `<failure>` listing each error finding
/// (rule id, message, fix); an unreadable input is an `<error>`; warnings go to `<system-out>`. Streamed as jobs
/// finish (`StreamedReportFile`: an unlinked scratch file, then a `PendingFile` renamed into place when the batch
/// ends, including after a first Ctrl-C, when it holds the jobs that finished), so memory stays flat however long
/// the manifest. `@unchecked Sendable`: `append` is only called under the batch runner's lock.
public final class BatchJUnitFile: @unchecked Sendable {
    /// The path the JUnit file is put at when the batch ends.
    public var path: String { file.target.path }
    private let file: StreamedReportFile
    private var tests = 0, failures = 0, errors = 0

    /// Opens the scratch file next to the target, so an unwritable destination is found before any job runs.
    public init(target: OutputTarget) throws {
        file = try StreamedReportFile(target: target)
    }

    /// Appends one job's test case. Not thread-safe: the batch runner calls it under its lock.
    public func append(_ outcome: BatchJobOutcome) {
        tests += 1
        var xml = "    <testcase classname=\"preflight.batch.\(XMLEscape.attribute(outcome.kind))\" name=\"\(XMLEscape.attribute(outcome.id))\">\n"
        let unreadable = outcome.inputs.filter { $0.error != nil }
        let failing = outcome.findings.filter { $0.severity == .error }
        let warnings = outcome.findings.filter { $0.severity == .warning }
        if !unreadable.isEmpty {
            errors += 1
            let text = unreadable.map { "\($0.role.rawValue) \($0.path): \($0.error!.message)" }.joined(separator: "\n")
            xml += "      <error type=\"\(XMLEscape.attribute(unreadable[0].error!.kind))\" message=\"\(XMLEscape.attribute(text))\">\(XMLEscape.text(text))</error>\n"
        } else if !failing.isEmpty {
            failures += 1
            let text = failing.map { "\($0.ruleID) \($0.message)\nfix: \($0.fix)" }.joined(separator: "\n")
            let message = failing.map { "\($0.ruleID) \($0.message)" }.joined(separator: "; ")
            xml += "      <failure type=\"error\" message=\"\(XMLEscape.attribute(message))\">\(XMLEscape.text(text))</failure>\n"
        }
        if !warnings.isEmpty {
            let text = warnings.map { "warning: \($0.ruleID) \($0.message)\nfix: \($0.fix)" }.joined(separator: "\n")
            xml += "      <system-out>\(XMLEscape.text(text))</system-out>\n"
        }
        xml += "    </testcase>\n"
        file.append(xml)
    }

    /// Writes the report: header with the totals, the test cases, footer (`StreamedReportFile.commit`). Throws the
    /// first write error of the run, if there was one.
    public func finish() throws {
        let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="preflight batch" tests="\(tests)" failures="\(failures)" errors="\(errors)">
          <testsuite name="preflight batch" tests="\(tests)" failures="\(failures)" errors="\(errors)">

        """
        try file.commit([.text(head), .scratch(0), .text("  </testsuite>\n</testsuites>\n")])
    }
}
