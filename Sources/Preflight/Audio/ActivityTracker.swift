import Foundation
import MediaIO

/// Where the sound is: first and last 10 ms window whose RMS (all channels) is above a threshold.
struct ActivityTracker {
    let channels: Int
    let window: Int
    let threshold: Double
    let sampleRate: Int
    private var sum = 0.0
    private var count = 0
    private var windowIndex: Int64 = 0
    private(set) var firstActive: Int64?
    private(set) var lastActive: Int64?

    init(channels: Int, sampleRate: Int, thresholdDBFS: Double) {
        self.channels = channels
        self.sampleRate = sampleRate
        window = max(1, sampleRate / 100)
        threshold = pow(10, thresholdDBFS / 10)
    }

    mutating func add(_ chunk: UnsafeBufferPointer<Float>) {
        var i = 0
        while i + channels <= chunk.count {
            for c in 0..<channels { sum += Double(chunk[i + c]) * Double(chunk[i + c]) }
            i += channels
            count += 1
            if count == window {
                if sum / Double(window * channels) > threshold {
                    if firstActive == nil { firstActive = windowIndex }
                    lastActive = windowIndex
                }
                windowIndex += 1
                sum = 0
                count = 0
            }
        }
    }

    /// Frames from the first to the end of the last active window, widened by `padding` seconds.
    func activeSpan(padding: Double) -> Range<Int64>? {
        guard let a = firstActive, let b = lastActive else { return nil }
        let pad = Int64(padding * Double(sampleRate))
        return max(0, a * Int64(window) - pad)..<((b + 1) * Int64(window) + pad)
    }
}
