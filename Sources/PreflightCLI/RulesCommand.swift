import ArgumentParser
import Preflight

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List a profile's rules (id, severity, what is checked, fix, source) and thresholds.",
        discussion: "--format markdown prints docs/RULES.md.\n" + ExitCodeHelp.text([.ok, .usage, .internalError])
    )

    enum Format: String, ExpressibleByArgument { case text, markdown, json }

    @Option(help: "Built-in profile (sync, wav2lip), or all.") var profile: String = "all"
    @Option(help: "text, markdown or json.") var format: Format = .text

    func validate() throws {
        guard !CommandValidation.deferred else { return }
        if profile != "all" && Profile.named(profile) == nil {
            throw ValidationError("unknown profile '\(profile)' (known: \(Profile.builtIn.map(\.name).joined(separator: ", ")), all)")
        }
    }

    func run() throws {
        let profiles = profile == "all" ? Profile.builtIn : [Profile.named(profile)!]
        switch format {
        case .text: Output.stdout(RuleCatalogRenderer.text(profiles, includeVerify: profile == "all"))
        case .markdown: Output.stdout(RuleCatalogRenderer.markdown(profiles))
        case .json: Output.stdout(RuleCatalogRenderer.json(profiles))
        }
    }
}
