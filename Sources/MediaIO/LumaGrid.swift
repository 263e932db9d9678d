import CFFmpeg

/// Luma sampled on a coarse grid straight from a decoded picture's first plane (no scaling): enough to
/// see a frozen or black picture, at a cost that does not depend on the resolution.
public struct LumaGrid: Sendable, Equatable {
    public static let columns = 32
    public static let rows = 18
    public let values: [UInt8]
    /// Presentation time in seconds, when known.
    public let time: Double?

    public var mean: Double { Double(values.reduce(0) { $0 + Int($1) }) / Double(values.count) }

    public var standardDeviation: Double {
        let m = mean
        return (values.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(values.count)).squareRoot()
    }

    public func meanAbsoluteDifference(_ other: LumaGrid) -> Double {
        var sum = 0
        for i in values.indices { sum += abs(Int(values[i]) - Int(other.values[i])) }
        return Double(sum) / Double(values.count)
    }

    /// Samples the grid; nil for pixel formats whose first plane is not luma (RGB, palettes).
    static func sample(_ frame: UnsafeMutablePointer<AVFrame>, time: Double?) -> LumaGrid? {
        let f = frame.pointee
        guard f.width > 0, f.height > 0, let plane = f.data.0,
              let desc = av_pix_fmt_desc_get(AVPixelFormat(rawValue: f.format)),
              (desc.pointee.flags & UInt64(pf_pix_fmt_flag_rgb())) == 0,
              (desc.pointee.flags & UInt64(AV_PIX_FMT_FLAG_PAL)) == 0 else { return nil }
        let depth = Int(desc.pointee.comp.0.depth)
        let step = Int(desc.pointee.comp.0.step)
        let shift = max(0, depth - 8)
        let stride = Int(f.linesize.0)
        var values = [UInt8](repeating: 0, count: columns * rows)
        for r in 0..<rows {
            let y = (Int(f.height) * (2 * r + 1)) / (2 * rows)
            let line = plane + y * stride
            for c in 0..<columns {
                let x = (Int(f.width) * (2 * c + 1)) / (2 * columns)
                let v: Int
                if step >= 2 && depth > 8 {
                    v = Int(UnsafeRawPointer(line + x * step).loadUnaligned(as: UInt16.self)) >> shift
                } else {
                    v = Int(line[x * max(1, step)])
                }
                values[r * columns + c] = UInt8(clamping: v)
            }
        }
        return LumaGrid(values: values, time: time)
    }
}

extension Decoder {
    /// Decodes one packet and returns a luma grid for each picture it produced.
    public func decodeSampling(_ packet: Packet, timeBase: Rational) -> [LumaGrid] {
        var grids: [LumaGrid] = []
        decode(packet) { f in
            let ts = f.pointee.best_effort_timestamp
            if let g = LumaGrid.sample(f, time: ts == pf_nopts_value() || !timeBase.isValid ? nil : timeBase.seconds(ts)) { grids.append(g) }
        }
        return grids
    }

    public func flushSampling(timeBase: Rational) -> [LumaGrid] {
        var grids: [LumaGrid] = []
        flush { f in
            let ts = f.pointee.best_effort_timestamp
            if let g = LumaGrid.sample(f, time: ts == pf_nopts_value() || !timeBase.isValid ? nil : timeBase.seconds(ts)) { grids.append(g) }
        }
        return grids
    }
}
