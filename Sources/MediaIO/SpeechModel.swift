import CContentLibrary

/// Owns one Silero VAD (v6.2, 16 kHz, MIT) run by OpenCV's dnn module: a trained speech detector that,
/// unlike the WebRTC VAD, tells speech from music, noise and tones. Feed it consecutive 32 ms chunks of
/// 16 kHz mono audio; it keeps their context and its recurrent state. Not thread-safe: one per thread.
public final class SpeechModel {
    /// Samples per chunk (32 ms at `sampleRate`).
    public static let chunkLength = Int(PF_SPEECH_MODEL_CHUNK)
    public static let sampleRate = Int(PF_SPEECH_MODEL_RATE)
    private let handle: OpaquePointer
    private let library: pf_content_library

    public init() throws(ContentLibraryError) {
        library = try ContentLibrary.functions()
        var message = [CChar](repeating: 0, count: 512)
        guard let h = library.speech_model_new(&message, message.count) else {
            throw .speechModelUnavailable(reason: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        handle = h
    }

    deinit { library.speech_model_free(handle) }

    /// The probability (0...1) that the next chunk of exactly `chunkLength` samples is speech; nil on a wrong
    /// length or a failure.
    public func speechProbability(_ chunk: UnsafeBufferPointer<Float>) -> Float? {
        guard chunk.count == Self.chunkLength, let base = chunk.baseAddress else { return nil }
        var p: Float = 0
        return library.speech_model_process(handle, base, &p) == 0 ? p : nil
    }
}
