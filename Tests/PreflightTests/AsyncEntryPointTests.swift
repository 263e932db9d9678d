import Foundation
import Testing
import Preflight
import TestMediaSupport

/// The async entry points: the same results as the synchronous calls, and cancellation that stops the work
/// and leaves nothing behind (a prepare's temporary output removed, an existing output untouched).
@Suite struct AsyncEntryPointTests {
    /// 60 s of quiet speech (the testmedia clip looped), so a prepare is still decoding when it is cancelled.
    static func longInput(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("long.m4a").path
        // AAC, so it is decoded (a WAV is read in place in tens of milliseconds, which let the prepare end before a
        // cancellation made after its first progress report reached it on a loaded machine).
        try FFmpegTool.generate(["-stream_loop", "15", "-i", TestMedia.path("speech_48k.wav"), "-af", "volume=-18dB",
                                 "-c:a", "aac", "-b:a", "96k"], to: path)
        return path
    }

    static func entries(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func probeAndCheckAgreeWithTheSynchronousCalls() async throws {
        let path = TestMedia.path("h264_aac.mp4")
        let outcome = try await MediaProbe.outcome(path: path, options: ProbeOptions())
        // A synchronous closure calls the synchronous overload (an async context picks the async one).
        let direct: ProbeOutcome = { MediaProbe.outcome(path: path, options: ProbeOptions()) }()
        guard case .media(let a) = outcome, case .media(let b) = direct else {
            Issue.record("probe failed: \(outcome)")
            return
        }
        #expect(a == b)
        let request = CheckRequest(videoPath: path, audio: [.init(path: TestMedia.path("speech_48k.wav"))], syncMode: .cutOff)
        let asyncReport = try await MediaCheck.run(request, profile: .sync)
        let syncReport: CheckReport = try { try MediaCheck.run(request, profile: .sync) }()
        #expect(asyncReport.findings == syncReport.findings && asyncReport.verdict == syncReport.verdict)
    }

    /// A flag cancelled at the first progress report: `CancellationError`, no file left, the existing output intact.
    @Test func cancelledPrepareLeavesNothing() throws {
        let dir = try PrepareTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try Self.longInput(in: dir)
        let output = dir.appendingPathComponent("out.wav").path
        try Data("previous output".utf8).write(to: URL(fileURLWithPath: output))
        let before = try Self.entries(dir)
        for phase in ["decoding", "writing"] {
            let flag = CancellationFlag()
            #expect(throws: CancellationError.self) {
                _ = try AudioPreparer.run(input: input, output: output, options: PrepareTests.options(), cancellation: flag) { p, _ in
                    if p == phase { flag.cancel() }
                }
            }
            #expect(try Self.entries(dir) == before, "cancelled while \(phase)")
            #expect(try String(contentsOfFile: output, encoding: .utf8) == "previous output")
        }
    }

    /// The task cancelled after its first progress report: `CancellationError` and nothing written; uncancelled,
    /// the progress stream runs from decoding to writing and finishes with the prepare.
    @Test func asyncPrepareHonoursTaskCancellation() async throws {
        let dir = try PrepareTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = try Self.longInput(in: dir)
        let output = dir.appendingPathComponent("out.wav").path
        let before = try Self.entries(dir)
        let (stream, continuation) = AsyncStream.makeStream(of: PrepareProgress.self)
        let task = Task { try await AudioPreparer.run(input: input, output: output, options: PrepareTests.options(), progress: continuation) }
        for await _ in stream { task.cancel(); break }
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(try Self.entries(dir) == before)

        let (progress, done) = AsyncStream.makeStream(of: PrepareProgress.self)
        let running = Task { try await AudioPreparer.run(input: input, output: output, options: PrepareTests.options(), progress: done) }
        var phases: [String] = []
        for await p in progress where phases.last != p.phase { phases.append(p.phase) }
        let report = try await running.value
        #expect(phases == ["decoding", "writing"])
        #expect(report.output == output && FileManager.default.fileExists(atPath: output))
    }

    /// A verify cancelled while it decodes (a 60 s output, seconds of work) throws `CancellationError`; its
    /// reads stop at the next packet (`StopRequestTests`), so the call does not run the output to its end.
    @Test func asyncVerifyHonoursTaskCancellation() async throws {
        let dir = try PrepareTests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let output = dir.appendingPathComponent("long.mp4").path
        try FFmpegTool.generate(["-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=60", "-f", "lavfi", "-i", "sine=f=440:d=60",
                                 "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest"], to: output)
        let task = Task { try await OutputVerifier.run(VerifyRequest(outputPath: output)) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
    }

    /// A cancelled batch starts no new job: fewer lines than jobs, and the summary says it was interrupted.
    @Test func cancelledBatchStartsNoNewJob() async throws {
        let jobs: [BatchJob] = (0..<400).map { i in
            var job = BatchJob(id: "job\(i)")
            job.video = TestMedia.path("h264_aac.mp4")
            job.audio = TestMedia.path("speech_48k.wav")
            return job
        }
        let lines = Locked(0)
        // The task is also cancelled from the batch's own threads once three lines are out: under a full test run
        // other suites can hold the cooperative pool's threads, so the stream's reader below may only run late.
        let running = Locked<Task<BatchRunner.Summary, Error>?>(nil)
        let (stream, continuation) = AsyncStream.makeStream(of: BatchProgress.self)
        let task = Task {
            try await BatchRunner.run(jobs, options: .init(jobs: 2, profile: .sync), write: { _ in
                if lines.withLock({ $0 += 1; return $0 }) >= 3 { running.withLock { $0?.cancel() } }
            }, progress: continuation)
        }
        running.withLock { $0 = task }
        for await p in stream where p.done >= 3 { task.cancel(); break }
        let summary = try await task.value
        #expect(summary.interrupted)
        #expect(summary.jobs < jobs.count && summary.jobs == lines.withLock { $0 })
    }
}
