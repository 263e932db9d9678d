import Foundation
import Testing
import TestMediaSupport

/// The `preflight` binary as users and scripts run it: exit codes, one-line errors, JSON Lines.
@Suite struct ProbeCLITests {
    struct Run { var status: Int32; var stdout: String; var stderr: String }

    /// The binary SwiftPM built next to this test bundle.
    static let binary: String = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("preflight").path
    }()

    /// Runs the binary with `args`; as another `user` (runuser), or under a file-size limit of `fileSizeLimitKB`
    /// (`ulimit -f`, SIGXFSZ ignored so a write fails with EFBIG the way it does on a full disk).
    static func run(_ args: [String], as user: String? = nil, fileSizeLimitKB: Int? = nil, environment: [String: String] = [:]) throws -> Run {
        let p = Process()
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let user {
            p.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            p.arguments = ["-u", user, "--", binary] + args
        } else if let fileSizeLimitKB {
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", "trap '' XFSZ; ulimit -f \(fileSizeLimitKB); exec \"$0\" \"$@\"", binary] + args
        } else {
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = args
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("preflight-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func cleanFileExitsZeroWithJSONLine() throws {
        let r = try Self.run(["probe", "--json", TestMedia.path("h264_aac.mp4")])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let obj = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect((obj?["container"] as? [String: Any])?["family"] as? String == "mp4")
        #expect(r.stderr.isEmpty)
    }

    /// Each bad input: its specific message, exit 3, one stderr line, and the good file in the same call still reported.
    @Test(arguments: [
        ("empty.mp4", "file is empty"),
        ("text_renamed.mp4", "not a media file"),
        ("truncated_moov_end.mp4", "damaged or truncated"),
        ("hls_playlist.mp4", "refused: the file is a 'hls' playlist"),
        ("concat_list.mp4", "refused: the file is a 'concat' playlist"),
        ("absurd_dimensions.y4m", "declared picture size 16000x16000 is absurd"),
        ("absurd_dimensions_30000.y4m", "declared picture size 30000x30000 is absurd"),
    ])
    func badFixture(_ name: String, _ message: String) throws {
        try expectUnreadable(TestMedia.path(name), message: message)
    }

    @Test(arguments: [
        ("http://example.com/a.mp4", "not a local file path"),
        ("concat:a.mp4|b.mp4", "not a local file path"),
        ("subfile,,start,0,end,100,,:testmedia/h264_aac.mp4", "not a local file path"),
        ("pipe:0", "not a local file path"),
        ("/nonexistent/clip.mp4", "no such file"),
    ])
    func badPath(_ path: String, _ message: String) throws {
        try expectUnreadable(path, message: message)
    }

    /// A name over NAME_MAX, or a path over PATH_MAX, is reported as too long, not as missing.
    @Test(arguments: [String(repeating: "a", count: 300) + ".mp4",
                      "/tmp/" + Array(repeating: String(repeating: "d", count: 200), count: 25).joined(separator: "/") + "/clip.mp4"])
    func tooLongPathSaysSo(_ path: String) throws {
        try expectUnreadable(path, message: "path too long")
        let j = try Self.run(["probe", "--json", path])
        let obj = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        #expect((obj?["error"] as? [String: Any])?["kind"] as? String == "path-too-long", "\(j.stdout)")
        let check = try Self.run(["check", "--video", path, "--format", "json"])
        #expect(check.status == 3)
        #expect(check.stderr.contains("path too long"), "\(check.stderr)")
    }

    @Test func directoryIsRefused() throws {
        try expectUnreadable(TestMedia.directory.path, message: "is a directory")
    }

    @Test func fifoIsRefusedWithoutBlocking() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("clip.mp4").path
        #expect(mkfifo(fifo, 0o644) == 0)
        try expectUnreadable(fifo, message: "not a regular file")
    }

    @Test func unreadableFileIsPermissionDenied() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let file = dir.appendingPathComponent("secret.mp4")
        try FileManager.default.copyItem(atPath: TestMedia.path("h264_aac.mp4"), toPath: file.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: file.path)
        // root reads anything: drop to an unprivileged user to see the denial users get.
        let user: String? = getuid() == 0 ? "nobody" : nil
        let r = try Self.run(["probe", file.path], as: user)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("permission denied"), "\(r.stderr)")
    }

    @Test func timeoutIsEnforced() throws {
        let r = try Self.run(["probe", "--timeout", "0.000001", TestMedia.path("h264_aac.mp4")])
        #expect(r.status == 3)
        #expect(r.stderr.contains("timed out"), "\(r.stderr)")
    }

    @Test func corruptBitstreamIsDefectiveUnderExact() throws {
        let r = try Self.run(["probe", "--exact", TestMedia.path("corrupt_bitstream.mp4")])
        #expect(r.status == 2)
        #expect(r.stdout.contains("decode-errors"))
    }

    /// Cover art is reported with its size, as ffprobe does, and stays out of `video`.
    @Test func attachedPictureHasItsSize() throws {
        let oracle = try #require(TestMedia.ffprobe("mp3_cover.mp3").streams?.first { $0.disposition?.attached_pic == 1 })
        let (w, h) = (try #require(oracle.width), try #require(oracle.height))
        let text = try Self.run(["probe", TestMedia.path("mp3_cover.mp3")])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("#\(oracle.index) attached-picture png \(w)x\(h)"), "\(text.stdout)")
        let json = try Self.run(["probe", "--json", TestMedia.path("mp3_cover.mp3")])
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let other = try #require((obj["other"] as? [[String: Any]])?.first)
        #expect(other["kind"] as? String == "attached-picture")
        #expect(other["width"] as? Int == w)
        #expect(other["height"] as? Int == h)
        #expect((obj["video"] as? [Any])?.isEmpty == true)
    }

    /// Packets but no frame (no decoder), or no packet under a declared duration: defects under --exact (exit 2).
    @Test(arguments: [("avs2_nodecoder.avi", "undecodable", "stream #0 (avs2 video): FFmpeg 5.1 has no avs2 decoder"),
                      ("mpegh_nodecoder.m4a", "undecodable", "stream #0 (mpegh_3d_audio audio): FFmpeg 5.1 has no mpegh_3d_audio decoder"),
                      ("no_packets.m4a", "no-packets", "the file declares 2.0 s (container-header) but its audio and video streams hold no packet")])
    func nothingDecodesIsDefectiveUnderExact(_ file: String, _ kind: String, _ message: String) throws {
        let text = try Self.run(["probe", "--exact", TestMedia.path(file)])
        #expect(text.status == 2, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("! \(kind): \(message)"), "\(text.stdout)")
        let json = try Self.run(["probe", "--exact", "--json", TestMedia.path(file)])
        #expect(json.status == 2)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let issue = try #require((obj["integrity"] as? [[String: Any]])?.first { $0["kind"] as? String == kind }, "\(json.stdout)")
        #expect(issue["message"] as? String == message)
        #expect(issue["stream"] as? Int == (kind == "undecodable" ? 0 : nil))
        // Without --exact nothing is decoded: the headers alone are not defective.
        #expect(try Self.run(["probe", TestMedia.path(file)]).status == 0)
    }

    @Test func usageErrorsExit64() throws {
        #expect(try Self.run(["probe"]).status == 64)
        #expect(try Self.run(["probe", "--jobs", "0", TestMedia.path("h264_aac.mp4")]).status == 64)
        #expect(try Self.run(["probe", "--bogus-flag", TestMedia.path("h264_aac.mp4")]).status == 64)
    }

    @Test func manyFilesKeepInputOrderInJSONLines() throws {
        let names = TestMedia.fixtures.map(\.file)
        let r = try Self.run(["probe", "--json", "--jobs", "4"] + names.map(TestMedia.path))
        #expect(r.status == 3)   // the set includes unreadable files
        let paths = try r.stdout.split(separator: "\n").map { line -> String in
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return obj["path"] as! String
        }
        #expect(paths == names.map(TestMedia.path))
    }

    private func expectUnreadable(_ path: String, message: String) throws {
        let good = TestMedia.path("h264_aac.mp4")
        let r = try Self.run(["probe", path, good])
        #expect(r.status == 3, "\(path): exit \(r.status)")
        let errLines = r.stderr.split(separator: "\n")
        #expect(errLines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.contains(good), "the good file was not reported")
        let j = try Self.run(["probe", "--json", path])
        let obj = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any]
        #expect(obj?["error"] != nil)
    }
}
