import Foundation

/// The POSIX reason of a file-system error ("File too large", "Is a directory") instead of Foundation's generic
/// sentence ("The file couldn’t be saved"), and the file it names: what every verb prints when a read or
/// write fails.
public enum FileErrorReason {
    /// The reason: the POSIX cause when Foundation carries one; else `errno` captured right after a failed
    /// write (`fallbackErrno`, since Foundation on Linux drops the cause of some writes); else the error's own text.
    public static func reason(_ error: Error, fallbackErrno: Int32 = 0) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == CocoaError.fileWriteUnknown.rawValue, fallbackErrno != 0 {
            return String(cString: strerror(fallbackErrno))
        }
        return ns.domain == NSCocoaErrorDomain ? ns.localizedDescription : String(describing: error)
    }

    /// "PATH: reason" when the error names a file, else the reason; always one line.
    public static func describe(_ error: Error, fallbackErrno: Int32 = 0) -> String {
        let ns = error as NSError
        let path = ns.userInfo[NSFilePathErrorKey] as? String ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        let text = (path.map { "\($0): " } ?? "") + reason(error, fallbackErrno: fallbackErrno)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
