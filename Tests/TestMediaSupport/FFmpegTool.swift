import Foundation

/// The ffmpeg CLI as the tests' signal generator and independent oracle (never used by preflight itself).
public enum FFmpegTool {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// `ffmpeg -nostdin -hide_banner -nostats ARGS` (see `ExternalTool`), whatever its exit status.
    public static func run(_ args: [String]) throws -> ExternalTool.Result {
        try ExternalTool.run("/usr/bin/ffmpeg", ["-nostdin", "-hide_banner", "-nostats"] + args)
    }

    /// `ffmpeg -y ARGS`; throws with ffmpeg's stderr when it exits non-zero, else returns that stderr
    /// (stream lines, filter summaries).
    @discardableResult
    public static func checked(_ args: [String]) throws -> String {
        let r = try run(["-y"] + args)
        guard r.status == 0 else {
            throw Failure(message: "ffmpeg \(args.joined(separator: " ")) exited \(r.status): \(r.stderr.suffix(2000))")
        }
        return r.stderr
    }

    /// Generates a file from `args` (inputs and filters) into `path`.
    public static func generate(_ args: [String], to path: String) throws {
        try checked(["-v", "error"] + args + [path])
    }

    /// ffmpeg's ebur128 summary: integrated loudness (LUFS) and true peak (dBTP).
    public static func loudness(_ path: String) throws -> (integrated: Double, truePeak: Double) {
        let stderr = try checked(["-i", path, "-af", "ebur128=peak=true", "-f", "null", "-"])
        guard let summary = stderr.range(of: "Summary:") else {
            throw Failure(message: "no ebur128 summary for \(path): \(stderr.suffix(500))")
        }
        let tail = stderr[summary.upperBound...]
        func number(after label: String, in text: Substring) -> Double? {
            guard let at = text.range(of: label) else { return nil }
            let rest = text[at.upperBound...].drop(while: { $0 == " " })
            let token = rest.prefix(while: { !$0.isWhitespace })
            return token == "-inf" ? -Double.infinity : Double(token)
        }
        guard let i = number(after: "I:", in: tail), let tpSection = tail.range(of: "True peak:"),
              let tp = number(after: "Peak:", in: tail[tpSection.upperBound...]) else {
            throw Failure(message: "no I/Peak in ffmpeg's summary: \(tail)")
        }
        return (i, tp)
    }

    /// Decodes to interleaved float32 at the file's own rate and channel count.
    public static func decode(_ path: String) throws -> [Float] {
        let r = try run(["-v", "error", "-i", path, "-map", "0:a:0", "-f", "f32le", "-c:a", "pcm_f32le", "-"])
        guard r.status == 0 else { throw Failure(message: "ffmpeg decode of \(path) failed: \(r.stderr)") }
        return r.stdout.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
    }

    /// `ffprobe -show_entries ENTRIES` (e.g. "packet=pts_time,flags"), of the streams `select` names (e.g. "v:0";
    /// nil: all): one dictionary per packet, frame or stream, keyed by ffprobe's field names. Throws with ffprobe's
    /// stderr when it exits non-zero.
    public static func probe(_ path: String, select: String? = nil, entries: String) throws -> [[String: String]] {
        let r = try ExternalTool.run("/usr/bin/ffprobe", ["-v", "error"] + (select.map { ["-select_streams", $0] } ?? [])
                                     + ["-show_entries", entries, "-of", "compact=p=0", path])
        guard r.status == 0 else { throw Failure(message: "ffprobe \(path) exited \(r.status): \(r.stderr)") }
        return String(decoding: r.stdout, as: UTF8.self).split(whereSeparator: \.isNewline).map { line in
            var row: [String: String] = [:]
            for field in line.split(separator: "|") {
                let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { row[parts[0]] = parts[1] }
            }
            return row
        }
    }
}
