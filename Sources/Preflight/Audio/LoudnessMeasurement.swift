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

    init(_ meter: LoudnessMeter) {
        integratedLUFS = meter.integratedLoudness
        loudnessRangeLU = meter.loudnessRange
        samplePeakDBFS = LoudnessMeasurement.decibels(meter.samplePeak)
        truePeakDBTP = LoudnessMeasurement.decibels(meter.truePeak)
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
