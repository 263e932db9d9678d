import CFFmpeg

/// A libav return code (negative values are errors), with named constants for the ones preflight acts on.
public struct AVResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let endOfFile = AVResultCode(rawValue: pf_averror_eof())
    public static let invalidData = AVResultCode(rawValue: pf_averror_invaliddata())
    public static let tryAgain = AVResultCode(rawValue: pf_averror_eagain())
    public static let exit = AVResultCode(rawValue: pf_averror_exit())
    public static let decoderNotFound = AVResultCode(rawValue: pf_averror_decoder_not_found())
    public static let encoderNotFound = AVResultCode(rawValue: pf_averror_encoder_not_found())
    public static let demuxerNotFound = AVResultCode(rawValue: pf_averror_demuxer_not_found())
    public static let patchWelcome = AVResultCode(rawValue: pf_averror_patchwelcome())
    public static let noMemory = AVResultCode(rawValue: pf_averror(ENOMEM))
    public static let notFound = AVResultCode(rawValue: pf_averror(ENOENT))
    public static let permissionDenied = AVResultCode(rawValue: pf_averror(EACCES))
    public static let invalidArgument = AVResultCode(rawValue: pf_averror(EINVAL))
    public static let isDirectory = AVResultCode(rawValue: pf_averror(EISDIR))

    public var isError: Bool { rawValue < 0 }

    /// libav's own text for the code (`av_strerror`).
    public var message: String {
        var buffer = [CChar](repeating: 0, count: 256)
        av_strerror(rawValue, &buffer, buffer.count)
        return String(cBuffer: buffer)
    }

    public var description: String { "\(message) (\(rawValue))" }
}
