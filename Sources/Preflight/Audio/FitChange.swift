/// What fitting the audio to the video's length did (`PrepareReport.FitAction.action`).
public enum FitChange: String, Codable, Sendable, CaseIterable {
    /// Silence was added at the end to reach the length the sync_mode wants.
    case padded
    /// The end was cut to the length the sync_mode wants.
    case trimmed
    /// The audio already had the length the sync_mode wants.
    case unchanged
}
