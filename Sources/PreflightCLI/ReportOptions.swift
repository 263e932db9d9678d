import ArgumentParser

/// `--report` and `--strict`, shared by `check` and `verify`: where the report goes and whether warnings fail.
struct ReportOptions: ParsableArguments {
    @Option(help: "Write the report to this file (replaced whole, by rename) instead of stdout.") var report: String?
    @Flag(help: "Exit 1 when there are warnings.") var strict = false
}
