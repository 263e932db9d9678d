import Foundation
import Testing
@testable import Preflight
import TestMediaSupport

/// The contract the rules apply ships in the repository (docs/CONTRACT.md): every rule and every source key
/// a rule cites is there, with the P/T/D legend, and the docs point to it rather than to a file outside the
/// repository.
@Suite struct ContractDocTests {
    static let root = TestMedia.directory.deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static var allRules: [Rule] { Profile.builtIn.flatMap(\.rules) + VerifyRules.all.map(\.rule) }

    @Test func everyRuleAndSourceKeyIsInTheContractSummary() throws {
        let contract = try Self.read("docs/CONTRACT.md")
        let sources = try #require(contract.range(of: "## Sources")).upperBound
        let listed = contract[sources...]
        for rule in Self.allRules {
            #expect(contract.contains(rule.id), "\(rule.id) is not in docs/CONTRACT.md")
            for key in rule.sources {
                #expect(listed.contains("- [\(key)] "), "source [\(key)] of \(rule.id) is not listed in docs/CONTRACT.md's Sources")
            }
        }
        for (letter, word) in [("P", "primary"), ("T", "third party"), ("D", "derived")] {
            #expect(contract.contains("| **\(letter)** | \(word)"), "legend lacks \(letter)")
        }
    }

    @Test func docsPointToTheShippedContract() throws {
        let readme = try Self.read("README.md")
        #expect(readme.contains("](docs/CONTRACT.md)"))
        #expect(try Self.read("docs/RULES.md").contains("](CONTRACT.md)"))
        let docs = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("docs").path)
            .filter { $0.hasSuffix(".md") }.map { "docs/" + $0 }
        for path in ["README.md"] + docs {
            #expect(!(try Self.read(path)).contains("shared/sync-media-contract"), "\(path) points outside the repository")
        }
    }
}
