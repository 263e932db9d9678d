import Foundation

/// One line of a batch manifest: a check of a video/audio pair, or a verify of an output against them.
public struct BatchJob: Sendable, Equatable {
    public var id: String
    public var video: String?
    public var audio: String?
    public var syncMode: SyncMode?
    public var plan: Plan?
    public var model: LipsyncModel?
    /// When present the job verifies this output instead of checking the inputs.
    public var output: String?

}

/// Why a manifest could not be read; names the line.
public struct BatchManifestError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String
    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// Reads a batch manifest: JSON Lines (`{"id", "video", "audio", "sync_mode", "plan", "model", "output"}`),
/// CSV with a header row of those names, or a directory scanned recursively for media files.
public enum BatchManifest {
    static let keys: Set<String> = ["id", "video", "audio", "sync_mode", "plan", "model", "output"]
    static let videoExtensions: Set<String> = ["mp4", "mov", "qt", "webm", "avi", "mkv", "m4v"]
    static let audioExtensions: Set<String> = ["wav", "mp3", "ogg", "opus", "flac", "m4a", "aac", "wma", "alac"]

    public static func load(_ path: String) throws -> [BatchJob] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw BatchManifestError(path: path, line: nil, message: "no such manifest or directory")
        }
        if isDir.boolValue { return scan(directory: path) }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw BatchManifestError(path: path, line: nil, message: "cannot read the manifest as UTF-8 text")
        }
        let jobs = path.lowercased().hasSuffix(".csv") ? try csv(text, path: path) : try jsonLines(text, path: path)
        var seen = Set<String>()
        for (i, j) in jobs.enumerated() where !seen.insert(j.id).inserted {
            throw BatchManifestError(path: path, line: nil, message: "job id '\(j.id)' appears twice (job \(i + 1))")
        }
        return jobs
    }

    static func job(_ fields: [String: String], number: Int, path: String, line: Int) throws -> BatchJob {
        func fail(_ m: String) -> BatchManifestError { BatchManifestError(path: path, line: line, message: m) }
        for k in fields.keys where !keys.contains(k) {
            throw fail("unknown key '\(k)' (known: \(keys.sorted().joined(separator: ", ")))")
        }
        var j = BatchJob(id: fields["id"].flatMap { $0.isEmpty ? nil : $0 } ?? "job\(number)")
        j.video = fields["video"].flatMap { $0.isEmpty ? nil : $0 }
        j.audio = fields["audio"].flatMap { $0.isEmpty ? nil : $0 }
        j.output = fields["output"].flatMap { $0.isEmpty ? nil : $0 }
        if let m = fields["sync_mode"], !m.isEmpty {
            guard let mode = SyncMode(rawValue: m) else { throw fail("unknown sync_mode '\(m)'") }
            j.syncMode = mode
        }
        if let p = fields["plan"], !p.isEmpty {
            guard let plan = Plan(rawValue: p) else { throw fail("unknown plan '\(p)'") }
            j.plan = plan
        }
        if let m = fields["model"], !m.isEmpty {
            guard let model = LipsyncModel(rawValue: m) else { throw fail("unknown model '\(m)'") }
            j.model = model
        }
        if j.video == nil && j.audio == nil && j.output == nil { throw fail("a job needs video, audio or output") }
        return j
    }

    static func jsonLines(_ text: String, path: String) throws -> [BatchJob] {
        var jobs: [BatchJob] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw BatchManifestError(path: path, line: n + 1, message: "not a JSON object")
            }
            var fields: [String: String] = [:]
            for (k, v) in obj {
                guard let s = v as? String else { throw BatchManifestError(path: path, line: n + 1, message: "'\(k)' must be a string") }
                fields[k] = s
            }
            jobs.append(try job(fields, number: jobs.count + 1, path: path, line: n + 1))
        }
        return jobs
    }

    static func csv(_ text: String, path: String) throws -> [BatchJob] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) }
        guard !lines.isEmpty else { return [] }
        let header = splitCSV(lines.removeFirst()).map { $0.trimmingCharacters(in: .whitespaces) }
        var jobs: [BatchJob] = []
        for (n, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let values = splitCSV(line)
            guard values.count == header.count else {
                throw BatchManifestError(path: path, line: n + 2, message: "\(values.count) fields, the header has \(header.count)")
            }
            jobs.append(try job(Dictionary(uniqueKeysWithValues: zip(header, values)), number: jobs.count + 1, path: path, line: n + 2))
        }
        return jobs
    }

    /// RFC 4180 fields: commas, double-quoted fields with "" for a quote.
    static func splitCSV(_ line: String) -> [String] {
        var out: [String] = [], field = "", quoted = false
        var it = Array(line)[...]
        while let c = it.popFirst() {
            if quoted {
                if c == "\"" { if it.first == "\"" { field.append("\""); it.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(field); field = ""
            } else {
                field.append(c)
            }
        }
        out.append(field)
        return out
    }

    /// Every media file under `directory`, sorted, as a check job of that file alone (id: relative path).
    static func scan(directory: String) -> [BatchJob] {
        let base = URL(fileURLWithPath: directory).standardizedFileURL
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var jobs: [BatchJob] = []
        for case let url as URL in e {
            let ext = url.pathExtension.lowercased()
            guard videoExtensions.contains(ext) || audioExtensions.contains(ext),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let rel = String(url.standardizedFileURL.path.dropFirst(base.path.count + 1))
            var j = BatchJob(id: rel)
            if videoExtensions.contains(ext) { j.video = url.path } else { j.audio = url.path }
            jobs.append(j)
        }
        return jobs.sorted { $0.id < $1.id }
    }

    /// Jobs of shard `index` (1-based) of `count`: every count-th job, so shards 1..n cover the list once.
    public static func shard(_ jobs: [BatchJob], index: Int, count: Int) -> [BatchJob] {
        jobs.enumerated().filter { $0.offset % count == index - 1 }.map(\.element)
    }
}
