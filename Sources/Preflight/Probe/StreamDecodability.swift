import MediaIO

/// Whether this FFmpeg turns a stream's packets into frames. A stream it cannot decode can be neither
/// measured nor trusted to play anywhere that uses the same libraries: no decoder in this build, a
/// decoder that will not open (experimental, parameters missing), or packets that never yield a frame.
enum StreamDecodability {
    /// Packets of one stream (those an edit list discards not counted) fed to its decoder before concluding
    /// it yields no frame: far beyond any decoder's delay, and enough to reach a keyframe in a long GOP.
    static let packetsPerStream = 512
    /// Packets read at most by `firstFrames`: a stream whose packets are not near the start is left
    /// unjudged rather than making check read the whole file.
    static let packetsInFile = 4096

    /// The audio and video streams whose frames matter (cover art is a picture in a tag, not content).
    static func judged(_ streams: [StreamParameters]) -> [StreamParameters] {
        streams.filter { ($0.mediaType == .audio || $0.mediaType == .video) && !$0.isAttachedPicture }
    }

    /// A decoder for `stream`, or the issue saying why there is none.
    static func openDecoder(_ file: InputFile, _ stream: StreamParameters) -> (decoder: Decoder?, issue: IntegrityIssue?) {
        do {
            return (try Decoder(file: file, streamIndex: stream.index), nil)
        } catch {
            let why: String
            if case .libav(_, _, let code, let detail)? = error as? MediaIOError {
                why = code == .decoderNotFound ? "FFmpeg \(LibavVersion.release) has no \(stream.codecName) decoder"
                    : "the \(stream.codecName) decoder of FFmpeg \(LibavVersion.release) will not open (\(detail.isEmpty ? code.message : detail))"
            } else {
                why = "no decoder: \(error)"
            }
            return (nil, issue(stream, why))
        }
    }

    /// A stream whose packets gave no frame: all of them, or the first `packets` that `firstFrames` tried.
    static func noFrames(_ stream: StreamParameters, packets: Int, all: Bool) -> IntegrityIssue {
        let which = all ? "none of its \(packets) packets" : "none of its first \(packets) packets"
        return issue(stream, "\(which) decodes to a frame with FFmpeg \(LibavVersion.release)")
    }

    /// A file whose audio and video streams hold no packet: nothing plays, whatever the header declares.
    static func noPackets(declared: DurationInfo?) -> IntegrityIssue {
        let claim = declared.map { "the file declares \(fmt($0.seconds)) s (\($0.source.rawValue)) but " } ?? ""
        return IntegrityIssue(kind: .noPackets, message: claim + "its audio and video streams hold no packet", at: nil)
    }

    private static func issue(_ stream: StreamParameters, _ why: String) -> IntegrityIssue {
        IntegrityIssue(kind: .undecodable, message: "stream #\(stream.index) (\(stream.codecName) \(stream.mediaType.rawValue)): \(why)",
                       at: nil, stream: stream.index)
    }

    /// check's test, far cheaper than `--exact`: each audio and video stream's decoder is opened and fed that
    /// stream's packets only until its first frame comes out. A missing decoder is known without reading.
    static func firstFrames(_ file: InputFile, streams: [StreamParameters], declared: DurationInfo?) throws -> [IntegrityIssue] {
        var issues: [IntegrityIssue] = []
        var waiting: [Int: (decoder: Decoder, stream: StreamParameters, packets: Int)] = [:]
        let judged = judged(streams)
        for s in judged {
            let opened = openDecoder(file, s)
            if let d = opened.decoder { waiting[s.index] = (d, s, 0) }
            if let i = opened.issue { issues.append(i) }
        }
        let indexes = Set(judged.map(\.index))
        var anyPacket = false
        let packet = Packet()
        var read = 0
        do {
            while !waiting.isEmpty || !anyPacket {
                guard read < packetsInFile else { return issues }
                guard try file.readPacket(into: packet) else { break }
                read += 1
                let p = packet.info
                if indexes.contains(p.streamIndex) { anyPacket = true }
                guard var entry = waiting[p.streamIndex] else { continue }
                entry.decoder.decode(packet)
                if !p.isDiscarded { entry.packets += 1 }
                if entry.decoder.tally.frames > 0 {
                    waiting[p.streamIndex] = nil
                } else if entry.packets >= packetsPerStream {
                    issues.append(noFrames(entry.stream, packets: entry.packets, all: false))
                    waiting[p.streamIndex] = nil
                } else {
                    waiting[p.streamIndex] = entry
                }
            }
        } catch let e as MediaIOError {
            // A file that cannot be read to the end is --exact's finding; judge only what could be read.
            if e.endsTheRun { throw e }
            return issues
        }
        // End of file: frames a decoder still holds count too.
        for (_, entry) in waiting.sorted(by: { $0.key < $1.key }) {
            entry.decoder.flush()
            if entry.decoder.tally.frames == 0 && entry.packets > 0 { issues.append(noFrames(entry.stream, packets: entry.packets, all: true)) }
        }
        if !anyPacket && !judged.isEmpty { issues.append(noPackets(declared: declared)) }
        return issues
    }
}

extension StreamDecodability {
    /// check's findings for `stream` of `media` (V-DEC-01, A-DEC-01): it cannot be decoded, or the file holds
    /// no packet at all. `what` is "video" or "audio"; `reencode` says to what.
    static func hits(_ media: MediaInfo, stream: Int, what: String, reencode: String) -> [RuleHit] {
        media.integrity.compactMap { i in
            switch i.kind {
            case .undecodable where i.stream == stream:
                return RuleHit("preflight cannot decode this \(what): \(i.message); re-encode it to \(reencode)",
                               measured: "undecodable", limit: "decodes")
            case .noPackets:
                return RuleHit("the \(what) holds nothing to send: \(i.message)", measured: "no packets", limit: "packets that decode",
                               fix: "export or download the file again: it holds no \(what)")
            default:
                return nil
            }
        }
    }
}
