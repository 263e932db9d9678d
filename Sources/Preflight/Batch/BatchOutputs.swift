import Foundation

/// The files `batch` writes (`-o`, `--junit`, `--html`, `--emit-batch`), checked before any job runs: each is an
/// `OutputTarget` (never the manifest, the policy or a job's input, under any spelling), and no two name the
/// same file.
public struct BatchOutputs: Sendable {
    /// `-o`: the JSON Lines results file; nil: standard output.
    public var results: OutputTarget?
    /// `--junit`: the JUnit XML file, if asked for.
    public var junit: OutputTarget?
    /// `--html`: the HTML page, if asked for.
    public var html: OutputTarget?
    /// `--emit-batch`: the Sync batch API input file, if asked for.
    public var syncBatch: OutputTarget?

    /// Why an output was refused: `option` names the flag.
    public enum Refusal: Error, Sendable, CustomStringConvertible {
        /// The file `option` names was refused as an output.
        case target(option: String, OutputRefusal)
        /// Two options name the same file (a usage error).
        case sameFile(String, String, path: String)

        /// One line for a person naming the option, the file and why.
        public var description: String {
            switch self {
            case .target(let option, let r): return "\(option) \(r.description)"
            case .sameFile(let a, let b, let p): return "\(a) and \(b) both name \(p); give each output its own file"
            }
        }
    }

    /// Checks each named output (nil: not asked for) against `inputs` (the manifest, the policy, the jobs' files) and
    /// the others; throws the first refusal.
    public init(results: String?, junit: String?, html: String? = nil, syncBatch: String?, inputs: [String]) throws(Refusal) {
        let named = [("-o", results), ("--junit", junit), ("--html", html), ("--emit-batch", syncBatch)].compactMap { o, p in p.map { (o, $0) } }
        for (i, a) in named.enumerated() {
            for b in named[(i + 1)...] where Self.identity(a.1) == Self.identity(b.1) {
                throw .sameFile(a.0, b.0, path: b.1)
            }
        }
        func target(_ option: String, _ path: String?) throws(Refusal) -> OutputTarget? {
            guard let path else { return nil }
            do { return try OutputTarget(path, inputs: inputs) } catch { throw .target(option: option, error) }
        }
        self.results = try target("-o", results)
        self.junit = try target("--junit", junit)
        self.html = try target("--html", html)
        self.syncBatch = try target("--emit-batch", syncBatch)
    }

    /// The file a path names: its inode when it exists, else its resolved directory and name.
    static func identity(_ path: String) -> String {
        var st = stat()
        if stat(path, &st) == 0 { return "inode \(st.st_dev):\(st.st_ino)" }
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().resolvingSymlinksInPath().standardizedFileURL.path + "/" + url.lastPathComponent
    }
}
