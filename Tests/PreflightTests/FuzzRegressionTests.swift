import Foundation
import PreflightFuzzing
import Testing
import TestMediaSupport

/// Inputs that made the fuzz target (scripts/fuzz.sh) crash, hang or leak once are replayed here through the same
/// code, so a regression fails `swift test` instead of waiting for the next fuzzing run.
/// Serialized: the fuzz target uses one scratch file per process.
@Suite(.serialized) struct FuzzRegressionTests {
    static let regressionInputs: [String] = {
        let dir = TestMedia.directory.appendingPathComponent("fuzz")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0).path }
    }()

    @Test(arguments: regressionInputs)
    func formerCrasherRunsClean(_ path: String) throws {
        try ProbeFuzzInput.run(file: path)
    }

    /// The seeds the fuzzer starts from: every fixture, cut to the fuzzer's 64 KiB input size, goes through the
    /// fuzz target without trapping (truncation turns most of them into damaged files on purpose).
    @Test func everySeedRunsThroughTheFuzzTarget() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: TestMedia.directory.path)
            .filter { !$0.hasSuffix(".json") && !$0.hasSuffix(".md") && !$0.hasSuffix(".sh") }.sorted()
        var replayed = 0
        for name in names {
            let url = TestMedia.directory.appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            let data = try Data(contentsOf: url).prefix(65536)
            data.withUnsafeBytes { ProbeFuzzInput.run($0) }
            replayed += 1
        }
        #expect(replayed >= 50)
    }
}
