import Foundation

/// Why a manifest could not be read; names the line.
public struct BatchManifestError: Error, Sendable, CustomStringConvertible {
    /// The manifest's path.
    public var path: String
    /// The line at fault, from 1; nil when the whole file is (missing, unreadable, empty).
    public var line: Int?
    /// What is wrong and how to fix it.
    public var message: String
    /// `path:line: message`, as compilers print it.
    public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// Reads a batch manifest: JSON Lines (one object of the `keys` per line), CSV with a header row of those
/// names, or a directory scanned recursively for media files. LF or CRLF line ends, with or without a
/// UTF-8 byte order mark (Windows editors).
public enum BatchManifest {
    /// The JSON keys and CSV column names a manifest may use; any other is an error, so a typo is not ignored.
    public static let keys: Set<String> = ["id", "video", "audio", "text", "segments", "sync_mode", "plan", "model",
                                           "output_name", "video_url", "audio_url", "voice_id", "output"]
    static let videoExtensions: Set<String> = ["mp4", "mov", "qt", "webm", "avi", "mkv", "m4v"]
    static let audioExtensions: Set<String> = ["wav", "mp3", "ogg", "opus", "flac", "m4a", "aac", "wma", "alac"]

    /// The jobs of the manifest (or directory) at `path`, in order; throws at the first line that is wrong.
    public static func load(_ path: String) throws(BatchManifestError) -> [BatchJob] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw BatchManifestError(path: path, line: nil, message: "no such manifest or directory")
        }
        if isDir.boolValue { return scan(directory: path) }
        guard let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else {
            throw BatchManifestError(path: path, line: nil, message: "cannot read the manifest as UTF-8 text")
        }
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let jobs = path.lowercased().hasSuffix(".csv") ? try csv(text, path: path) : try jsonLines(text, path: path)
        var seen = Set<String>()
        for (i, j) in jobs.enumerated() where !seen.insert(j.id).inserted {
            throw BatchManifestError(path: path, line: nil, message: "job id '\(j.id)' appears twice (job \(i + 1))")
        }
        return jobs
    }

    /// For `--emit-batch`: every check job names a public URL (or voice) for each input, so each line is sendable.
    public static func requireSubmissionKeys(_ jobs: [BatchJob], path: String) throws(BatchManifestError) {
        for j in jobs {
            let missing = j.missingSubmissionKeys
            guard !missing.isEmpty else { continue }
            throw BatchManifestError(path: path, line: nil, message:
                "job '\(j.id)' has no \(missing.joined(separator: ", ")): --emit-batch writes requests the API fetches, so every "
                + "check job needs a video, video_url/audio_url (https) for its video/audio and voice_id for its text")
        }
    }

    static func job(_ fields: [String: String], number: Int, path: String, line: Int) throws(BatchManifestError) -> BatchJob {
        func fail(_ m: String) -> BatchManifestError { BatchManifestError(path: path, line: line, message: m) }
        for k in fields.keys where !keys.contains(k) {
            throw fail("unknown key '\(k)' (known: \(keys.sorted().joined(separator: ", ")))")
        }
        func value(_ key: String) -> String? { fields[key].flatMap { $0.isEmpty ? nil : $0 } }
        var j = BatchJob(id: value("id") ?? "job\(number)")
        j.video = value("video")
        j.audio = value("audio")
        j.text = value("text")
        j.segments = value("segments")
        j.output = value("output")
        j.outputName = value("output_name")
        j.voiceID = value("voice_id")
        for (key, url) in [("video_url", value("video_url")), ("audio_url", value("audio_url"))] {
            guard let url else { continue }
            guard isHTTPS(url) else { throw fail("\(key) '\(url)' is not an https:// URL (the API fetches inputs from public https URLs)") }
        }
        j.videoURL = value("video_url")
        j.audioURL = value("audio_url")
        if let m = value("sync_mode") {
            guard let mode = SyncMode(rawValue: m) else { throw fail("unknown sync_mode '\(m)'") }
            j.syncMode = mode
        }
        if let p = value("plan") {
            guard let plan = Plan(rawValue: p) else { throw fail("unknown plan '\(p)'") }
            j.plan = plan
        }
        if let m = value("model") {
            guard let model = LipsyncModel(rawValue: m) else { throw fail("unknown model '\(m)'") }
            j.model = model
        }
        if j.video == nil && j.audio == nil && j.text == nil && j.output == nil { throw fail("a job needs video, audio, text or output") }
        return j
    }

    /// `https://HOST...`: what the API can fetch.
    static func isHTTPS(_ s: String) -> Bool {
        guard let url = URL(string: s), url.scheme?.lowercased() == "https", let host = url.host, !host.isEmpty else { return false }
        return true
    }

    static func jsonLines(_ text: String, path: String) throws(BatchManifestError) -> [BatchJob] {
        var jobs: [BatchJob] = []
        // Split on the scalar: in a String, "\r\n" is one Character and would not split on "\n".
        for (n, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingCharacters(in: .whitespacesAndNewlines)
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

    static func csv(_ text: String, path: String) throws(BatchManifestError) -> [BatchJob] {
        var records: [CSVRecords.Record]
        do { records = try CSVRecords.parse(text) } catch {
            throw BatchManifestError(path: path, line: error.line, message: "a quoted field starts here and is never closed (missing \")")
        }
        guard !records.isEmpty else { return [] }
        let head = records.removeFirst()
        let header = head.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var seen = Set<String>()
        for (i, name) in header.enumerated() {
            if name.isEmpty { throw BatchManifestError(path: path, line: head.line, message: "column \(i + 1) of the header has no name") }
            if !seen.insert(name).inserted {
                throw BatchManifestError(path: path, line: head.line, message: "column '\(name)' appears twice in the header")
            }
        }
        var jobs: [BatchJob] = []
        for r in records {
            guard r.fields.count == header.count else {
                throw BatchManifestError(path: path, line: r.line, message: "\(r.fields.count) fields, the header has \(header.count)")
            }
            jobs.append(try job(Dictionary(uniqueKeysWithValues: zip(header, r.fields)), number: jobs.count + 1, path: path, line: r.line))
        }
        return jobs
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
