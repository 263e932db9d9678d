import Foundation
@testable import MediaIO
import Testing
import TestMediaSupport

/// The signal primitives MediaIO wraps, each against an independent reference: `ComplexFFT` (libavutil's
/// av_tx) against a direct DFT computed in Double; `Resampler` (libswresample with soxr) against the known
/// truth of a generated tone; `AudioFileWriter` (libavformat's WAV and FLAC muxers) against ffmpeg's decoder.
@Suite struct SignalPrimitivesTests {
    /// A direct DFT, O(n²) in Double: X[k] = Σ x[n]·e^(∓2πi·kn/N) (− forward, + inverse, unscaled as av_tx).
    static func dft(_ re: [Float], _ im: [Float], inverse: Bool) -> (re: [Double], im: [Double]) {
        let n = re.count
        var outRe = [Double](repeating: 0, count: n), outIm = [Double](repeating: 0, count: n)
        let sign = inverse ? 1.0 : -1.0
        for k in 0..<n {
            var sr = 0.0, si = 0.0
            for t in 0..<n {
                let a = sign * 2 * Double.pi * Double((k * t) % n) / Double(n)
                let (c, s) = (cos(a), sin(a))
                sr += Double(re[t]) * c - Double(im[t]) * s
                si += Double(re[t]) * s + Double(im[t]) * c
            }
            outRe[k] = sr
            outIm[k] = si
        }
        return (outRe, outIm)
    }

    @Test(arguments: [2, 8, 64, 1024])
    func fftMatchesADirectDFT(length: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let re = (0..<length).map { _ in Float.random(in: -1...1, using: &generator) }
        let im = (0..<length).map { _ in Float.random(in: -1...1, using: &generator) }
        for inverse in [false, true] {
            let fft = try ComplexFFT(length: length, inverse: inverse)
            let got = fft.run(re: re, im: im)
            let want = Self.dft(re, im, inverse: inverse)
            // Float rounding grows with log2(n); the spectrum's scale grows with √n.
            let tolerance = 1e-5 * Double(length).squareRoot() * log2(Double(length) + 1) * 4
            var worst = 0.0
            for k in 0..<length {
                worst = max(worst, abs(Double(got.re[k]) - want.re[k]), abs(Double(got.im[k]) - want.im[k]))
            }
            #expect(worst < tolerance, "length \(length), inverse \(inverse): max difference \(worst)")
            // The in-place form gives the same numbers.
            var r = re, i = im
            fft.transform(re: &r, im: &i)
            #expect(r == got.re && i == got.im)
        }
    }

    @Test func fftRefusesLengthsItCannotDoFast() {
        for bad in [0, 1, 3, 1000, ComplexFFT.maxLength * 2] {
            #expect(throws: MediaIOError.self) { _ = try ComplexFFT(length: bad, inverse: false) }
        }
    }

    /// A 1 kHz tone at 44.1 kHz through the resampler to 48 kHz: the right number of frames, the tone's
    /// frequency (by its zero crossings) and amplitude (by its RMS) kept, stereo folded to mono by
    /// libswresample's matrix ((L + R)/√2, as `ffmpeg -ac 1` does).
    @Test func resamplerKeepsAToneAndItsLength() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pf-resample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tone.wav").path
        try FFmpegTool.generate(["-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100:duration=3", "-af", "volume=0.5,pan=stereo|c0=c0|c1=c0",
                                 "-c:a", "pcm_f32le"], to: path)
        let file = try InputFile(path: path)
        let stream = try AudioSampleStream(file: file, sampleRate: 48000, channels: 1)
        var samples: [Float] = []
        try stream.read { chunk, _ in samples.append(contentsOf: chunk); return true }
        #expect(abs(samples.count - 3 * 48000) <= 48, "\(samples.count) frames for 3 s at 48 kHz")
        let middle = samples[4800..<(samples.count - 4800)]
        var crossings = 0
        for (a, b) in zip(middle, middle.dropFirst()) where (a < 0) != (b < 0) { crossings += 1 }
        let frequency = Double(crossings) / 2 / (Double(middle.count) / 48000)
        #expect(abs(frequency - 1000) < 2, "measured \(frequency) Hz")
        // ffmpeg's sine source has amplitude 1/8; volume 0.5 → 1/16, RMS (1/16)/√2 in each channel; the
        // mono (L + R)/√2 of two equal channels is √2 times that: 1/16.
        let rms = (middle.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(middle.count)).squareRoot()
        #expect(abs(rms - 0.0625) < 0.0625 * 0.01, "rms \(rms)")
    }

    /// Written by libavformat's muxers, read back by ffmpeg's decoder, within 1.5 steps of the bit depth: the
    /// writer scales by 2^(bits-1) − 1 (so +1.0 does not clip) and rounds, ffmpeg divides by 2^(bits-1); out-of-range
    /// samples are clipped.
    @Test(arguments: [(AudioFileWriter.Container.wav, 16), (.flac, 24), (.wav, 24)])
    func writerRoundTripsThroughFFmpeg(container: AudioFileWriter.Container, bits: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pf-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.\(container.rawValue)").path
        var samples = (0..<24000).map { i in Float(0.7 * sin(2 * Double.pi * 440 * Double(i) / 48000)) }
        samples[100] = 1.5
        samples[101] = -1.5
        let writer = try AudioFileWriter(path: path, container: container, bits: bits, sampleRate: 48000, channels: 1)
        try writer.write(Array(samples[0..<10000]))
        try writer.write(Array(samples[10000...]))
        try writer.finish()
        #expect(writer.framesWritten == 24000)
        let decoded = try FFmpegTool.decode(path)
        #expect(decoded.count == samples.count)
        let step = 1 / Float(1 << (bits - 1))
        var worst: Float = 0
        for (a, b) in zip(samples, decoded) { worst = max(worst, abs(max(-1, min(1, a)) - b)) }
        #expect(worst <= step * 1.5, "max difference \(worst), one step \(step)")
    }
}
