import Foundation
import Mustache

/// `batch --html FILE`: one self-contained page (docs/HTML-REPORT.md) with the totals, an index of every job (id,
/// kind, input file names, verdict, counts, rule ids; filtered by verdict and rule and sorted by a small inline
/// script, all shown without it) and a section per job with its inputs and findings, linked from its row.
/// Streamed like `--junit` (`StreamedReportFile`): each job's row and section are rendered when it finishes and
/// appended to two scratch files; only counters and the set of rule ids stay in memory. The top of the page
/// (totals, filter options), known only at the end, is rendered by `finish`, which puts the page in place whole,
/// including after a first Ctrl-C, when it holds the jobs that finished.
/// `@unchecked Sendable`: `append` is only called under the batch runner's lock.
public final class BatchHTMLFile: @unchecked Sendable {
    /// The path the page is put at when the batch ends.
    public var path: String { file.target.path }
    private let file: StreamedReportFile
    private let manifest: String
    private let settings: String
    private let rulesDocument: String
    private var jobs = 0
    private var kinds: [String: Int] = [:]
    private var byVerdict: [String: Int] = [:]
    /// Jobs raising each rule id (any severity).
    private var jobsByRule: [String: Int] = [:]
    private var errors = 0, warnings = 0, infos = 0

    private static let rows = 0, sections = 1

    /// Opens the scratch files next to the target, so an unwritable destination is found before any job runs.
    /// The header names `manifest` and the profile, model and plan of `options`.
    public init(target: OutputTarget, manifest: String, options: BatchRunner.Options,
                rulesDocument: String = CheckHTMLRenderer.defaultRulesDocument) throws {
        file = try StreamedReportFile(target: target, scratchFiles: 2)
        self.manifest = manifest
        settings = "profile \(options.profile.name) · model \(options.model.rawValue)" + (options.plan.map { " · plan \($0.rawValue)" } ?? "")
        self.rulesDocument = rulesDocument
    }

    /// Appends one job's index row and section. Not thread-safe: the batch runner calls it under its lock.
    public func append(_ outcome: BatchJobOutcome) {
        let job = Job(outcome, rulesDocument: rulesDocument)
        jobs += 1
        kinds[outcome.kind, default: 0] += 1
        byVerdict[job.verdict, default: 0] += 1
        for id in job.rules { jobsByRule[id, default: 0] += 1 }
        errors += job.errors
        warnings += job.warnings
        infos += job.infos
        file.append(BatchHTMLTemplate.row.render(job), to: Self.rows)
        file.append(BatchHTMLTemplate.section.render(job, library: BatchHTMLTemplate.library), to: Self.sections)
    }

    /// Writes the page: the top with the totals and filter options, the index rows, the job sections, the tail.
    /// `planned` is the number of jobs the batch was to run (more than appended when it was interrupted). Throws
    /// the first write error of the run, if there was one.
    public func finish(planned: Int) throws {
        let top = BatchHTMLTemplate.top.render(self.top(planned: planned), library: BatchHTMLTemplate.library)
        try file.commit([.text(top), .scratch(Self.rows), .text(BatchHTMLTemplate.middle), .scratch(Self.sections),
                         .text(BatchHTMLTemplate.tail)])
    }

