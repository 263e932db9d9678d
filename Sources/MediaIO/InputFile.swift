import CFFmpeg
#if canImport(Glibc)
import Glibc
#endif

/// An opened media file: owns the `AVFormatContext` and frees it on every path.
///
/// Only the local regular file named by `path` is read: protocol strings are refused before libav sees
/// them, libav may use the `file` protocol only, and demuxers that follow references to other files are
/// not allowed to open it (`DemuxerPolicy`).
public final class InputFile {
    public let path: String
    public let fileSize: Int64
    public let options: InputOpenOptions
    /// What the demuxer declared before `avformat_find_stream_info` filled gaps in.
    public let header: HeaderSnapshot

    let context: UnsafeMutablePointer<AVFormatContext>
    private let deadline: InterruptDeadline

    public struct HeaderSnapshot: Sendable {
        /// Container duration in AV_TIME_BASE units, when the demuxer read one from the file header.
        public var formatDuration: Int64?
        /// Per stream, the duration in the stream's time base, when the header held one.
        public var streamDurations: [Int64?]
    }

    public init(path: String, options: InputOpenOptions = InputOpenOptions()) throws {
        self.path = path
        self.options = options
        LibavLog.reset()
        let size = try InputFile.checkLocalRegularFile(path)
        fileSize = size

        deadline = InterruptDeadline(seconds: options.timeoutSeconds)
        var opened = InputFile.open(path: path, format: nil, deadline: deadline, probeSize: options.probeSize)
        if opened.context == nil, let still = InputFile.singleImageFormat(path: path) {
            // The image-sequence demuxer claims .jpg/.bmp by extension and is refused; a lone picture
            // opens with its own pipe demuxer instead.
            opened = InputFile.open(path: path, format: still, deadline: deadline, probeSize: options.probeSize)
        }
        guard let ctx = opened.context else {
            throw InputFile.openError(path: path, code: AVResultCode(rawValue: opened.code), deadline: deadline)
        }
        context = ctx

        let streamCount = Int(ctx.pointee.nb_streams)
        var headerDurations: [Int64?] = []
        for i in 0..<streamCount {
            let st = ctx.pointee.streams[i]!
            let par = st.pointee.codecpar.pointee
            let limit = options.maxDimension
            if Int(par.width) > limit || Int(par.height) > limit || par.width < 0 || par.height < 0
                || Int(par.width) * Int(par.height) > options.maxPixels {
                // `header` is not set yet, so deinit will not run: close here.
                var c: UnsafeMutablePointer<AVFormatContext>? = ctx
                avformat_close_input(&c)
                throw MediaIOError.absurdDimensions(path: path, width: Int(par.width), height: Int(par.height), limit: limit)
            }
            let d = st.pointee.duration
            headerDurations.append(d == pf_nopts_value() || d <= 0 ? nil : d)
        }
        let fd = ctx.pointee.duration
        header = HeaderSnapshot(formatDuration: fd == pf_nopts_value() || fd <= 0 ? nil : fd,
                                streamDurations: headerDurations)

        let complete = (0..<streamCount).allSatisfy { i in
            let par = ctx.pointee.streams[i]!.pointee.codecpar.pointee
            switch par.codec_type {
            case AVMEDIA_TYPE_AUDIO: return par.codec_id != AV_CODEC_ID_NONE && par.sample_rate > 0 && par.ch_layout.nb_channels > 0
            case AVMEDIA_TYPE_VIDEO: return par.codec_id != AV_CODEC_ID_NONE && par.width > 0
            default: return true
            }
        }
        if options.probeSize == nil { InputFile.boundPCMBitstreamProbe(ctx) }
        // Every stored property is set from here on, so a throw runs deinit, which closes the context: closing it
        // here as well freed it twice (found by scripts/fuzz.sh; testmedia/fuzz/stream-info-failure-double-close.mp4).
        let info = options.streamInfoOnlyIfIncomplete && complete && streamCount > 0 ? 0 : avformat_find_stream_info(ctx, nil)
        if info < 0 {
            if deadline.hasPassed { throw deadline.error(path: path) }
            throw MediaIOError.libav(path: path, operation: "reading stream information",
                                     code: AVResultCode(rawValue: info), detail: LibavLog.lastError)
        }
        if deadline.hasPassed { throw deadline.error(path: path) }
    }

