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

    /// The library file the process uses (the AVX2 build on a CPU that has AVX2 and FMA); nil when none opens.
    static var openedFile: String? { pf_content_library_opened_file().map { String(cString: $0) } }

    /// The functions of one build, opened apart from the process's library (to compare the two builds).
    static func load(file: String) throws(ContentLibraryError) -> pf_content_library {
        var message = [CChar](repeating: 0, count: 512)
        // The C struct's function pointers are non-null, so Swift has no empty value of it: C fills raw memory.
        let functions = UnsafeMutablePointer<pf_content_library>.allocate(capacity: 1)
        defer { functions.deallocate() }
        guard pf_content_library_load(file, functions, &message, message.count) == 0 else {
            throw .contentLibraryMissing(reason: String(cBuffer: message))
        }
        return functions.pointee
    }
}
