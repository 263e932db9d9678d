import Foundation

extension BatchProgress {
    /// What `batch` shows of this progress, `elapsed` seconds after the jobs started: on a terminal one line
    /// rewritten in place (a leading carriage return, no newline) with an estimate of the time left; elsewhere (a
    /// CI log) a whole line at each tenth of the jobs, without its newline, and nothing for fewer than ten jobs.
    public func text(elapsed: Double, terminal: Bool) -> String? {
        if terminal {
            let eta = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
            return String(format: "\rbatch %d/%d done, ETA %.0f s ", done, total, eta)
        }
        guard total >= 10, done % max(1, total / 10) == 0 || done == total else { return nil }
        return String(format: "batch %d/%d done (%.0f s)", done, total, elapsed)
    }
}
