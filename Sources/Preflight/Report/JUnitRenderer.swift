/// `--format junit`: one test suite per input, one test case per rule evaluated on it. Errors are
/// failures; warnings are failures only with --strict (otherwise reported in system-out); an unreadable
/// input is a test case with an <error>.
public enum JUnitRenderer {
    /// The report as a JUnit XML document whose `<testsuites>` is named `suiteName`; `strict` makes warnings failures.
    public static func render(_ r: some FindingsReport, strict: Bool, suiteName: String) -> String {
        var suites = ""
        var totalTests = 0, totalFailures = 0, totalErrors = 0

        var byInput: [(key: String, role: InputRole, path: String?, evals: [RuleEvaluation])] = []
        for e in r.evaluations {
            let key = "\(e.input.rawValue):\(e.path ?? "")"
            if let i = byInput.firstIndex(where: { $0.key == key }) { byInput[i].evals.append(e) } else {
                byInput.append((key, e.input, e.path, [e]))
            }
        }
        for input in r.inputs {
            guard let error = input.error else { continue }
            suites += "  <testsuite name=\"\(a("\(input.role.rawValue) \(input.path)"))\" tests=\"1\" failures=\"0\" errors=\"1\">\n"
            suites += "    <testcase classname=\"\(a("preflight.\(input.role.rawValue)"))\" name=\"readable\">\n"
            suites += "      <error type=\"\(a(error.kind))\" message=\"\(a(error.message))\">\(XMLEscape.text(error.message))</error>\n"
            suites += "    </testcase>\n  </testsuite>\n"
            totalTests += 1; totalErrors += 1
        }
        for group in byInput {
            var cases = ""
            var failures = 0
            for e in group.evals {
                let title = r.findings.first { $0.ruleID == e.ruleID }?.title
                cases += "    <testcase classname=\"\(a("preflight.\(r.profile).\(group.role.rawValue)"))\" name=\"\(a(e.ruleID + (title.map { " \($0)" } ?? "")))\""
                if let path = group.path { cases += " file=\"\(a(path))\"" }
                let fs = r.findings.filter { $0.ruleID == e.ruleID && ($0.path == group.path || $0.input != group.role) }
                let failing = fs.filter { $0.severity == .error || (strict && $0.severity == .warning) }
                if !failing.isEmpty {
                    let text = failing.map { "\($0.severity.rawValue): \($0.message)\nfix: \($0.fix)" }.joined(separator: "\n")
                    cases += ">\n      <failure type=\"\(a(failing.map(\.severity).max()!.rawValue))\" message=\"\(a(failing[0].message))\">"
                        + "\(XMLEscape.text(text))</failure>\n    </testcase>\n"
                    failures += 1
                } else if !fs.isEmpty {
                    let text = fs.map { "\($0.severity.rawValue): \($0.message)\nfix: \($0.fix)" }.joined(separator: "\n")
                    cases += ">\n      <system-out>\(XMLEscape.text(text))</system-out>\n    </testcase>\n"
                } else {
                    cases += "></testcase>\n"
                }
            }
            suites += "  <testsuite name=\"\(a("\(group.role.rawValue)\(group.path.map { " \($0)" } ?? "")"))\" tests=\"\(group.evals.count)\""
                + " failures=\"\(failures)\" errors=\"0\">\n" + cases + "  </testsuite>\n"
            totalTests += group.evals.count
            totalFailures += failures
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"\(a(suiteName))\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"\(totalErrors)\">\n"
            + suites + "</testsuites>\n"
    }

    private static func a(_ s: String) -> String { XMLEscape.attribute(s) }
}
