@testable import MediaIO
import Testing

/// The owner's failure path: libebur128 refuses the format, and deinit (which Swift runs, since every stored
/// property was set) must not hand it a nil state.
@Suite struct LoudnessMeterTests {
    @Test(arguments: [(0, 48000), (2, 0), (2, 8)])
    func refusedFormatThrowsInsteadOfCrashing(_ channels: Int, _ rate: Int) {
        #expect(throws: MediaIOError.self) { _ = try LoudnessMeter(channels: channels, sampleRate: rate) }
    }
}
