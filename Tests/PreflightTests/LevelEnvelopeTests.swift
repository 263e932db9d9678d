import Testing
@testable import Preflight

/// The level curve of the HTML report: 100 ms buckets of mean hop power, doubled so there are never more than
/// `maxBuckets`, whatever the length.
@Suite struct LevelEnvelopeTests {
    static func envelope(seconds: Double, level: (Double) -> Float) -> LevelEnvelope {
        var a = LevelEnvelope.Accumulator(hopSeconds: 0.02)
        let hops = Int((seconds / 0.02).rounded())
        for i in 0..<hops { a.add(levelDB: level(Double(i) * 0.02)) }
        return a.finish()
    }

    @Test func shortAudioKeepsTenthsOfASecond() {
        let e = Self.envelope(seconds: 1) { _ in -20 }
        #expect(e.bucketSeconds == 0.1)
        #expect(e.levelsDB.count == 10 && e.levelsDB.allSatisfy { $0 == -20 })
    }

    @Test func mixesPowersNotDecibels() {
        // One hop of the five in each bucket at -20 dBFS, the rest silent: the mean power is 7 dB lower
        // (10 log10 5), not the mean of the decibels (-100).
        let e = Self.envelope(seconds: 1) { t in Int((t / 0.02).rounded()) % 5 == 0 ? -20 : -120 }
        #expect(e.levelsDB.count == 10 && e.levelsDB.allSatisfy { $0 == -27 })
    }

    @Test func fiveMinutesStayUnderTheBound() {
        let e = Self.envelope(seconds: 300) { t in t < 150 ? -20 : -120 }
        #expect(e.bucketSeconds == 0.4)
        #expect(e.levelsDB.count == 750 && e.levelsDB.count <= LevelEnvelope.maxBuckets)
        #expect(e.levelsDB.first == -20 && e.levelsDB.last == -120)
        // The bucket holding 150 s is wholly loud or wholly silent (150 / 0.4 is whole).
        #expect(e.levelsDB[374] == -20 && e.levelsDB[375] == -120)
    }

    @Test func anHourStaysUnderTheBound() {
        let e = Self.envelope(seconds: 3600) { _ in -30 }
        #expect(e.levelsDB.count <= LevelEnvelope.maxBuckets && e.levelsDB.count > LevelEnvelope.maxBuckets / 2)
        #expect(e.levelsDB.allSatisfy { $0 == -30 })
        #expect(abs(Double(e.levelsDB.count) * e.bucketSeconds - 3600) < e.bucketSeconds)
    }
}
