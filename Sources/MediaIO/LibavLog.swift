import CLibavLog

/// libav's log, captured per thread instead of printed (see `libav_log.h`).
enum LibavLog {
    private static let installed: Bool = {
        pf_install_log_capture()
        return true
    }()

    static func install() { _ = installed }
    static func reset() { install(); pf_log_reset() }
    static var errorCount: Int { Int(pf_log_errors()) }

    static var lastError: String {
        var buffer = [CChar](repeating: 0, count: 256)
        pf_log_copy_last(&buffer, buffer.count)
        return String(cBuffer: buffer).trimmingCharacters(in: " \t")
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return String(s)
    }
}
