import Foundation

/// G-BATCH rules: the Sync batch API (contract §2.8), applied by `batch --emit-batch` to the file it writes
/// (G-BATCH-01) and to each check job it would put in it (G-BATCH-02).
public enum BatchRules {
    /// Longest input of a batched generation, seconds.
    public static let maxInputSeconds = 30.0

    /// G-BATCH-01: the batch file's shape and limits (20 to 500 JSON lines, at most 5 MB, unique `request_id`).
    public static let file = Rule("G-BATCH-01", "Batch file", .error, .request,
                                  check: "JSON Lines of {request_id, endpoint \"/v2/generate\", payload}; 20 to 500 lines; at most 5 MB; unique request_id",
                                  fix: "over 500 lines or 5 MB: split with --shard; under 20: gather more passing jobs before submitting",
                                  sources: ["BATCH", "EX"], confidence: "P")

    /// G-BATCH-02: every video and audio of a batched generation lasts at most `maxInputSeconds`.
    public static let inputLength = Rule("G-BATCH-02", "Batch input length", .error, .request,
                                         check: "every video and audio of a batched generation lasts at most 30 s",
                                         fix: "send longer inputs through /v2/generate one by one, or cut them into parts of at most 30 s",
                                         sources: ["BATCHG"], confidence: "P")

    /// Both batch rules, in id order.
    public static let all = [file, inputLength]

    /// Adds G-BATCH-02 to a check job's report: an error for each video or audio input over 30 s; the verdict
    /// and counts follow.
    static func applyInputLength(to report: inout CheckReport) {
        var results = RuleResults()
        let long = report.inputs.filter { $0.role == .video || $0.role == .audio }.compactMap { input -> RuleHit? in
            guard let m = input.media, let d = m.contentDuration, d > maxInputSeconds else { return nil }
            return RuleHit("the \(input.role.rawValue) lasts \(Say.sec(d)); the batch API takes inputs of at most \(Say.num(maxInputSeconds)) s",
                           measured: Say.sec(d), limit: "≤ \(Say.num(maxInputSeconds)) s", role: input.role)
        }
        results.record(inputLength, hits: long) { role in report.inputs.first { $0.role == role }?.path }
        report.findings += results.findings
        report.evaluations += results.evaluations
        (report.verdict, report.counts) = Verdict.of(findings: report.findings, unreadable: report.counts.unreadable)
    }

    /// G-BATCH-01 findings on a batch file of `lines` requests and `bytes` bytes written to `path`.
    static func fileFindings(lines: Int, bytes: Int, path: String) -> [Finding] {
        var hits: [RuleHit] = []
        if lines < SyncBatchFile.minLines {
            hits.append(RuleHit("\(lines) passing job(s); the batch API needs at least \(SyncBatchFile.minLines) lines",
                                measured: "\(lines) lines", limit: "\(SyncBatchFile.minLines)–\(SyncBatchFile.maxLines) lines"))
        }
        if lines > SyncBatchFile.maxLines {
            hits.append(RuleHit("\(lines) passing jobs; the batch API takes at most \(SyncBatchFile.maxLines) lines: use --shard to split",
                                measured: "\(lines) lines", limit: "\(SyncBatchFile.minLines)–\(SyncBatchFile.maxLines) lines"))
        }
        if bytes > SyncBatchFile.maxBytes {
            hits.append(RuleHit("the file is \(bytes) bytes; the batch API takes at most \(SyncBatchFile.maxBytes)",
                                measured: "\(bytes) bytes", limit: "≤ \(SyncBatchFile.maxBytes) bytes"))
        }
        var results = RuleResults()
        results.record(file, hits: hits) { _ in path }
        return results.findings
    }
}
