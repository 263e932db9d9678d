import Foundation
import Testing
import TestMediaSupport

/// `preflight prepare` as users and scripts run it: exit codes, no partial output, flags, JSON.
@Suite struct PrepareCLITests {
    typealias Run = ProbeCLITests.Run

    static func run(_ args: [String], as user: String? = nil) throws -> Run {
        try ProbeCLITests.run(["prepare"] + args, as: user)
    }

    /// A stereo 48 kHz 16-bit WAV of `seconds`: a tone with a swell and some pink noise (it does not compress to nothing).
    static func makeStereo(_ path: String, seconds: Int = 12) throws {
        try FFmpegTool.checked(["-v", "error", "-filter_complex",
                    "aevalsrc='0.2*sin(2*PI*440*t)*(0.6+0.4*sin(2*PI*0.3*t))|0.2*sin(2*PI*660*t)':s=48000:d=\(seconds)[m];"
                        + "anoisesrc=d=\(seconds):c=pink:a=0.05:r=48000:seed=3,aformat=channel_layouts=stereo[n];[m][n]amix=inputs=2:duration=shortest",
                    "-c:a", "pcm_s16le", path])
    }

    /// A long stereo sine: 5.76 MB as 16-bit WAV, about half a megabyte as FLAC.
    static func makeLongSine(_ path: String) throws {
        try FFmpegTool.checked(["-v", "error", "-f", "lavfi", "-i", "sine=f=440:d=30:r=48000", "-af", "aformat=channel_layouts=stereo",
                    "-c:a", "pcm_s16le", path])
    }

    static func contents(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
    }

    static func json(_ r: Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
    }

    // MARK: - Inputs that cannot be prepared

