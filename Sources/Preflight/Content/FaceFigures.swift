/// The faces found in a video's sampled frames (`content.faces`). Filled by the face analysis.
public struct FaceFigures: Codable, Sendable {
}
