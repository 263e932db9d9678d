import Foundation

/// Line output for the CLI; each line is written at once so JSON Lines consumers see results as they finish.
enum Output {
    static func stdout(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
