import Foundation

/// How `prepare` turns an input's audio into an upload-ready file.
public struct PrepareOptions: Sendable {
    /// The output container: PCM WAV, or lossless FLAC (smaller, same samples).
    public enum Codec: String, Sendable, CaseIterable {
        /// PCM WAV.
        case wav
        /// FLAC: the same samples, losslessly compressed.
        case flac
    }
    /// How many channels the output keeps.
    public enum ChannelChoice: Sendable, Equatable {
        /// Mix everything to one channel.
        case mono
        /// Keep mono as mono, everything wider is downmixed to stereo.
        case upToStereo
    }

    /// Audio stream index in the input; nil: the first audio stream.
    public var streamIndex: Int?
    /// Output sample rate, Hz (8000 to 192000; 48 kHz by default).
    public var sampleRate: Int = 48000
    /// How far to downmix: to mono, or only down to stereo.
    public var channels: ChannelChoice = .upToStereo
    /// Integrated loudness target, LUFS; nil leaves the level alone.
    public var targetLUFS: Double? = -16
    /// True-peak ceiling, dBTP.
    public var truePeakCeiling: Double = -1.5
    /// Fit the duration to this video for `fitMode`.
    public var fitVideoPath: String?
    /// The sync_mode to fit for (cut_off: exactly the video's length, silence: at least it); set with `fitVideoPath`.
    public var fitMode: SyncMode?
    /// Remove leading and trailing audio below `silenceThresholdDBFS`.
    public var trimSilence = false
    /// Level below which audio counts as silence for `trimSilence`, dBFS (-120 to 0).
    public var silenceThresholdDBFS: Double = -50
    /// Largest output allowed, bytes; WAV that would not fit becomes FLAC.
    public var maxBytes: Int64?
    /// The output container; see `chooseCodec(_:output:)`.
    public var codec: Codec = .wav
    /// Whether `codec` was chosen by the user (then --max-size will not switch it).
    public var codecExplicit = false
    /// Output bits per sample: 16 or 24.
    public var bits: Int = 16
    /// Measure and report only; write nothing.
    public var measureOnly = false
    /// Seconds opening or reading the input may take before it is abandoned as a timeout.
    public var timeoutSeconds: Double = 3600

    /// Defaults: first audio stream, 48 kHz, up to stereo, -16 LUFS, -1.5 dBTP ceiling, 16-bit WAV.
    public init() {}

    /// What `validate()` accepts; the CLI checks its flags against the same ranges.
    public static let supportedBits: Set<Int> = [16, 24]
    /// Accepted output sample rates, Hz.
    public static let sampleRates = 8000...192_000
    /// Accepted loudness targets, LUFS.
    public static let targetLUFSRange = -70.0 ... -5.0
    /// Accepted true-peak ceilings, dBTP.
    public static let truePeakRange = -20.0...0.0

    /// Chooses the container: `explicit` when given (kept even where `maxBytes` would need FLAC), else FLAC for an
    /// output named `.flac` and WAV otherwise (a later `--max-size` may still turn WAV into FLAC).
    public mutating func chooseCodec(_ explicit: Codec?, output: String?) {
        if let explicit {
            codec = explicit
            codecExplicit = true
        } else {
            codec = output.map { URL(fileURLWithPath: $0).pathExtension.lowercased() == "flac" } == true ? .flac : .wav
            codecExplicit = false
        }
    }

    /// Throws `PrepareOptionsError` naming the first option `AudioPreparer.run` cannot honour.
    public func validate() throws {
        func fail(_ message: String) throws -> Never { throw PrepareOptionsError(message: message) }
        if !Self.supportedBits.contains(bits) { try fail("bits is \(bits); 16 or 24 are supported") }
        if !Self.sampleRates.contains(sampleRate) { try fail("sampleRate is \(sampleRate) Hz; 8000 to 192000 Hz are supported") }
        if let t = targetLUFS, !Self.targetLUFSRange.contains(t) { try fail("targetLUFS is \(t); give -70 to -5 LUFS, or nil to leave the level alone") }
        if !Self.truePeakRange.contains(truePeakCeiling) { try fail("truePeakCeiling is \(truePeakCeiling); give -20 to 0 dBTP") }
        if !(-120...0).contains(silenceThresholdDBFS) { try fail("silenceThresholdDBFS is \(silenceThresholdDBFS); give -120 to 0 dBFS") }
        if let i = streamIndex, i < 0 { try fail("streamIndex is \(i); stream indexes start at 0") }
        if let m = maxBytes, m <= 0 { try fail("maxBytes is \(m); give a positive size, or nil for no limit") }
        if !(timeoutSeconds > 0) { try fail("timeoutSeconds is \(timeoutSeconds); give a positive number of seconds") }
        if (fitVideoPath == nil) != (fitMode == nil) { try fail("fitVideoPath and fitMode go together") }
    }
}
