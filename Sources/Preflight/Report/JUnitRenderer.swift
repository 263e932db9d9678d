import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `--format junit`: one test suite per input, one test case per rule evaluated on it. Errors are
/// failures; warnings are failures only with --strict (otherwise reported in system-out); an unreadable
/// input is a test case with an <error>.
public enum JUnitRenderer {
    public static func render(_ r: some FindingsReport, strict: Bool, suiteName: String) -> String {
        let root = XMLElement(name: "testsuites")
        root.addAttribute(XMLNode.attribute(withName: "name", stringValue: suiteName) as! XMLNode)
        var totalTests = 0, totalFailures = 0, totalErrors = 0

        var byInput: [(key: String, role: InputRole, path: String?, evals: [RuleEvaluation])] = []
        for e in r.evaluations {
            let key = "\(e.input.rawValue):\(e.path ?? "")"
            if let i = byInput.firstIndex(where: { $0.key == key }) { byInput[i].evals.append(e) } else {
                byInput.append((key, e.input, e.path, [e]))
            }
        }
        for input in r.inputs where input.error != nil {
            let suite = XMLElement(name: "testsuite")
            attr(suite, "name", "\(input.role.rawValue) \(input.path)")
            attr(suite, "tests", "1"); attr(suite, "failures", "0"); attr(suite, "errors", "1")
            let tc = XMLElement(name: "testcase")
            attr(tc, "classname", "preflight.\(input.role.rawValue)")
            attr(tc, "name", "readable")
            let err = XMLElement(name: "error", stringValue: input.error!.message)
            attr(err, "type", input.error!.kind)
            attr(err, "message", input.error!.message)
            tc.addChild(err)
            suite.addChild(tc)
            root.addChild(suite)
            totalTests += 1; totalErrors += 1
        }
        for group in byInput {
            let suite = XMLElement(name: "testsuite")
            attr(suite, "name", "\(group.role.rawValue)\(group.path.map { " \($0)" } ?? "")")
            var failures = 0
            for e in group.evals {
                let tc = XMLElement(name: "testcase")
                attr(tc, "classname", "preflight.\(r.profile).\(group.role.rawValue)")
                let title = r.findings.first { $0.ruleID == e.ruleID }?.title
                attr(tc, "name", e.ruleID + (title.map { " \($0)" } ?? ""))
                if let path = group.path { attr(tc, "file", path) }
                let fs = r.findings.filter { $0.ruleID == e.ruleID && ($0.path == group.path || $0.input != group.role) }
                let failing = fs.filter { $0.severity == .error || (strict && $0.severity == .warning) }
                if !failing.isEmpty {
                    let text = failing.map { "\($0.severity.rawValue): \($0.message)\nfix: \($0.fix)" }.joined(separator: "\n")
                    let fail = XMLElement(name: "failure", stringValue: text)
                    attr(fail, "type", failing.map(\.severity).max()!.rawValue)
                    attr(fail, "message", failing[0].message)
                    tc.addChild(fail)
                    failures += 1
                } else if !fs.isEmpty {
                    tc.addChild(XMLElement(name: "system-out", stringValue: fs.map { "\($0.severity.rawValue): \($0.message)\nfix: \($0.fix)" }.joined(separator: "\n")))
                }
                suite.addChild(tc)
            }
            attr(suite, "tests", String(group.evals.count))
            attr(suite, "failures", String(failures))
            attr(suite, "errors", "0")
            totalTests += group.evals.count
            totalFailures += failures
            root.addChild(suite)
        }
        attr(root, "tests", String(totalTests))
        attr(root, "failures", String(totalFailures))
        attr(root, "errors", String(totalErrors))
        let doc = XMLDocument(rootElement: root)
        doc.version = "1.0"
        doc.characterEncoding = "UTF-8"
        let xml = String(decoding: doc.xmlData(options: [.nodePrettyPrint]), as: UTF8.self)
        KeptDocuments.keep(doc)
        return xml
    }

    /// swift-corelibs-foundation (Swift 6.3 on Linux) frees libxml2 nodes twice when an XMLDocument's
    /// tree is deallocated (valgrind: invalid reads in xmlFreeNode from XMLNode's deinit). A report is
    /// rendered once per run, so the tree is kept until the process exits instead.
    private enum KeptDocuments {
        private static let lock = NSLock()
        nonisolated(unsafe) private static var documents: [XMLDocument] = []
        static func keep(_ doc: XMLDocument) { lock.withLock { documents.append(doc) } }
    }

    private static func attr(_ e: XMLElement, _ name: String, _ value: String) {
        e.addAttribute(XMLNode.attribute(withName: name, stringValue: value) as! XMLNode)
    }
}
