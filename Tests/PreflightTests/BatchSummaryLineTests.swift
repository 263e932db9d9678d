import Testing
import Preflight

/// The batch's one-line summary, from counts given by hand.
@Suite struct BatchSummaryLineTests {
    @Test func namesJobsVerdictsAndTheMostFrequentFindings() {
        var s = BatchRunner.Summary()
        #expect(s.line == "0 job(s): none")
        s.jobs = 3
        s.byVerdict = ["warnings": 2, "errors": 1]
        s.byRule = ["V-RES-02": 1, "D-MODE-01": 2, "A-SR-02": 1]
        s.interrupted = true
        #expect(s.line == "3 job(s) (interrupted): errors 1, warnings 2; most frequent findings: D-MODE-01 2, A-SR-02 1, V-RES-02 1")
        s.byRule = Dictionary(uniqueKeysWithValues: (0..<12).map { (String(format: "R-%02d", $0), 12 - $0) })
        let line = s.line
        #expect(line.hasSuffix("R-09 3"), Comment(rawValue: line))
    }
}
