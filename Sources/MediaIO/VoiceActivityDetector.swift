import CWebRTCVAD

/// Owns one WebRTC VAD instance (libwebrtc-audio-processing 0.3). It tells voiced sound from quiet and
/// steady background, not speech from music, tones or noise: callers combine it with other measures.
/// Not thread-safe: one per thread.
public final class VoiceActivityDetector {
    public let sampleRate: Int
    /// Samples per frame: 10, 20 or 30 ms at `sampleRate`.
    public let frameLength: Int
    private let handle: OpaquePointer

    /// `aggressiveness` 0 (keeps the most as voice) to 3 (the least); `frameMilliseconds` 10, 20 or 30.
    public init(sampleRate: Int, frameMilliseconds: Int = 30, aggressiveness: Int = 2) throws(ContentLibraryError) {
        let length = sampleRate * frameMilliseconds / 1000
        guard (0...3).contains(aggressiveness), sampleRate > 0, length > 0,
              WebRtcVad_ValidRateAndFrameLength(Int32(sampleRate), length) == 0 else {
            throw .voiceDetectorConfiguration(sampleRate: sampleRate, frameMilliseconds: frameMilliseconds, aggressiveness: aggressiveness)
        }
        guard let h = WebRtcVad_Create() else { throw .voiceDetectorUnavailable }
        handle = h
        self.sampleRate = sampleRate
        frameLength = length
        guard WebRtcVad_Init(h) == 0, WebRtcVad_set_mode(h, Int32(aggressiveness)) == 0 else {
            WebRtcVad_Free(h)
            throw .voiceDetectorUnavailable
        }
    }

    deinit { WebRtcVad_Free(handle) }

    /// Whether one frame of exactly `frameLength` mono 16-bit samples is voiced; nil on a wrong length or error.
    public func isVoiced(_ frame: UnsafeBufferPointer<Int16>) -> Bool? {
        guard frame.count == frameLength, let base = frame.baseAddress else { return nil }
        let r = WebRtcVad_Process(handle, Int32(sampleRate), base, frameLength)
        return r < 0 ? nil : r == 1
    }
}
