/// The compact human summary of `probe`.
public enum ProbeTextRenderer {
    /// A few lines for a person: the file, its container, and one line per stream.
    public static func render(_ m: MediaInfo) -> String {
        var lines: [String] = []
        let mime = m.container.mimeType.map { " [\($0)]" } ?? ""
        lines.append("\(m.path)  (\(bytes(m.sizeBytes)), \(m.container.family): \(m.container.formatLongName)\(mime))")
        var head: [String] = []
        if let d = m.duration { head.append("duration \(sec(d.seconds)) s (\(d.source.rawValue))") } else { head.append("duration unknown") }
        if let b = m.bitRate { head.append("\(b / 1000) kb/s") }
        if let s = m.startTime, s != 0 { head.append("start \(sec(s)) s") }
        head.append("\(m.summary.videoStreams) video, \(m.summary.audioStreams) audio, \(m.summary.otherStreams) other")
        lines.append("  " + head.joined(separator: ", "))
        for v in m.video {
            var parts = ["#\(v.index) video \(v.codec)\(v.profile.map { " (\($0))" } ?? "")", "\(v.width)x\(v.height)"]
            if let sar = v.sampleAspectRatio, sar != "1:1" { parts.append("SAR \(sar) DAR \(v.displayAspectRatio ?? "?")") }
            var pix = v.pixelFormat ?? "?"
            if let b = v.bitDepth { pix += " \(b)-bit" }
            if let c = v.chromaSubsampling { pix += " \(c)" }
            if v.hasAlpha { pix += " alpha" }
            parts.append(pix)
            var rate = v.frameRate.map { "\(trim($0)) fps" } ?? "fps unknown"
            rate += " (r \(v.rFrameRate), avg \(v.avgFrameRate)) \(v.frameRateMode.kind.rawValue)"
            if v.frameRateMode.basis != .none { rate += " [\(v.frameRateMode.basis.rawValue)]" }
            parts.append(rate)
            if let n = v.frameCount { parts.append("\(n) frames") }
            if let d = v.duration { parts.append("\(sec(d.seconds)) s (\(d.source.rawValue))") }
            if let r = v.displayRotationClockwise, r != 0 {
                parts.append("rotated \(r)° clockwise on display (display matrix \(trim(v.rotation ?? 0))°)")
            }
            let color = [v.colorPrimaries, v.colorTransfer, v.colorSpace, v.colorRange].map { $0 ?? "-" }
            if color.contains(where: { $0 != "-" }) { parts.append("colour " + color.joined(separator: "/")) } else { parts.append("colour untagged") }
            if let h = v.hdrFormat { parts.append("HDR \(h)") }
            if let f = v.fieldOrder, f != "progressive" { parts.append("interlaced (\(f))") }
            if let b = v.bitRate { parts.append("\(b / 1000) kb/s") }
            lines.append("  " + parts.joined(separator: ", "))
        }
        for a in m.audio {
            var parts = ["#\(a.index) audio \(a.codec)\(a.profile.map { " (\($0))" } ?? "")", "\(a.sampleRate) Hz",
                         a.channelLayout ?? "\(a.channels) ch"]
            var f = a.sampleFormat ?? "?"
            if let b = a.bitDepth { f += " \(b)-bit" }
            parts.append(f)
            if let d = a.duration { parts.append("\(sec(d.seconds)) s (\(d.source.rawValue))") }
            if let b = a.bitRate { parts.append("\(b / 1000) kb/s") }
            if let l = a.language, l != "und" { parts.append(l) }
            lines.append("  " + parts.joined(separator: ", "))
        }
        for o in m.other {
            let size = o.width.flatMap { w in o.height.map { " \(w)x\($0)" } } ?? ""
            lines.append("  #\(o.index) \(o.kind.rawValue) \(o.codec)\(size)\(o.language.map { " (\($0))" } ?? "")")
        }
        if let e = m.exact {
            var parts = ["exact: measured \(e.duration.map { sec($0) } ?? "?") s"]
            if let agrees = e.declaredDurationAgrees {
                parts.append(agrees ? "declared duration agrees" : "declared \(sec(e.declaredDuration ?? 0)) s is WRONG")
            } else if e.declaredDuration == nil {
                parts.append("no declared duration")
            }
            let counts = e.streams.map { s in
                "#\(s.index) \(s.packets) packets/\(s.decodedFrames) frames\(s.decodedSamples.map { "/\($0) samples" } ?? "")"
            }
            parts.append(counts.joined(separator: "; "))
            parts.append("\(e.decodeErrors) decode errors")
            lines.append("  " + parts.joined(separator: ", "))
        }
        for i in m.integrity {
            lines.append("  ! \(i.kind.rawValue): \(i.message)")
        }
        return lines.joined(separator: "\n")
    }

    static func sec(_ x: Double) -> String {
        let ms = Int64((x * 1000).rounded())
        let sign = ms < 0 ? "-" : ""
        let a = abs(ms)
        let frac = String(a % 1000)
        return "\(sign)\(a / 1000).\(String(repeating: "0", count: 3 - frac.count))\(frac)"
    }

    static func trim(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    static func bytes(_ n: Int64) -> String {
        if n < 1024 { return "\(n) B" }
        if n < 1024 * 1024 { return "\(trim(Double(n) / 1024)) KiB" }
        return "\(trim(Double(n) / 1024 / 1024)) MiB"
    }
}