    /// The id an element of the page gets for a job: `job-` and the id's UTF-8 with every byte but ASCII letters,
    /// digits, `_` and `-` written `.XX` (hex), so any id gives a valid, unique fragment that needs no escaping.
    static func anchor(_ id: String) -> String {
        var out = "job-"
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"), UInt8(ascii: "-"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: ".%02X", byte)
            }
        }
        return out
    }

    static func label(_ verdict: String) -> String {
        Verdict(rawValue: verdict).map(ReportPagePartials.verdictText) ?? verdict.uppercased()
    }

    // MARK: - What the templates read (names unique across levels: Mustache looks a missing or nil value up in
    // the enclosing objects).

    struct Job {
        var id: String
        var anchor: String
        var kind: String
        var verdict: String
        var verdictLabel: String
        var verdictRank: Int
        var inputNames: [InputName]
        var inputs: [CheckHTMLRenderer.InputLine]
        var errors: Int, warnings: Int, infos: Int
        var rules: [String]
        var ruleList: String
        var findingRows: [CheckHTMLRenderer.FindingRow]
        var noFindings: Bool
    }

    struct InputName {
        var inputName: String
        var inputFull: String
    }

    struct Top {
        var heading: PageHeading
        var interruptedNote: String?
        var verdictTotals: [VerdictTotal]
        var topRules: [TopRule]
        var hasTopRules: Bool
        var verdictOptions: [Option]
        var ruleOptions: [Option]
    }

    struct VerdictTotal { var totalVerdict: String; var totalLabel: String; var totalJobs: Int }
    struct TopRule { var topRule: String; var topRuleLink: String; var topRuleJobs: Int }
    struct Option { var optionValue: String; var optionLabel: String }

    /// How many rules the totals list.
    static let topRuleCount = 10

    private func top(planned: Int) -> Top {
        let seen = Verdict.allCases.filter { byVerdict[$0.rawValue] != nil }
        let worst = seen.last
        let byCount = jobsByRule.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let kindText = kinds.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return Top(
            heading: PageHeading(command: "batch", htmlOption: "--html", scriptHash: BatchHTMLTemplate.scriptHash,
                                 title: URL(fileURLWithPath: manifest).lastPathComponent,
                                 verdict: worst?.rawValue ?? "warnings",
                                 verdictText: worst.map(ReportPagePartials.verdictText) ?? "NO JOB RAN",
                                 countsLine: "\(jobs) job(s)" + (kindText.isEmpty ? "" : " (\(kindText))")
                                     + ": \(errors) error(s), \(warnings) warning(s), \(infos) info in all",
                                 settings: "manifest \(manifest) · \(settings)"),
            interruptedNote: jobs < planned ? "Interrupted: \(jobs) of the \(planned) jobs finished; only those are shown." : nil,
            verdictTotals: seen.map { VerdictTotal(totalVerdict: $0.rawValue, totalLabel: ReportPagePartials.verdictText($0),
                                                   totalJobs: byVerdict[$0.rawValue] ?? 0) },
            topRules: byCount.prefix(Self.topRuleCount).map { TopRule(topRule: $0.key, topRuleLink: "\(rulesDocument)#\($0.key)", topRuleJobs: $0.value) },
            hasTopRules: !byCount.isEmpty,
            verdictOptions: seen.map { Option(optionValue: $0.rawValue, optionLabel: "\($0.rawValue) (\(byVerdict[$0.rawValue] ?? 0))") },
            ruleOptions: jobsByRule.keys.sorted().map { Option(optionValue: $0, optionLabel: "\($0) (\(jobsByRule[$0] ?? 0))") })
    }
}

// Looked up by name, not by Mirror (see `CheckHTMLRenderer.FindingRow`): rendered for every job.
extension BatchHTMLFile.Job: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "anchor": return anchor
        case "kind": return kind
        case "verdict": return verdict
        case "verdictLabel": return verdictLabel
        case "verdictRank": return verdictRank
        case "inputNames": return inputNames
        case "inputs": return inputs
        case "errors": return errors
        case "warnings": return warnings
        case "infos": return infos
        case "rules": return rules
        case "ruleList": return ruleList
        case "findingRows": return findingRows
        case "noFindings": return noFindings
        default: return nil
        }
    }
}

extension BatchHTMLFile.InputName: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "inputName": return inputName
        case "inputFull": return inputFull
        default: return nil
        }
    }
}

extension BatchHTMLFile.Job {
    init(_ o: BatchJobOutcome, rulesDocument: String) {
        id = o.id
        anchor = BatchHTMLFile.anchor(o.id)
        kind = o.kind
        verdict = o.verdict
        verdictLabel = BatchHTMLFile.label(o.verdict)
        verdictRank = Verdict(rawValue: o.verdict).flatMap { Verdict.allCases.firstIndex(of: $0) } ?? Verdict.allCases.count
        inputNames = o.inputs.map { BatchHTMLFile.InputName(inputName: URL(fileURLWithPath: $0.path).lastPathComponent, inputFull: $0.path) }
        inputs = o.inputs.map(CheckHTMLRenderer.InputLine.init)
        let counts = FindingCounts(findings: o.findings, unreadable: 0)
        (errors, warnings, infos) = (counts.errors, counts.warnings, counts.infos)
        rules = Set(o.findings.map(\.ruleID)).sorted()
        ruleList = rules.joined(separator: " ")
        findingRows = CheckHTMLRenderer.findingRows(o.findings, rulesDocument: rulesDocument)
        noFindings = o.findings.isEmpty
    }
}
