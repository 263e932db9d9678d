/// `options.active_speaker_detection`: which face the API lip-syncs when the video shows several.
///
/// Shape and wire names: the official Python SDK's `ActiveSpeaker`
/// (synchronicity-labs/sync-python-sdk `src/sync/common/types/active_speaker.py` @a2c4922, referenced by
/// `generation_options.py` as `active_speaker_detection`): `auto_detect` bool; `frame_number` int ("frame
/// index that corresponds to the provided coordinates"); `coordinates` int list ("reference point [x, y] on
/// the speaker's face in the specified frame_number"); `bounding_boxes` list of (int list or null)
/// ("per-frame array of bounding boxes [x1, y1, x2, y2] for the detected face, or null if no box for that
/// frame. Use instead of frame_number + coordinates when you already have detection data"). The stored
/// TypeScript SDK version (`ActiveSpeaker.ts` @cddb12c) has only `auto_detect`. The speaker-selection guide
/// (contract [SPK]) requires one box entry per video frame.
public struct ActiveSpeaker: Codable, Sendable, Equatable {
    /// `true`: the API picks the speaker itself; the other fields are then not sent.
    public var autoDetect: Bool?
    /// The 0-based frame (decoding order) that `coordinates` point into.
    public var frameNumber: Int?
    /// `[x, y]` in the pixels of the video frame.
    public var coordinates: [Int]?
    /// One entry per frame of the video: `[x1, y1, x2, y2]`, or null where the face is not seen.
    public var boundingBoxes: [[Int]?]?

    /// A value with the given fields; nil ones are left out of the JSON.
    public init(autoDetect: Bool? = nil, frameNumber: Int? = nil, coordinates: [Int]? = nil, boundingBoxes: [[Int]?]? = nil) {
        self.autoDetect = autoDetect
        self.frameNumber = frameNumber
        self.coordinates = coordinates
        self.boundingBoxes = boundingBoxes
    }

    /// Let the API pick the speaker.
    public static let auto = ActiveSpeaker(autoDetect: true)

    /// A point on the chosen face in one frame.
    public static func point(frame: Int, x: Int, y: Int) -> ActiveSpeaker {
        ActiveSpeaker(frameNumber: frame, coordinates: [x, y])
    }

    /// The chosen face's track, one entry per frame of the video.
    public static func boxes(_ track: [[Int]?]) -> ActiveSpeaker { ActiveSpeaker(boundingBoxes: track) }

    enum CodingKeys: String, CodingKey {
        case autoDetect = "auto_detect"
        case frameNumber = "frame_number"
        case coordinates
        case boundingBoxes = "bounding_boxes"
    }

}
