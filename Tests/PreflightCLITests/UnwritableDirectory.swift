import Foundation

/// A directory the preflight binary cannot write into. Root writes anywhere, so as root it is a root-owned 0755
/// directory and the binary runs as `nobody` (`user`, for `ProbeCLITests.run(_:as:)`); otherwise it is made 0555
/// and `user` is nil. `restore()` makes it removable again.
struct UnwritableDirectory {
    let url: URL
    let user: String?

    init(in dir: URL, named name: String = "locked") throws {
        url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        user = getuid() == 0 ? "nobody" : nil
        if user == nil { try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: url.path) }
    }

    func restore() { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
}
