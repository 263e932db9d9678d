import Foundation

extension Decoder {
    /// Frame threads for a decoder that reads every frame of a video (verify's full scan): twice the cores
    /// plus one, at most 16 (libavcodec's own limit for an automatic count). libavcodec's choice for
    /// `threads: 0` is the cores plus one; with H.264 each frame thread waits for the rows of the frame it
    /// refers to, so on 2 cores three threads left ~20–25 % of the machine idle (the 5-min 720p bench output:
    /// `ffmpeg -threads 5` took 0.6–0.93x the time of its default in three runs, for the same CPU time;
    /// docs/BENCHMARKS.md). Each thread holds one frame more in memory. One core gets one thread.
    public static var fullScanThreads: Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return cores > 1 ? min(2 * cores + 1, 16) : 1
    }
}
