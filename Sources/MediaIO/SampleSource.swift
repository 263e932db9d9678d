/// Decoded audio that later passes read back by frame position: a `SampleSpool`, a PCM WAV file's own
/// samples (`PCMWaveFrames`), or either converted to another rate as it is read (`ResampledFrames`).
/// Positional reads may run on several threads at once.
public protocol SampleSource: AnyObject, Sendable {
    /// Interleaved channels per frame.
    var channels: Int { get }
    /// Frames held.
    var frames: Int64 { get }
    /// Reads up to `buffer.count / channels` frames starting at frame `first`; returns the number read
    /// (0 at or past the end).
    func read(from first: Int64, into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int
    /// Lets go of the file now (later reads give nothing); closing a large spool frees its page cache, which
    /// a caller may do on another thread.
    func release()
}
