import Foundation
import MediaIO

extension MediaCheck {
    /// Longest TTS script file read; anything larger is not a script.
    static let maxScriptBytes = 1 << 20

    /// The TTS script a check reads, with its measure as the API counts it.
    struct Script {
        var text: String?
        var measure: ScriptMeasure?
    }

    /// Step 2: the TTS script, added to `inputs` as a text input (or as one that could not be read).
    static func readScript(_ request: CheckRequest, profile: Profile, into inputs: inout [CheckedInput]) -> Script {
        var script = Script()
        guard let sp = request.scriptPath else { return script }
        switch readScript(sp) {
        case .success(let text): script.text = text
            script.measure = ScriptMeasure(text, charactersPerSecond: profile.thresholds.value(.textCharactersPerSecond))
            inputs.append(CheckedInput(role: .text, path: sp, refId: nil, media: nil, error: nil, script: script.measure))
        case .failure(let f): inputs.append(CheckedInput(role: .text, path: sp, refId: nil, media: nil, error: f))
        }
        return script
    }

    static func readScript(_ path: String) -> Result<String, ProbeFailure> {
        if InputFile.looksLikeURLOrProtocol(path) {
            return .failure(ProbeFailure(path: path, kind: "not-a-local-path", message: MediaIOError.notALocalPath(path).reason))
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            if InputFile.isPathTooLong(path) { return .failure(ProbeFailure(MediaIOError.pathTooLong(path))) }
            return .failure(ProbeFailure(path: path, kind: "not-found", message: "no such file"))
        }
        if isDir.boolValue { return .failure(ProbeFailure(path: path, kind: "is-directory", message: "is a directory, not a script")) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(ProbeFailure(path: path, kind: "permission-denied", message: "permission denied: the file cannot be read"))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxScriptBytes + 1)) ?? Data()
        if data.count > maxScriptBytes {
            return .failure(ProbeFailure(path: path, kind: "not-a-script", message: "over 1 MiB: not a TTS script"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ProbeFailure(path: path, kind: "not-a-script", message: "not UTF-8 text"))
        }
        return .success(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
