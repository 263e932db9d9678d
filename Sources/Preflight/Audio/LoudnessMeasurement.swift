import Foundation
import MediaIO

/// Loudness of a signal per ITU-R BS.1770-4 / EBU R128.
public struct LoudnessMeasurement: Codable, Sendable, Equatable {
    /// Integrated loudness, LUFS; nil when no block passed the gates (silence, or under 0.4 s).
    public var integratedLUFS: Double?
    /// Loudness range, LU.
    public var loudnessRangeLU: Double?
    /// Highest sample, dBFS.
    public var samplePeakDBFS: Double
    /// Highest inter-sample (4x oversampled) peak, dBTP.
    public var truePeakDBTP: Double

    /// A measurement of these figures.
    public init(integratedLUFS: Double?, loudnessRangeLU: Double?, samplePeakDBFS: Double, truePeakDBTP: Double) {
        self.integratedLUFS = integratedLUFS
        self.loudnessRangeLU = loudnessRangeLU
        self.samplePeakDBFS = samplePeakDBFS
        self.truePeakDBTP = truePeakDBTP
    }

    /// Loudness from `BlockLoudness` (I, LRA) and peaks from the interpolating estimator (the highest of
    /// `peaks`, one per part of the signal).
    init(_ loudness: BlockLoudness, peaks: [TruePeakEstimator]) {
        integratedLUFS = loudness.integratedLUFS
        loudnessRangeLU = loudness.loudnessRangeLU
        samplePeakDBFS = LoudnessMeasurement.decibels(peaks.map(\.samplePeak).max() ?? 0)
        truePeakDBTP = LoudnessMeasurement.decibels(peaks.map(\.truePeak).max() ?? 0)
    }

    /// The same signal after a linear gain: every figure moves by the gain, the range does not.
    func applying(gainDB: Double) -> LoudnessMeasurement {
        var m = self
        m.integratedLUFS = integratedLUFS.map { $0 + gainDB }
        m.samplePeakDBFS += gainDB
        m.truePeakDBTP += gainDB
        return m
    }

    static func decibels(_ linear: Double) -> Double { linear > 0 ? 20 * log10(linear) : -200 }
}

extension LoudnessMeasurement {
    /// Measures interleaved float samples in one go (tests, small signals).
    public static func measure(_ samples: [Float], channels: Int, sampleRate: Int) throws -> LoudnessMeasurement {
        // The K-filter's shelf sits at 1.68 kHz: under ~3.4 kHz of sample rate it cannot be built.
        guard channels > 0, sampleRate >= 8000 else {
            throw MediaIOError.libav(path: "", operation: "setting up the loudness meter (\(channels) ch, \(sampleRate) Hz)",
                                     code: .invalidArgument, detail: "needs at least one channel and 8000 Hz")
        }
        var loudness = BlockLoudness(channels: channels, sampleRate: sampleRate)
        var peaks = TruePeakEstimator(channels: channels)
        samples.withUnsafeBufferPointer { s in
            loudness.add(s)
            peaks.add(s)
        }
        return LoudnessMeasurement(loudness, peaks: [peaks])
    }
}
