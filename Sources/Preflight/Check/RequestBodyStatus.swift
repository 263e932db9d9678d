/// What became of the `/v2/generate` body `check --emit-request` was asked to write (docs/CHECK-JSON.md,
/// `requestBody`). A body that could not be written makes the report's exit code 4.
public struct RequestBodyStatus: Codable, Sendable, Equatable {
    /// Whether the body was written, held back or failed.
    public enum Outcome: String, Codable, Sendable {
        /// Written (atomically) to `path`.
        case written
        /// Not written because the check found errors or an unreadable input (`--emit-request-anyway` writes it).
        case withheld
        /// Writing failed (`reason`); nothing was left at `path`.
        case failed
    }

    /// The file `--emit-request` named.
    public var path: String
    /// What became of the body.
    public var outcome: Outcome
    /// Why it was withheld, or why writing failed.
    public var reason: String?
    /// Values in the written body that must be replaced before it is submitted.
    public var placeholders: [RequestEmitter.Placeholder]
    /// The face put into `options.active_speaker_detection` (`check --speaker`), when one was chosen.
    public var speaker: SpeakerSelection.Outcome?
}

extension RequestBodyStatus {
    /// One line for the report.
    public var summary: String {
        switch outcome {
        case .written:
            return "written to \(path)" + (placeholders.isEmpty ? "" : " with \(placeholders.count) placeholder(s) to replace before submitting")
        case .withheld: return "not written to \(path): \(reason ?? "the check found errors")"
        case .failed: return "could not be written to \(path): \(reason ?? "unknown error")"
        }
    }

    /// What the user must hear on stderr: where the body went (or why not), and each placeholder to replace.
    public var messages: [String] {
        switch outcome {
        case .written:
            return ["wrote the /v2/generate request body to \(path)"] + (speaker.map { [$0.summary] } ?? []) + placeholders.map { p in
                "warning: \(path) is not ready to submit: \(p.field) is the placeholder \(p.value); replace it with \(p.replaceWith)"
            }
        case .withheld:
            return ["--emit-request: \(path) was NOT written: \(reason ?? "the check found errors"); fix them, or pass --emit-request-anyway to write it regardless"]
        case .failed:
            return ["could not write \(path): \(reason ?? "unknown error")"]
        }
    }
}

extension SpeakerSelection.Outcome {
    /// One line: which face went into the body, and where.
    public var summary: String {
        guard let frame, let box else { return "active speaker: auto_detect (the API picks the face)" }
        let at = "[x \(box.x), y \(box.y), \(box.width)x\(box.height)] in frame \(frame) (\(facesSeen ?? 0) face(s) seen)"
        if let frames {
            return "active speaker: \(choice), \(frames) bounding boxes (one per frame, \(framesWithoutFace ?? 0) null where it is not seen); clearest at \(at)"
        }
        return "active speaker: \(choice), the centre of its face \(at)"
    }
}
