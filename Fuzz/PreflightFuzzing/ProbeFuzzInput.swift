import Foundation
import Preflight

/// One fuzz input: the bytes are written to a scratch file (preflight only reads local files) and go through
/// what a user's file goes through: `probe --exact` (demux, every packet, every frame decoded), `check`
/// with the file as both video and audio (audio decode, resampling, loudness, first/last pictures, loop test),
/// and full `verify` with the file as the output and every input.
public enum ProbeFuzzInput {
    /// Per-process scratch file; no extension, so libavformat picks the demuxer from the bytes alone.
    static let scratchPath: String = {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(dir)/preflight-fuzz-\(getpid())"
    }()

    /// Short timeouts so that an input that makes libav spin is reported by libFuzzer as slow, not hung forever.
    static let timeoutSeconds = 5.0

    public static func run(_ bytes: UnsafeRawBufferPointer) {
        defer { unlink(scratchPath) }
        // An input that never reaches preflight would make a clean run meaningless: stop loudly instead.
        guard write(bytes) else { fatalError("cannot write the fuzz scratch file \(scratchPath)") }
        _ = try? MediaProbe.probe(path: scratchPath, options: ProbeOptions(exact: true, timeoutSeconds: timeoutSeconds))
        let request = CheckRequest(videoPath: scratchPath, audio: [.init(path: scratchPath)], timeoutSeconds: timeoutSeconds)
        _ = try? MediaCheck.run(request, profile: .sync)
        // verify in full with the file as output and input video: the scan, its picture readers, and the
        // comparison with the input (sampled decode, faces, masked PSNR).
        _ = OutputVerifier.run(VerifyRequest(outputPath: scratchPath, videoPath: scratchPath, audioPath: scratchPath,
                                             syncMode: .bounce, timeoutSeconds: timeoutSeconds))
    }

    /// Runs one saved input (a seed or a former crasher) through the same path.
    public static func run(file: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        data.withUnsafeBytes { run($0) }
    }

    private static func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let f = fopen(scratchPath, "wb") else { return false }
        defer { fclose(f) }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        return fwrite(base, 1, bytes.count, f) == bytes.count
    }
}

/// libFuzzer's entry point. scripts/fuzz.sh links this module's objects with -sanitize=fuzzer,address and no Swift
/// `main` (swiftc would name a Swift entry point `LLVMFuzzerTestOneInput` too), so libFuzzer's own `main` runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func preflightFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    ProbeFuzzInput.run(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