    @Test func noAudioStreamExits3() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run([TestMedia.path("video_only.mp4"), "-o", dir.appendingPathComponent("out.wav").path])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("no audio stream"), "\(r.stderr)")
        #expect(Self.contents(dir).isEmpty)
    }

    @Test func corruptAudioExits2() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run([TestMedia.path("corrupt_bitstream.mp4"), "-o", dir.appendingPathComponent("out.wav").path])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("decode error"), "\(r.stderr)")
        #expect(Self.contents(dir).isEmpty)
    }

    @Test func missingInputExits3() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run([dir.appendingPathComponent("nope.wav").path, "-o", dir.appendingPathComponent("out.wav").path])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(Self.contents(dir).isEmpty)
    }

    // MARK: - Outputs that cannot be written

    @Test func outputSameAsInputExits4AndKeepsInput() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("speech.wav")
        try FileManager.default.copyItem(atPath: TestMedia.path("speech_48k.wav"), toPath: file.path)
        let original = try Data(contentsOf: file)
        let r = try Self.run([file.path, "-o", file.path])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("overwrite an input"), "\(r.stderr)")
        #expect(try Data(contentsOf: file) == original)
        // Another spelling of the same file, and a symlink to it.
        let r2 = try Self.run([file.path, "-o", dir.path + "/./speech.wav"])
        #expect(r2.status == 4, "\(r2.stderr)")
        let link = dir.appendingPathComponent("link.wav")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        let r3 = try Self.run([file.path, "-o", link.path])
        #expect(r3.status == 4, "\(r3.stderr)")
        #expect(try Data(contentsOf: file) == original)
        #expect(Self.contents(dir) == ["link.wav", "speech.wav"])
    }

    @Test func outputIsADirectoryExits4() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("out.wav")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
        let r = try Self.run([TestMedia.path("speech_48k.wav"), "-o", sub.path])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("is a directory"), "\(r.stderr)")
        #expect(Self.contents(sub).isEmpty)
    }

    @Test func unwritableDirectoryExits4() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let input = dir.appendingPathComponent("speech.wav")
        try FileManager.default.copyItem(atPath: TestMedia.path("speech_48k.wav"), toPath: input.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: input.path)
        let locked = try UnwritableDirectory(in: dir)
        defer { locked.restore() }
        let r = try Self.run([input.path, "-o", locked.url.appendingPathComponent("out.wav").path], as: locked.user)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("cannot write in this directory"), "\(r.stderr)")
        #expect(Self.contents(locked.url).isEmpty)
    }

    /// A 64 KiB tmpfs cannot hold 12 s of stereo: exit 4 and no temporary file left in it.
    @Test func diskFullExits4AndLeavesNothing() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("stereo.wav").path
        try Self.makeStereo(input)
        let full = dir.appendingPathComponent("full")
        try FileManager.default.createDirectory(at: full, withIntermediateDirectories: false)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", full.path]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        let out = full.appendingPathComponent("out.wav").path
        let r: Run
        if mount.terminationStatus == 0 {
            defer {
                let umount = Process()
                umount.executableURL = URL(fileURLWithPath: "/bin/umount")
                umount.arguments = [full.path]
                try? umount.run()
                umount.waitUntilExit()
            }
            r = try Self.run([input, "-o", out])
            #expect(Self.contents(full).isEmpty, "\(Self.contents(full))")
        } else {
            // Not allowed to mount: a 16 KiB file-size limit makes the write fail the same way (EFBIG).
            r = try ProbeCLITests.run(["prepare", input, "-o", out], fileSizeLimitKB: 16)
            #expect(Self.contents(full).isEmpty, "\(Self.contents(full))")
        }
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("nothing was left behind"), "\(r.stderr)")
    }

    /// A 16 KiB file-size limit (RLIMIT_FSIZE, SIGXFSZ ignored) hits the decoded-audio spool in $TMPDIR before the
    /// output: that must fail with exit 4 too, not write a truncated file.
    /// TSan's runtime itself dies with SIGBUS under RLIMIT_FSIZE before any preflight code runs, so this variant
    /// runs without it; the 64 KiB tmpfs test above covers the same failed-write path under TSan.
    @Test(.disabled(if: SanitizerRuntime.thread, "the ThreadSanitizer runtime does not survive ulimit -f"))
    func fileSizeLimitExits4AndLeavesNothing() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("stereo.wav").path
        try Self.makeStereo(input)
        let outDir = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: false)
        let r = try ProbeCLITests.run(["prepare", input, "-o", outDir.appendingPathComponent("out.wav").path], fileSizeLimitKB: 16)
        #expect(r.status == 4, "\(r.stderr)")
        #expect(Self.contents(outDir).isEmpty, "\(Self.contents(outDir))")
    }

    // MARK: - --max-size

    @Test func maxSizeSwitchesLongWAVToFLAC() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("long.wav").path
        try Self.makeLongSine(input)
        let out = dir.appendingPathComponent("out.wav").path
        let r = try Self.run([input, "-o", out, "--max-size", "1MB", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try Self.json(r)
        #expect(report["codec"] as? String == "flac")
        let notes = report["notes"] as? [String] ?? []
        #expect(notes.contains { $0.contains("FLAC") }, "\(notes)")
        // The container changed, so does the name: a FLAC is never left behind a .wav extension.
        let flac = dir.appendingPathComponent("out.flac").path
        #expect(report["output"] as? String == flac)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: flac)[.size] as? NSNumber).int64Value
        #expect(size <= 1_000_000)
        #expect((report["outputBytes"] as? NSNumber)?.int64Value == size)
        // What is inside really is FLAC (ffmpeg decides from the content, not the name).
        let info = try FFmpegTool.checked(["-i", flac, "-f", "null", "-"])
        #expect(info.contains("Input #0, flac"), "\(info)")
        #expect(Self.contents(dir) == ["long.wav", "out.flac"])
    }

    @Test func maxSizeThatNothingFitsExits4() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("long.wav").path
        try Self.makeLongSine(input)
        let r = try Self.run([input, "-o", dir.appendingPathComponent("out.wav").path, "--max-size", "1kB"])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("over the 1000-byte --max-size"), "\(r.stderr)")
        #expect(Self.contents(dir) == ["long.wav"])
        let r2 = try Self.run([input, "-o", dir.appendingPathComponent("out.wav").path, "--codec", "wav", "--max-size", "1kB"])
        #expect(r2.status == 4, "\(r2.stderr)")
        #expect(Self.contents(dir) == ["long.wav"])
        // An explicit WAV is never switched to FLAC, even when FLAC would fit.
        let r3 = try Self.run([input, "-o", dir.appendingPathComponent("out.wav").path, "--codec", "wav", "--max-size", "1MB"])
        #expect(r3.status == 4, "\(r3.stderr)")
        #expect(Self.contents(dir) == ["long.wav"])
    }

    // MARK: - Usage

    @Test func usageErrorsExit64() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = TestMedia.path("speech_48k.wav")
        let out = dir.appendingPathComponent("out.wav").path
        let cases: [[String]] = [
            [input, "-o", out, "--bits", "20"],
            [input, "-o", out, "--rate", "5"],
            [input, "-o", out, "--fit-video", TestMedia.path("h264_aac.mp4")],
            [input, "-o", out, "--sync-mode", "cut_off"],
            [input],
            [input, "-o", out, "--max-size", "abc"],
            [input, "-o", out, "--codec", "mp3"],
            [input, "-o", out, "--target-lufs", "loud"],
            [input, "-o", out, "--format", "junit"],
            [input, "-o", out, "--sync-mode", "sideways", "--fit-video", TestMedia.path("h264_aac.mp4")],
        ]
        for args in cases {
            let r = try Self.run(args)
            #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
        }
        #expect(Self.contents(dir).isEmpty)
    }

    // MARK: - Flags that work

    @Test func negativeTargetParsesAndJSONReportsLoudness() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("stereo.wav").path
        try Self.makeStereo(input, seconds: 6)
        let out = dir.appendingPathComponent("out.wav").path
        let r = try Self.run([input, "-o", out, "--target-lufs", "-23", "--true-peak", "-2", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try Self.json(r)
        #expect(report["targetLUFS"] as? Double == -23)
        let outLoud = try #require(report["outputLoudness"] as? [String: Any])
        let i = try #require(outLoud["integratedLUFS"] as? Double)
        #expect(abs(i - -23) <= 0.5, "\(i)")
        // And ffmpeg agrees.
        let ffI = try FFmpegTool.loudness(out).integrated
        #expect(abs(ffI - -23) <= 0.5, "ffmpeg I = \(ffI)")
        #expect(abs(ffI - i) <= 0.2)
    }

    @Test func measureOnlyWritesNothing() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run([TestMedia.path("speech_48k.wav"), "--measure-only", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try Self.json(r)
        let measured = try #require((report["inputLoudness"] as? [String: Any])?["integratedLUFS"] as? Double)
        let ff = try FFmpegTool.loudness(TestMedia.path("speech_48k.wav")).integrated
        #expect(abs(measured - ff) <= 0.2, "preflight \(measured) LUFS, ffmpeg \(ff)")
        #expect(report["output"] == nil || report["output"] is NSNull)
        let r2 = try Self.run([TestMedia.path("speech_48k.wav"), "--measure-only", "-o", dir.appendingPathComponent("out.wav").path])
        #expect(r2.status == 0, "\(r2.stderr)")
        #expect(Self.contents(dir).isEmpty)
    }

    @Test func flacByExtensionMonoAnd24Bit() throws {
        let dir = try ProbeCLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("stereo.wav").path
        try Self.makeStereo(input, seconds: 3)
        let out = dir.appendingPathComponent("out.flac").path
        let r = try Self.run([input, "-o", out, "--mono", "--bits", "24", "--rate", "44100", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let report = try Self.json(r)
        #expect(report["codec"] as? String == "flac")
        #expect(report["channels"] as? Int == 1)
        #expect(report["bits"] as? Int == 24)
        #expect(report["sampleRate"] as? Int == 44100)
        let info = try FFmpegTool.checked(["-i", out, "-f", "null", "-"])
        #expect(info.contains("flac, 44100 Hz, mono, s32 (24 bit)"), "\(info)")
    }
}
