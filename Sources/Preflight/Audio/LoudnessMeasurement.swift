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

    public init(integratedLUFS: Double?, loudnessRangeLU: Double?, samplePeakDBFS: Double, truePeakDBTP: Double) {
        self.integratedLUFS = integratedLUFS
        self.loudnessRangeLU = loudnessRangeLU
        self.samplePeakDBFS = samplePeakDBFS
        self.truePeakDBTP = truePeakDBTP
    }

    init(_ meter: LoudnessMeter) {
        integratedLUFS = meter.integratedLoudness
        loudnessRangeLU = meter.loudnessRange
        samplePeakDBFS = LoudnessMeasurement.decibels(meter.samplePeak)
        truePeakDBTP = LoudnessMeasurement.decibels(meter.truePeak)
    }

    /// Loudness from libebur128 (I, LRA) and peaks from the interpolating estimator.
    init(_ meter: LoudnessMeter, peaks: TruePeakEstimator) {
        self.init(parts: [meter], peaks: [peaks])
    }

    /// One signal measured in consecutive parts (libebur128 pools the parts' gating blocks; the peaks are
    /// the highest of the parts').
    init(parts meters: [LoudnessMeter], peaks: [TruePeakEstimator]) {
        integratedLUFS = LoudnessMeter.integratedLoudness(of: meters)
        loudnessRangeLU = LoudnessMeter.loudnessRange(of: meters)
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
        let meter = try LoudnessMeter(channels: channels, sampleRate: sampleRate)
        meter.add(samples)
        return LoudnessMeasurement(meter)
    }
}
