import MediaIO

/// Why `prepare` wrote nothing. Each names what to do.
public enum PrepareError: Error, Sendable, Equatable {
    /// The input could not be opened or read (the failure as `probe` reports it).
    case input(ProbeFailure)
    /// The input has no audio stream.
    case noAudioStream(path: String)
    /// `--stream index` names no audio stream of the input; `audioStreams` are the indices that would do.
    case noSuchStream(path: String, index: Int, audioStreams: [Int])
    /// The audio does not decode cleanly: `errors` decode errors, the first at `at` seconds (nil: unknown), with the
    /// decoder's `message` when it gave one.
    case corruptAudio(path: String, errors: Int, at: Double?, message: String?)
    /// Neither an output path nor a measure-only run was asked for.
    case outputMissing
    /// The output path was refused before any work (an input, a device, a directory, a missing directory...).
    case output(OutputRefusal)
    /// The output's extension names another format than the one written (`-o out.mp3`).
    case outputExtension(path: String, codec: String)
    /// The prepared file would be `bytes` bytes as `codec`, over the `limit` (`--max-size`): it was not kept.
    case tooLarge(bytes: Int64, limit: Int64, codec: String)
    /// Writing the output at `path` failed (`reason`); the partial file was removed.
    case writeFailed(path: String, reason: String)
    /// The video to fit the audio's length to (`--fit-video`) could not be read.
    case fitVideo(ProbeFailure)
    /// The video to fit to declares no duration.
    case fitVideoHasNoDuration(path: String)

    /// One line for a person: what went wrong, with the path, and what to do about it.
    public var message: String {
        switch self {
        case .input(let f): return "\(f.path): \(f.message)"
        case .noAudioStream(let p): return "\(p): no audio stream to prepare"
        case .noSuchStream(let p, let i, let audio):
            return "\(p): stream \(i) is not an audio stream (audio streams: \(audio.map(String.init).joined(separator: ", ")))"
        case .corruptAudio(let p, let n, let at, let m):
            return "\(p): \(n) decode error(s) in the audio\(at.map { String(format: " from %.2f s", $0) } ?? "")\(m.map { ": \($0)" } ?? ""); re-encode the source (ffmpeg -i IN -c:a pcm_s16le OUT.wav) or fix it upstream"
        case .outputMissing: return "no output given: -o OUT.wav (or --measure-only)"
        case .output(let refusal): return refusal.description
        case .outputExtension(let p, let codec):
            return "\(p): prepare writes \(codec.uppercased()) (WAV or FLAC only); name the output .\(codec), or pick the format with --codec wav|flac and a matching name"
        case .tooLarge(let b, let l, let c):
            return "the prepared audio is \(b) bytes as \(c), over the \(l)-byte --max-size; shorten it, lower --rate or use --mono, or upload through the asset API"
        case .writeFailed(let p, let r): return "\(p): \(r); nothing was left behind"
        case .fitVideo(let f): return "\(f.path): cannot read the video to fit to: \(f.message)"
        case .fitVideoHasNoDuration(let p): return "\(p): the video to fit to declares no duration (try --exact on probe, or remux it)"
        }
    }

    /// 3: an input could not be read; 2: the input is defective; 4: the output could not be written.
    public var exitCode: PreflightExitCode {
        switch self {
        case .input, .noAudioStream, .fitVideo, .fitVideoHasNoDuration: return .unreadable
        case .noSuchStream, .outputMissing, .outputExtension: return .usage
        case .corruptAudio: return .errors
        case .output, .tooLarge, .writeFailed: return .outputFailed
        }
    }
}
