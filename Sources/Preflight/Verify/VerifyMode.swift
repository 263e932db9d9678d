/// How much of the output `verify` decoded (`VerifyReport.mode`; `--quick` picks `quick`).
public enum VerifyMode: String, Codable, Sendable, CaseIterable {
    /// The whole output decoded: frames, audio, timestamps and pictures measured.
    case full
    /// Container, headers, index and a sample of keyframes only.
    case quick
}