    deinit {
        var c: UnsafeMutablePointer<AVFormatContext>? = context
        avformat_close_input(&c)
    }

    /// True once the per-file time limit has run out or the `StopRequest` current at opening was made; long
    /// scans check it between packets.
    public var isPastDeadline: Bool { deadline.hasPassed }

    /// The error that ends a read past its deadline: `.cancelled` when the stop request was made, else `.timedOut`.
    public var timedOutError: MediaIOError { deadline.error(path: path) }

    /// One `avformat_open_input` with the safety options; on failure libav has freed the context.
    private static func open(path: String, format: UnsafePointer<AVInputFormat>?, deadline: InterruptDeadline,
                             probeSize: Int?) -> (context: UnsafeMutablePointer<AVFormatContext>?, code: Int32) {
        guard let ctx = avformat_alloc_context() else { return (nil, AVResultCode.noMemory.rawValue) }
        ctx.pointee.interrupt_callback.callback = InterruptDeadline.callback
        ctx.pointee.interrupt_callback.opaque = Unmanaged.passUnretained(deadline).toOpaque()
        var dict: OpaquePointer? = nil
        av_dict_set(&dict, "protocol_whitelist", "file", 0)
        av_dict_set(&dict, "format_whitelist", DemuxerPolicy.formatWhitelist, 0)
        if let probeSize { av_dict_set(&dict, "probesize", String(max(32, probeSize)), 0) }
        var ctxOptional: UnsafeMutablePointer<AVFormatContext>? = ctx
        // "file:" so a name is never taken for another protocol (e.g. a relative path with a colon).
        let rc = avformat_open_input(&ctxOptional, "file:" + path, format, &dict)
        av_dict_free(&dict)
        return rc >= 0 ? (ctxOptional, rc) : (nil, rc)
    }

    /// The WAV demuxer has libav look for a DTS or AC-3 bitstream inside 16-bit PCM: at every power of two of
    /// the bytes read, up to 32 packets (128 KiB), it runs every demuxer's probe over all of them, which was
    /// most of the time spent probing a short WAV. Such a bitstream is frames from the first byte, many in
    /// 32 KiB, so `probesize` ends the search there. The header already gave every other value.
    private static func boundPCMBitstreamProbe(_ ctx: UnsafeMutablePointer<AVFormatContext>) {
        guard let format = ctx.pointee.iformat, strcmp(format.pointee.name, "wav") == 0, ctx.pointee.nb_streams == 1,
              ctx.pointee.streams[0]!.pointee.codecpar.pointee.codec_id == AV_CODEC_ID_PCM_S16LE else { return }
        ctx.pointee.probesize = min(ctx.pointee.probesize, 32768)
    }

    /// For a lone picture the (refused) image-sequence demuxer claimed by its extension: the pipe demuxer
    /// its content matches. libav probes progressively from 2 KiB, where a JPEG scores below `.jpg`.
    static func singleImageFormat(path: String) -> UnsafePointer<AVInputFormat>? {
        guard !path.contains("%"), let byContent = detectFormat(path: path, ignoringExtension: true),
              byContent.name.hasSuffix("_pipe") else { return nil }
        return av_find_input_format(byContent.name)
    }

    // MARK: - Checks before libav sees the path

    static func checkLocalRegularFile(_ path: String) throws -> Int64 {
        if InputFile.looksLikeURLOrProtocol(path) { throw MediaIOError.notALocalPath(path) }
        var st = stat()
        if stat(path, &st) != 0 {
            switch errno {
            case EACCES: throw MediaIOError.permissionDenied(path)
            case ENAMETOOLONG: throw MediaIOError.pathTooLong(path)
            default: throw MediaIOError.notFound(path)
            }
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { throw MediaIOError.isDirectory(path) }
        if type != S_IFREG { throw MediaIOError.notARegularFile(path) }
        let fd = Glibc.open(path, O_RDONLY)
        if fd < 0 {
            switch errno {
            case EACCES: throw MediaIOError.permissionDenied(path)
            case ENAMETOOLONG: throw MediaIOError.pathTooLong(path)
            default: throw MediaIOError.notFound(path)
            }
        }
        close(fd)
        if st.st_size == 0 { throw MediaIOError.empty(path) }
        return Int64(st.st_size)
    }

    /// Whether the system refuses `path` as too long (ENAMETOOLONG: over PATH_MAX, or a name over NAME_MAX).
    public static func isPathTooLong(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) != 0 && errno == ENAMETOOLONG
    }

