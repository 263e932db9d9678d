/// How much of the picture and the sound `check` looks at (`--content`): docs/CONTENT.md says what each samples.
public enum ContentDepth: String, Codable, Sendable, CaseIterable {
    /// Containers only: no face or speech analysis.
    case off
    /// The default: the first frame and a bounded number of keyframes, the speech of every audio.
    case fast
    /// Denser sampling, for when a wrong answer costs more than the time.
    case thorough
}
