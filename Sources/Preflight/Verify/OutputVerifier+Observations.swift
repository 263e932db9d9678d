import Foundation

extension OutputVerifier {
    /// What verify saw in the output before the rules judge it: the measurements, and the integrity and timestamp
    /// problems Q-INT-01 and Q-INT-02 report.
    struct Observations {
        var measurements = VerifyMeasurements(decodeErrors: 0, frozenRuns: [], blackRuns: [])
        var integrity: [RuleHit] = []
        var timestamps: [RuleHit] = []
        /// RMS per 100 ms of the output's audio (full mode, Q-SIL-01).
        var blockRMS: [Float] = []

        init() {}

        /// Starts with the defects the probe already sees from headers (an index or data size past the end of the file).
        init(headersOf output: MediaInfo) {
            for issue in output.integrity where issue.kind == .truncated || issue.kind == .headerPlaceholder {
                integrity.append(RuleHit(issue.message, measured: issue.kind.rawValue, limit: "complete file", start: issue.at))
            }
        }
    }
}
