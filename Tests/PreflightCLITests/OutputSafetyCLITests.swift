import Foundation
import Testing
import TestMediaSupport

/// Nothing lost: no verb replaces an input (under any spelling), a device, a FIFO or a directory, a bad output
/// name is refused before any work, and a signal while writing leaves no temporary file (issue 10, items 1, 3,
/// 4 and 12). Run as root (CI) and, where it matters, as `nobody`.
@Suite struct OutputSafetyCLITests {
    static let video = TestMedia.path("h264_aac.mp4")
    static let audio = TestMedia.path("speech_48k.wav")

    static func copy(_ fixture: String, to dir: URL, as name: String) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.copyItem(atPath: TestMedia.path(fixture), toPath: url.path)
        return url
    }

    static func contents(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    // MARK: - Item 1: check --emit-request onto one of its own inputs

    @Test func emitRequestOntoAnInputIsRefusedUnderEverySpelling() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let video = try Self.copy("h264_aac.mp4", to: dir, as: "clip.mp4")
        let audio = try Self.copy("speech_48k.wav", to: dir, as: "voice.wav")
        let videoBytes = try Data(contentsOf: video), audioBytes = try Data(contentsOf: audio)
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("link.mp4"), withDestinationURL: video)
        #expect(link(audio.path, dir.appendingPathComponent("hard.wav").path) == 0)
        let spellings = [video.path, dir.path + "/./clip.mp4", dir.path + "/../" + dir.lastPathComponent + "/clip.mp4",
                         dir.appendingPathComponent("link.mp4").path, audio.path, dir.appendingPathComponent("hard.wav").path]
        for target in spellings {
            let r = try ProbeCLITests.run(["check", "--video", video.path, "--audio", audio.path, "--emit-request", target])
            #expect(r.status == 4, "\(target): \(r.stderr)")
            #expect(r.stderr.contains("overwrite an input"), "\(target): \(r.stderr)")
        }
        #expect(try Data(contentsOf: video) == videoBytes)
        #expect(try Data(contentsOf: audio) == audioBytes)
        #expect(Self.contents(dir) == ["clip.mp4", "hard.wav", "link.mp4", "voice.wav"])
        // The audio given as REFID=PATH for segments is an input too.
        let r = try ProbeCLITests.run(["check", "--video", video.path, "--audio", "a=\(audio.path)", "--emit-request", audio.path])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(try Data(contentsOf: audio) == audioBytes)
    }

    // MARK: - Item 3: outputs that exist and are not regular files

    /// A character device (made with mknod as root: the same kind of node as /dev/full) and a FIFO are refused
    /// by prepare -o, check --emit-request and batch --emit-batch, and stay what they were.
    @Test func devicesAndFIFOsAreNeverReplaced() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        var nodes: [String] = []
        let fifo = dir.appendingPathComponent("fifo.wav").path
        #expect(mkfifo(fifo, 0o666) == 0)
        nodes.append(fifo)
        if getuid() == 0 {
            let dev = dir.appendingPathComponent("full.wav").path
            #expect(mknod(dev, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0)
            nodes.append(dev)
        }
        func isNode(_ path: String) -> Bool {
            var st = stat()
            return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG
        }
        for node in nodes {
            let p = try ProbeCLITests.run(["prepare", Self.audio, "-o", node])
            #expect(p.status == 4, "\(node): \(p.stderr)")
            #expect(p.stderr.contains("not a regular file"), "\(p.stderr)")
            let c = try ProbeCLITests.run(["check", "--video", Self.video, "--audio", Self.audio, "--emit-request", node])
            #expect(c.status == 4, "\(node): \(c.stderr)")
            #expect(c.stderr.contains("not a regular file"), "\(c.stderr)")
            #expect(isNode(node), "\(node) was replaced")
        }
        // batch's outputs too: -o, --junit and --emit-batch.
        let manifest = dir.appendingPathComponent("jobs.jsonl")
        try Data("{\"id\":\"a\",\"video\":\"\(Self.video)\",\"audio\":\"\(Self.audio)\"}\n".utf8).write(to: manifest)
        for flag in ["-o", "--junit"] {
            let b = try ProbeCLITests.run(["batch", manifest.path, flag, fifo])
            #expect(b.status == 4, "batch \(flag): \(b.stderr)")
            #expect(isNode(fifo))
        }
        // As an unprivileged user too (runuser), in a directory that user can write.
        if getuid() == 0 {
            chmod(dir.path, 0o777)
            let p = try ProbeCLITests.run(["prepare", Self.audio, "-o", fifo], as: "nobody")
            #expect(p.status == 4, "\(p.stderr)")
            let c = try ProbeCLITests.run(["check", "--video", Self.video, "--audio", Self.audio, "--emit-request", fifo], as: "nobody")
            #expect(c.status == 4, "\(c.stderr)")
            let b = try ProbeCLITests.run(["batch", manifest.path, "-o", fifo], as: "nobody")
            #expect(b.status == 4, "\(b.stderr)")
            #expect(isNode(fifo))
        }
        #expect(Self.contents(dir).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    /// /dev/full itself, by name: refused, and it stays a device. Only when it is a device here.
    @Test func devFullIsRefused() throws {
        var st = stat()
        guard stat("/dev/full", &st) == 0, (st.st_mode & S_IFMT) == S_IFCHR else { return }
        let p = try ProbeCLITests.run(["prepare", Self.audio, "-o", "/dev/full"])
        #expect(p.status == 4, "\(p.stderr)")
        let c = try ProbeCLITests.run(["check", "--video", Self.video, "--audio", Self.audio, "--emit-request", "/dev/full"])
        #expect(c.status == 4, "\(c.stderr)")
        #expect(stat("/dev/full", &st) == 0 && (st.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func missingOutputDirectorySaysSo() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("no/such/dir/out.wav").path
        let p = try ProbeCLITests.run(["prepare", Self.audio, "-o", target])
        #expect(p.status == 4, "\(p.stderr)")
        #expect(p.stderr.contains("no such directory"), "\(p.stderr)")
        let c = try ProbeCLITests.run(["check", "--video", Self.video, "--audio", Self.audio,
                                       "--emit-request", dir.appendingPathComponent("nope/body.json").path])
        #expect(c.status == 4, "\(c.stderr)")
        #expect(c.stderr.contains("no such directory"), "\(c.stderr)")
    }

    @Test func overlongOutputPathIsReportedAsTooLong() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let longName = dir.appendingPathComponent(String(repeating: "n", count: 300) + ".wav").path
        let p = try ProbeCLITests.run(["prepare", Self.audio, "-o", longName])
        #expect(p.status == 4, "\(p.stderr)")
        #expect(p.stderr.contains("too long"), "\(p.stderr)")
        let deep = dir.path + String(repeating: "/d", count: 2100) + "/out.wav"
        let d = try ProbeCLITests.run(["prepare", Self.audio, "-o", deep])
        #expect(d.status == 4, "\(d.stderr)")
        #expect(d.stderr.contains("too long"), "\(d.stderr)")
    }

    /// A name near NAME_MAX still gets a temporary file it can create (the temporary name is shortened).
    @Test func longButValidOutputNameIsWritten() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "x", count: 250) + ".wav"
        let r = try ProbeCLITests.run(["prepare", Self.audio, "-o", dir.appendingPathComponent(name).path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.contents(dir) == [name])
    }

    // MARK: - Item 12: the extension matches what is written

    @Test func prepareRefusesAnExtensionThatIsNotItsCodec() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, extra) in [("out.mp3", [String]()), ("out.m4a", []), ("out.wav", ["--codec", "flac"]), ("out.flac", ["--codec", "wav"])] {
            let r = try ProbeCLITests.run(["prepare", Self.audio, "-o", dir.appendingPathComponent(name).path] + extra)
            #expect(r.status == 64, "\(name): \(r.stderr)")
            #expect(r.stderr.contains("WAV or FLAC"), "\(r.stderr)")
        }
        #expect(Self.contents(dir).isEmpty)
        // The codec follows a .flac name, and a name without an extension takes the codec as given.
        #expect(try ProbeCLITests.run(["prepare", Self.audio, "-o", dir.appendingPathComponent("a.flac").path]).status == 0)
        #expect(try ProbeCLITests.run(["prepare", Self.audio, "-o", dir.appendingPathComponent("b").path, "--codec", "flac"]).status == 0)
        let head = try FileHandle(forReadingFrom: dir.appendingPathComponent("b")).read(upToCount: 4)
        #expect(head == Data("fLaC".utf8))
    }

    // MARK: - Item 4: signals while prepare writes

    /// SIGINT and SIGTERM while the final pass writes: the process ends by that signal and neither the output
    /// nor its temporary file is left. A long generated input (8 min of stereo noise) keeps the write busy; on a
    /// loaded machine the poll can still miss the whole final pass, so that case is tried again (at most 3 times).
    @Test(arguments: [SIGINT, SIGTERM])
    func signalWhileWritingLeavesNothing(_ signal: Int32) throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("long.flac").path
        try FFmpegTool.generate(["-f", "lavfi", "-i", "anoisesrc=d=480:c=pink:r=48000:a=0.2", "-ac", "2", "-c:a", "flac"], to: input)
        let out = dir.appendingPathComponent("out")
        let log = dir.appendingPathComponent("stderr.txt")
        for attempt in 1...3 {
            try? FileManager.default.removeItem(at: out)
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false)
            FileManager.default.createFile(atPath: log.path, contents: nil)
            // Foundation's Process hands signals over blocked; preflight unblocks the ones it handles, as a shell's
            // child would have them.
            let p = Process()
            p.executableURL = URL(fileURLWithPath: ProbeCLITests.binary)
            p.arguments = ["prepare", input, "-o", out.appendingPathComponent("prepared.wav").path, "--bits", "24"]
            p.standardError = try FileHandle(forWritingTo: log)
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            let deadline = Date().addingTimeInterval(300)
            while p.isRunning, Date() < deadline, !Self.contents(out).contains(where: { $0.hasSuffix(".tmp") }) {
                Thread.sleep(forTimeInterval: 0.002)
            }
            let sawTemporary = Self.contents(out).contains { $0.hasSuffix(".tmp") }
            kill(p.processIdentifier, signal)
            p.waitUntilExit()
            let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if !sawTemporary, p.terminationReason == .exit, p.terminationStatus == 0, attempt < 3 { continue }
            #expect(sawTemporary, "no temporary file seen (attempt \(attempt)); prepare: \(p.terminationReason) \(p.terminationStatus) \(stderr)")
            #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == signal,
                    "ended with \(p.terminationReason) \(p.terminationStatus): \(stderr)")
            #expect(Self.contents(out).isEmpty, "left behind: \(Self.contents(out))")
            return
        }
    }
}
