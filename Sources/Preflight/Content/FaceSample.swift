/// The faces found in one sampled frame of a video, in the pixels of the video frame: the plain data speaker
/// selection works from (whatever detected them).
public struct FaceSample: Sendable, Equatable, Codable {
    /// A face box `[x, y, width, height]`, top-left origin.
    public struct Box: Sendable, Equatable, Codable {
        /// Top-left corner and size, pixels of the video frame.
        public var x: Int, y: Int, width: Int, height: Int
        /// A box at (`x`, `y`) of `width` x `height` pixels.
        public init(x: Int, y: Int, width: Int, height: Int) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
        /// Horizontal centre, pixels from the left edge.
        public var centerX: Double { Double(x) + Double(width) / 2 }
        /// Vertical centre, pixels from the top edge.
        public var centerY: Double { Double(y) + Double(height) / 2 }
        /// Area, square pixels.
        public var area: Int { width * height }
        /// `[x1, y1, x2, y2]` clipped to a `frameWidth` x `frameHeight` frame, as `bounding_boxes` wants it.
        public func corners(frameWidth: Int, frameHeight: Int) -> [Int] {
            [max(0, x), max(0, y), min(frameWidth, x + width), min(frameHeight, y + height)]
        }
        /// Whether the pixel (`px`, `py`) lies inside the box (right and bottom edges excluded).
        public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
    }

    /// 0-based index of the frame in decoding order (the API's `frame_number`).
    public var frame: Int
    /// Presentation time in seconds.
    public var time: Double
    /// The faces found in the frame, in no particular order; empty when none was.
    public var boxes: [Box]

    /// The faces `boxes` of frame `frame`, shown at `time` seconds.
    public init(frame: Int, time: Double, boxes: [Box]) {
        self.frame = frame
        self.time = time
        self.boxes = boxes
    }
}
