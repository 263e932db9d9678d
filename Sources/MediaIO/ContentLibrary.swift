import CContentLibrary

/// The face and speech functions in libPreflightContent.so (dlib, OpenCV), opened the first time a content
/// check needs them, so runs without one (probe, batch) never load those libraries.
enum ContentLibrary {
    static let opened: Result<pf_content_library, ContentLibraryError> = {
        var message = [CChar](repeating: 0, count: 512)
        guard let functions = pf_content_library_open(&message, message.count) else {
            return .failure(.contentLibraryMissing(reason: String(cBuffer: message)))
        }
        return .success(functions.pointee)
    }()

    static func functions() throws(ContentLibraryError) -> pf_content_library { try opened.get() }
}
