import Foundation

/// One line of a batch manifest: a check of a video/audio pair (or video and TTS script), or a verify of an
/// output against them. The `…URL` fields and `voiceID` are what `--emit-batch` puts in the request.
public struct BatchJob: Sendable, Equatable {
    /// The job's id, unique in the manifest (given, or made from the line number or the file path).
    public var id: String
    /// Path of the video to check (or that the verified output was made from).
    public var video: String?
    /// Path of the audio to check (or that the verified output was made from).
    public var audio: String?
    /// A text file holding the TTS script, checked like `check --text`.
    public var text: String?
    /// A segments JSON file, checked like `check --segments`.
    public var segments: String?
    /// The sync mode the request will ask for; nil: the advisor's choice.
    public var syncMode: SyncMode?
    /// The plan to check against; nil: the batch's `--plan`.
    public var plan: Plan?
    /// The lipsync model to check for; nil: the batch's `--model`.
    public var model: LipsyncModel?
    /// `outputFileName` of the request (G-NAME-01).
    public var outputName: String?
    /// Public https URLs of the video and audio, and the ElevenLabs voice of `text`, for `--emit-batch`.
    public var videoURL: String?
    /// Public https URL of the audio.
    public var audioURL: String?
    /// ElevenLabs voice id that speaks `text`.
    public var voiceID: String?
    /// When present the job verifies this output instead of checking the inputs.
    public var output: String?

    /// A job with only an id; set the fields it needs.
    public init(id: String) { self.id = id }

    /// Whether this job checks inputs (as opposed to verifying an output).
    public var isCheck: Bool { output == nil }

    /// What `--emit-batch` needs and this check job lacks to make a request the API can fetch: a video (the
    /// visual input of every generation) and the manifest keys naming a public URL (or voice) for each input.
    public var missingSubmissionKeys: [String] {
        guard isCheck else { return [] }
        var missing: [String] = []
        if video == nil { missing.append("video") }
        if videoURL == nil { missing.append("video_url") }
        if audio != nil && audioURL == nil { missing.append("audio_url") }
        if text != nil && voiceID == nil { missing.append("voice_id") }
        return missing
    }

    /// Every local path the job reads (outputs must not be one of them).
    public var inputPaths: [String] { [video, audio, text, segments, output].compactMap { $0 } }
}
