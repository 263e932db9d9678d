import Foundation
import MediaIO

/// `batch --junit FILE`: one JUnit test case per job, streamed to disk as jobs finish so memory stays flat
/// however long the manifest. A job with errors is a `<failure>` listing each error finding (rule id,
/// message, fix); an unreadable input is an `<error>`; warnings go to `<system-out>`. The test cases go to an
/// unlinked scratch file (nothing is left behind, even after SIGKILL); the report appears whole, by rename
/// of a `PendingFile`, when the batch ends, including after a first Ctrl-C, when it holds the jobs that finished.
/// `@unchecked Sendable`: `append` is only called under the batch runner's lock.
public final class BatchJUnitFile: @unchecked Sendable {
    public var path: String { target.path }
    private let target: OutputTarget
    private let body: FileHandle
    private var tests = 0, failures = 0, errors = 0
    /// The first failed write (disk full, file size limit); `finish` reports it.
    private var writeError: Error?

    /// Opens the scratch file next to the target, so an unwritable destination is found before any job runs.
    public init(target: OutputTarget) throws {
        self.target = target
        let scratch = target.pending()
        let fd = open(scratch.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: target.path]) }
        scratch.discard()   // unlinked: the open descriptor keeps the data, nothing is left behind
        body = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
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
        guard writeError == nil else { return }
        do { try body.write(contentsOf: Data(xml.utf8)) } catch { writeError = error }
    }

    /// Writes the report: header with the totals, the test cases, footer; a `PendingFile` (removed on failure
    /// and on signals), then rename. Throws the first write error of the run, if there was one.
    public func finish() throws {
        if let writeError { throw writeError }
        let pending = target.pending()
        let head = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="preflight batch" tests="\(tests)" failures="\(failures)" errors="\(errors)">
          <testsuite name="preflight batch" tests="\(tests)" failures="\(failures)" errors="\(errors)">

        """
        // Created here rather than by FileManager.createFile, whose own temporary file a signal would leave behind.
        let fd = open(pending.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            pending.discard()
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        let out = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        do {
            try out.write(contentsOf: Data(head.utf8))
            try body.seek(toOffset: 0)
            while let chunk = try body.read(upToCount: 1 << 20), !chunk.isEmpty { try out.write(contentsOf: chunk) }
            try out.write(contentsOf: Data("  </testsuite>\n</testsuites>\n".utf8))
            try out.close()
        } catch {
            try? out.close()
            pending.discard()
            throw error
        }
        try pending.commit()
    }
}

/// What a batch job's result says, for reports other than its JSON line.
public struct BatchJobOutcome: Sendable {
    public var id: String
    /// `check` or `verify`.
    public var kind: String
    public var inputs: [CheckedInput]
    public var findings: [Finding]
}
