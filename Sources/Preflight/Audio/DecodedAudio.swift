import Foundation
import MediaIO

/// Where pass 1 keeps the decoded audio for the passes after it (at the input's rate: the render converts
/// it). An input that is a 16-bit or float PCM WAV with the output's channels may already hold it: when
/// libav's demuxer agrees on its length and data offset, pass 1 reads it in place without decoding and does
/// not come here; otherwise (a header with placeholder sizes, say) its samples are read in place
/// (`PCMWaveFrames`) for as long as they equal, chunk for chunk, what the decoder gave (so no assumption about
/// the file's layout is trusted); from the first difference, and for every other input, the audio goes to a
/// `SampleSpool`. Keeping a five-minute mono input in place saves writing and reading back 57.6 MB. Used by
/// one pipeline thread; `finish()` is called after it finished.
final class DecodedAudio: @unchecked Sendable {
    private var inPlace: PCMWaveFrames?
    private var spool: SampleSpool?
    private let channels: Int
    private let directory: String
    private var frames: Int64 = 0
    private var fileSamples: [Float] = []

    /// `inPlace`: the input's own samples, when it may hold what the decoder gives.
    init(inPlace: PCMWaveFrames?, channels: Int, directory: String) throws {
        self.inPlace = inPlace
        self.channels = channels
        self.directory = directory
        if inPlace == nil { spool = try SampleSpool(channels: channels, directory: directory) }
    }

    /// The next decoded frames.
    func keep(_ samples: UnsafeBufferPointer<Float>) throws {
        guard let base = samples.baseAddress, !samples.isEmpty else { return }
        let count = samples.count / channels
        if let file = inPlace {
            if fileSamples.count < samples.count { fileSamples = [Float](repeating: 0, count: samples.count) }
            // A read error counts as a difference: the spool takes over.
            let same = (try? fileSamples.withUnsafeMutableBufferPointer { f in
                try file.read(from: frames, into: UnsafeMutableBufferPointer(rebasing: f[0..<samples.count])) == count
                    && memcmp(f.baseAddress!, base, samples.count * MemoryLayout<Float>.size) == 0
            }) ?? false
            if !same { try spoolSoFar(from: file) }
        }
        if let spool { try spool.append(samples) }
        frames += Int64(count)
    }

    /// After the last chunk: the decoded frames, in the file or in the spool.
    func finish() -> any SampleSource {
        if let inPlace {
            inPlace.limit(frames: frames)
            return inPlace
        }
        return spool!
    }

    /// Moves to a spool, starting with the frames so far (equal in the file to what was decoded).
    private func spoolSoFar(from file: PCMWaveFrames) throws {
        let s = try SampleSpool(channels: channels, directory: directory)
        var buffer = [Float](repeating: 0, count: 32768 * channels)
        var at: Int64 = 0
        while at < frames {
            let want = Int(min(32768, frames - at)) * channels
            let n = try buffer.withUnsafeMutableBufferPointer { try file.read(from: at, into: UnsafeMutableBufferPointer(rebasing: $0[0..<want])) }
            guard n > 0 else {
                throw MediaIOError.libav(path: "input file", operation: "reading its samples again", code: .invalidArgument,
                                         detail: "it ends at frame \(at), \(frames) were decoded")
            }
            try buffer.withUnsafeBufferPointer { try s.append(UnsafeBufferPointer(rebasing: $0[0..<n * channels])) }
            at += Int64(n)
        }
        spool = s
        inPlace = nil
    }
}
