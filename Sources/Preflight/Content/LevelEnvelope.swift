import Foundation

/// An audio's level over time, for the HTML report's waveform: the mean power of its 20 ms hops in equal
/// buckets, dBFS (-120 for digital silence). Buckets start at 100 ms and double whenever more than
/// `maxBuckets` would be needed, so it stays small for any length. Kept only when a check asks for visuals.
public struct LevelEnvelope: Codable, Sendable, Equatable {
    /// Seconds each level covers; level `i` starts at `i * bucketSeconds`.
    public var bucketSeconds: Double
    /// Mean level of each bucket, dBFS, in time order.
    public var levelsDB: [Double]

    static let maxBuckets = 1200
    static let silenceDB = -120.0

    /// Sums hop powers into buckets while the audio is read; memory is bounded by `maxBuckets`.
    struct Accumulator {
        private var hopsPerBucket: Int
        private let hopSeconds: Double
        private var powers: [Double] = []
        private var hopsInLast = 0

        init(hopSeconds: Double) {
            self.hopSeconds = hopSeconds
            hopsPerBucket = max(1, Int((0.1 / hopSeconds).rounded()))
        }

        mutating func add(levelDB: Float) {
            let power = levelDB <= Float(LevelEnvelope.silenceDB) ? 0 : pow(10, Double(levelDB) / 10)
            if powers.isEmpty || hopsInLast == hopsPerBucket {
                if powers.count == LevelEnvelope.maxBuckets { merge() }
                if powers.isEmpty || hopsInLast == hopsPerBucket {
                    powers.append(0)
                    hopsInLast = 0
                }
            }
            powers[powers.count - 1] += power
            hopsInLast += 1
        }

        /// Halves the number of buckets: each pair becomes one of twice the length.
        private mutating func merge() {
            let last = powers.count - 1
            var merged: [Double] = []
            merged.reserveCapacity(powers.count / 2 + 1)
            var i = 0
            while i < powers.count {
                merged.append(powers[i] + (i + 1 < powers.count ? powers[i + 1] : 0))
                i += 2
            }
            // The new last bucket holds a full first half plus what the old last bucket had.
            hopsInLast = last % 2 == 1 ? hopsPerBucket + hopsInLast : hopsInLast
            hopsPerBucket *= 2
            powers = merged
        }

        func finish() -> LevelEnvelope {
            let levels = powers.enumerated().map { i, sum -> Double in
                let hops = i == powers.count - 1 ? max(1, hopsInLast) : hopsPerBucket
                let mean = sum / Double(hops)
                return mean > 0 ? ((10 * log10(mean)) * 10).rounded() / 10 : LevelEnvelope.silenceDB
            }
            return LevelEnvelope(bucketSeconds: Double(hopsPerBucket) * hopSeconds, levelsDB: levels)
        }
    }
}
