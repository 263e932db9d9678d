import ArgumentParser

/// `--profile` and `--policy`, shared by `check`, `verify` and `batch`: which rules apply and how a policy changes them.
struct RuleSetOptions: ParsableArguments {
    @Option(help: "Built-in profile: sync (default) or wav2lip.") var profile: String?
    @Option(help: "A YAML policy file (docs/POLICY.md).") var policy: String?
}