    /// `http://x`, `concat:a|b`, `pipe:`, `subfile,,start,...`: anything libav would treat as a protocol.
    public static func looksLikeURLOrProtocol(_ path: String) -> Bool {
        guard let first = path.unicodeScalars.first, first.properties.isAlphabetic, first.isASCII else { return false }
        for scalar in path.unicodeScalars.dropFirst() {
            if scalar == ":" || scalar == "," { return true }
            let ok = (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || scalar == "+" || scalar == "-" || scalar == "."
            if !ok { return false }
        }
        return false
    }

    struct DetectedFormat { var name: String; var longName: String; var score: Int32 }

    /// What libav's content probe makes of the first bytes, without opening anything else.
    static func detectFormat(path: String, ignoringExtension: Bool = false) -> DetectedFormat? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        let probeSize = 1 << 16   // only on the failure path: enough for playlists with long headers
        let padding = Int(AVPROBE_PADDING_SIZE)
        var buffer = [UInt8](repeating: 0, count: probeSize + padding)
        let n = fread(&buffer, 1, probeSize, file)
        guard n > 0 else { return nil }
        var score: Int32 = 0
        let result: DetectedFormat? = (ignoringExtension ? "" : path).withCString { cPath in
            buffer.withUnsafeMutableBufferPointer { buf in
                var pd = AVProbeData()
                pd.filename = cPath
                pd.buf = buf.baseAddress
                pd.buf_size = Int32(n)
                guard let fmt = av_probe_input_format3(&pd, 1, &score) else { return nil }
                let long = fmt.pointee.long_name.map { String(cString: $0) } ?? ""
                return DetectedFormat(name: String(cString: fmt.pointee.name), longName: long, score: score)
            }
        }
        return result
    }

    /// libavutil refuses absurd sizes itself with "Picture size WxH is invalid".
    static func declaredInvalidPictureSize(_ detail: String) -> (Int, Int)? {
        guard detail.hasPrefix("Picture size "), detail.hasSuffix(" is invalid") else { return nil }
        let dims = detail.dropFirst("Picture size ".count).dropLast(" is invalid".count).split(separator: "x")
        guard dims.count == 2, let w = Int(dims[0]), let h = Int(dims[1]) else { return nil }
        return (w, h)
    }

    static func openError(path: String, code: AVResultCode, deadline: InterruptDeadline) -> MediaIOError {
        if deadline.hasPassed || code == .exit { return deadline.error(path: path) }
        let detail = LibavLog.lastError
        if code == .permissionDenied { return .permissionDenied(path) }
        if code == .notFound { return .notFound(path) }
        if let (w, h) = declaredInvalidPictureSize(detail) {
            return .absurdDimensions(path: path, width: w, height: h, limit: 16384)
        }
        // Refused demuxers are off the whitelist, so libav fails to open such files; say which and why.
        let detected = detectFormat(path: path)
        if let detected, DemuxerPolicy.isIndirection(detected.name) { return .indirection(path: path, format: detected.name) }
        if let detected, DemuxerPolicy.isTextArt(detected.name) {
            return .notMedia(path: path, code: code, detail: "")
        }
        if let detected, detected.score > AVPROBE_SCORE_EXTENSION / 2 {
            let name = detected.longName.isEmpty ? detected.name : detected.longName
            return .damagedHeader(path: path, format: name, code: code, detail: detail)
        }
        if code == .invalidData || code == .demuxerNotFound {
            // The detail would come from a demuxer picked by file extension alone ("moov atom not found"): noise.
            return .notMedia(path: path, code: code, detail: "")
        }
        return .libav(path: path, operation: "opening", code: code, detail: detail)
    }
}

extension InputFile {
    /// Tells the demuxer to skip every stream but `keep`: it then does not even read their packets'
    /// data (MP4/MOV), which is most of a video file when only the audio is wanted.
    public func discardAllStreams(except keep: Int) {
        for i in 0..<Int(context.pointee.nb_streams) where i != keep {
            context.pointee.streams[i]!.pointee.discard = AVDISCARD_ALL
        }
    }
}
