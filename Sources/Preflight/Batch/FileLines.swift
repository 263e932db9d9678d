import Foundation

/// The complete lines of an open file, read through a fixed buffer: memory follows the longest line, not the
/// file (a results file of many thousand reports is read without holding it).
enum FileLines {
    static let chunkSize = 1 << 16

    /// Calls `body` with each line that ends in "\n" (without it), from the current offset of `fd` to its end,
    /// and returns how many bytes those lines take: what follows is a last line cut short.
    static func forEach(in fd: Int32, _ body: (Data) -> Void) throws -> Int {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var line = Data()
        var complete = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if n == 0 { return complete }
            var start = 0
            while let end = chunk[start..<n].firstIndex(of: UInt8(ascii: "\n")) {
                line.append(contentsOf: chunk[start..<end])
                complete += line.count + 1
                body(line)
                line.removeAll(keepingCapacity: true)
                start = end + 1
            }
            line.append(contentsOf: chunk[start..<n])
        }
    }
}
