import TestMediaSupport

/// Fixture paths used by several suites of this target.
enum TestMediaPath {
    static let video = TestMedia.path("h264_aac.mp4")
    static let audio = TestMedia.path("speech_48k.wav")
    static let longAudio = TestMedia.path("speech_8s.flac")
    static let loop = TestMedia.path("loop_2s.mp4")
}
