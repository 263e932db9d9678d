import Foundation
import PreflightFuzzing

/// Replays saved fuzz inputs (files, or directories of them) through the fuzz target's code with a plain build, so a
/// crasher reproduces without the fuzzer toolchain. scripts/fuzz.sh builds the libFuzzer binary itself.
@main
enum ProbeFuzzReplay {
    static func main() {
        replay(CommandLine.arguments.dropFirst())
    }

    static func replay(_ arguments: ArraySlice<String>) {
        var inputs: [String] = []
        for arg in arguments {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: arg, isDirectory: &isDir), isDir.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: arg)) ?? []
                inputs += names.sorted().map { "\(arg)/\($0)" }
            } else {
                inputs.append(arg)
            }
        }
        guard !inputs.isEmpty else {
            FileHandle.standardError.write(Data("usage: PreflightFuzzReplay FILE|DIR...  (replays saved fuzz inputs)\n".utf8))
            exit(64)
        }
        for path in inputs {
            do {
                try ProbeFuzzInput.run(file: path)
                print("ok \(path)")
            } catch {
                print("unreadable \(path): \(error)")
                exit(3)
            }
        }
    }
}
