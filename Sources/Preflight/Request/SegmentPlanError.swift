import Foundation

/// Why a `segments.json` could not be read. `message` is one line naming the segment and field.
public struct SegmentPlanError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// What kind of problem it is.
    public enum Kind: String, Sendable, Equatable {
        /// The file could not be read.
        case unreadable
        /// Not JSON at all.
        case malformedJSON
        /// JSON, but neither an array of segments nor `{"segments": [...]}`.
        case unexpectedShape
        /// A required field is absent (or null).
        case missingField
        /// A field has the wrong JSON type.
        case wrongType
        /// A field has the right type but an unusable value (e.g. a fractional frame number).
        case invalidValue
    }

    /// What kind of problem it is.
    public var kind: Kind
    /// 0-based index in the segments array, when the problem is inside one segment.
    public var segmentIndex: Int?
    /// The field path inside the segment, e.g. `"audioInput.refId"`.
    public var field: String?
    /// One line for a person naming the segment and field.
    public var message: String

    /// An error of `kind`, in segment `segmentIndex` and `field` when the problem is inside one, saying `message`.
    public init(kind: Kind, segmentIndex: Int? = nil, field: String? = nil, message: String) {
        self.kind = kind
        self.segmentIndex = segmentIndex
        self.field = field
        self.message = message
    }

    /// The `message`.
    public var description: String { message }
    /// The `message`, for `LocalizedError`.
    public var errorDescription: String? { message }
}
