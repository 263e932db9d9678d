import ArgumentParser
import Foundation
import Preflight

struct PrepareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prepare",
        abstract: "Extract and normalise audio for upload: downmix, resample, EBU R128 loudness with a true-peak ceiling, fit, WAV/FLAC.",
        discussion: """
        The output is written to a temporary file beside OUT and renamed; an input is never overwritten.
        Exit codes: 0 written (or measured) · 2 the input audio is corrupt · 3 the input cannot be read or has \
        no audio · 4 the output cannot be written (permissions, disk full, over --max-size) · 64 usage · 70 internal error.
        """
    )

    @Argument(help: "A video or audio file.") var input: String
    @Option(name: .shortAndLong, help: "Output file (.wav or .flac).") var output: String?
    @Option(help: "Audio stream index to use (default: the first audio stream).") var stream: Int?
    @Option(help: "Output sample rate in Hz.") var rate: Int = 48000
    @Flag(help: "Mix to one channel (default: keep mono, downmix anything wider to stereo).") var mono = false
    @Option(parsing: .unconditional, help: "Integrated loudness target in LUFS (-16 default; -23 for EBU broadcast), or 'off'.") var targetLufs: String = "-16"
    @Option(parsing: .unconditional, help: "True-peak ceiling in dBTP.") var truePeak: Double = -1.5
    @Option(help: "Fit the duration to this video for --sync-mode.") var fitVideo: String?
    @Option(help: "The sync_mode the fit is for: cut_off, silence, bounce, loop, remap.") var syncMode: SyncMode?
    @Flag(help: "Remove leading and trailing silence.") var trimSilence = false
    @Option(parsing: .unconditional, help: "Level below which audio counts as silence for --trim-silence, dBFS.") var silenceThreshold: Double = -50
    @Option(help: "Largest output, e.g. 20MB: WAV that would not fit becomes FLAC; fails when nothing fits.") var maxSize: String?
    @Option(help: "wav or flac.") var codec: String?
    @Option(help: "16 or 24.") var bits: Int = 16
    @Flag(help: "Measure and report; write nothing.") var measureOnly = false
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "text or json.") var format: Format = .text

    func validate() throws {
        guard !CommandValidation.deferred else { return }
        if !measureOnly && output == nil { throw ValidationError("give -o OUT.wav, or --measure-only") }
        if !PrepareOptions.sampleRates.contains(rate) { throw ValidationError("--rate must be 8000 to 192000 Hz") }
        if !PrepareOptions.supportedBits.contains(bits) { throw ValidationError("--bits must be 16 or 24") }
        if let c = codec, PrepareOptions.Codec(rawValue: c) == nil { throw ValidationError("--codec must be wav or flac") }
        if targetLufs != "off" && Double(targetLufs) == nil { throw ValidationError("--target-lufs must be a number or 'off'") }
        if let t = Double(targetLufs), !PrepareOptions.targetLUFSRange.contains(t) { throw ValidationError("--target-lufs must be between -70 and -5") }
        if !PrepareOptions.truePeakRange.contains(truePeak) { throw ValidationError("--true-peak must be between -20 and 0 dBTP") }
        if (fitVideo == nil) != (syncMode == nil) { throw ValidationError("--fit-video and --sync-mode go together") }
        if let m = maxSize, ByteSize.parse(m) == nil { throw ValidationError("--max-size: cannot read '\(m)' (e.g. 20MB, 20MiB, 500k)") }
    }

    func run() throws {
        // Ctrl-C or SIGTERM while writing: the temporary output is removed before the process ends.
        InterruptCleanup.install()
        var options = PrepareOptions()
        options.streamIndex = stream
        options.sampleRate = rate
        options.channels = mono ? .mono : .upToStereo
        options.targetLUFS = targetLufs == "off" ? nil : Double(targetLufs)
        options.truePeakCeiling = truePeak
        options.fitVideoPath = fitVideo
        options.fitMode = syncMode
        options.trimSilence = trimSilence
        options.silenceThresholdDBFS = silenceThreshold
        options.maxBytes = maxSize.flatMap(ByteSize.parse)
        options.chooseCodec(codec.flatMap(PrepareOptions.Codec.init(rawValue:)), output: output)
        options.bits = bits
        options.measureOnly = measureOnly
        let showProgress = Output.stderrIsTerminal
        do {
            let progress: (@Sendable (String, Double) -> Void)? = showProgress ? Output.progress : nil
            let report = try AudioPreparer.run(input: input, output: output, options: options, progress: progress)
            if showProgress { Output.progressDone() }
            Output.stdout(format == .json ? PrepareRenderer.json(report) : PrepareRenderer.text(report))
        } catch let e as PrepareOptionsError {
            Output.stderr("preflight: \(e.description)")
            throw ExitCode(PreflightExitCode.usage.rawValue)
        } catch let e as PrepareError {
            if showProgress { Output.progressDone() }
            Output.stderr("preflight: \(e.message)")
            throw ExitCode(e.exitCode.rawValue)
        }
    }
}
