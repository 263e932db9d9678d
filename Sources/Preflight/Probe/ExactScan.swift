import MediaIO

/// `--exact`: read every packet and decode every audio and video frame, measuring what the file really holds.
enum ExactScan {
    struct Result {
        var measurement: ExactMeasurement
        var issues: [IntegrityIssue]
    }

    /// Per-stream accumulation; memory stays constant per stream whatever the file length.
    private struct StreamTally {
        let params: StreamParameters
        var decoder: Decoder?
        /// Why there is no decoder.
        var decoderIssue: IntegrityIssue?
        var packets = 0
        var bytes: Int64 = 0
        var start: Int64?
        var end: Int64?
        var lastDelta: Int64 = 0
        var reorder: [Int64] = []        // small window that puts B-frame PTS back in order
        var intervals = FrameIntervals()
        var decodedIntervals = FrameIntervals()
        var maxPacketSpan: Int64 = 0

        mutating func add(_ p: PacketInfo) {
            packets += 1
            bytes += Int64(p.size)
            guard let ts = p.pts ?? p.dts else { return }
            start = min(start ?? ts, ts)
            let span = p.duration > 0 ? p.duration : lastDelta
            maxPacketSpan = max(maxPacketSpan, span)
            end = max(end ?? ts + span, ts + span)
            if params.mediaType == .video {
                let i = reorder.firstIndex(where: { $0 > ts }) ?? reorder.count
                reorder.insert(ts, at: i)
                if reorder.count > 32 { push(reorder.removeFirst()) }
            }
        }

        var previousOrdered: Int64?
        mutating func push(_ ts: Int64) {
            if let prev = previousOrdered, ts > prev { lastDelta = ts - prev }
            previousOrdered = ts
            intervals.add(sortedTimestamp: ts)
        }

        mutating func finish() {
            for ts in reorder { push(ts) }
            reorder.removeAll()
        }
    }

    static func run(_ file: InputFile, info: MediaInfo) throws -> Result {
        let params = file.streams
        var tallies: [Int: StreamTally] = [:]
        for s in StreamDecodability.judged(params) {
            var t = StreamTally(params: s)
            (t.decoder, t.decoderIssue) = StreamDecodability.openDecoder(file, s)
            tallies[s.index] = t
        }
        var issues: [IntegrityIssue] = []
        let packet = Packet()
        do {
            while try file.readPacket(into: packet) {
                let p = packet.info
                guard tallies[p.streamIndex] != nil else { continue }
                tallies[p.streamIndex]!.add(p)
                if let produced = tallies[p.streamIndex]!.decoder?.decode(packet) {
                    for ts in produced { tallies[p.streamIndex]!.decodedIntervals.add(sortedTimestamp: ts) }
                }
            }
        } catch let error as MediaIOError {
            if error.endsTheRun { throw error }
            var at: Double? = nil
            for t in tallies.values { if let e = t.end, t.params.timeBase.isValid { at = max(at ?? 0, t.params.timeBase.seconds(e)) } }
            issues.append(IntegrityIssue(kind: .readError, message: "reading stopped before the end of the file: \(error.reason)", at: at))
        }

        var streams: [StreamMeasurement] = []
        var earliest: Double? = nil
        var latest: Double? = nil
        var tolerance = 0.05
        var totalErrors = 0
        var firstError: (Double?, String?)? = nil
        var undecodable: [IntegrityIssue] = []
        for index in tallies.keys.sorted() {
            var t = tallies[index]!
            t.finish()
            for ts in t.decoder?.flush() ?? [] { t.decodedIntervals.add(sortedTimestamp: ts) }
            let s = t.params
            let tb = s.timeBase
            let tally = t.decoder?.tally ?? DecodeTally()
            if let i = t.decoderIssue {
                undecodable.append(i)
            } else if t.packets > 0 && tally.frames == 0 {
                undecodable.append(StreamDecodability.noFrames(s, packets: t.packets, all: true))
            }
            // What decodes is what plays: a packet cut short by truncation is demuxed but yields no frame.
            if let first = tally.firstTimestamp, let last = tally.lastTimestamp, tally.frames > 0 {
                t.start = first
                if s.mediaType == .audio, s.sampleRate > 0, tb.isValid {
                    // Samples are the truth for audio; frame timestamps can lag by the decoder's delay.
                    t.end = first + Int64((Double(tally.samples) / Double(s.sampleRate) / tb.seconds(1)).rounded())
                } else {
                    t.end = last + (tally.lastFrameDuration > 0 ? tally.lastFrameDuration : t.lastDelta)
                }
            }
            var duration: Double? = nil
            if let a = t.start, let b = t.end, tb.isValid {
                duration = tb.seconds(b - a)
                earliest = min(earliest ?? tb.seconds(a), tb.seconds(a))
                latest = max(latest ?? tb.seconds(b), tb.seconds(b))
                tolerance = max(tolerance, 2 * tb.seconds(t.maxPacketSpan))
            }
            let errors = tally.errorCount
            totalErrors += errors
            let errorAt = tally.firstErrorPacketPTS.map { tb.seconds($0) }
            if errors > 0, firstError == nil || (errorAt ?? .infinity) < (firstError!.0 ?? .infinity) {
                firstError = (errorAt, tally.lastErrorMessage)
            }
            var mode: FrameRateMode? = nil
            if s.mediaType == .video, tb.isValid {
                let decoded = t.decodedIntervals.count >= 2 && tally.frames + 1 >= t.packets
                mode = (decoded ? t.decodedIntervals : t.intervals).classify(tickSeconds: tb.seconds(1), basis: .packets)
            }
            let declared = MediaProbe.streamDuration(s)?.seconds
            streams.append(StreamMeasurement(
                index: index, packets: t.packets, bytes: t.bytes, decodedFrames: tally.frames,
                decodedSamples: s.mediaType == .audio ? tally.samples : nil, duration: duration,
                declaredDuration: declared, frameRateMode: mode, decodeErrors: errors, firstErrorAt: errorAt,
                lastErrorMessage: tally.lastErrorMessage))
        }

        var measured: Double? = nil
        if let a = earliest, let b = latest { measured = b - a }
        let declared = info.duration?.seconds
        var agrees: Bool? = nil
        if let m = measured, let d = declared {
            agrees = abs(m - d) <= tolerance
            if agrees == false {
                let direction = d > m ? "longer" : "shorter"
                issues.append(IntegrityIssue(
                    kind: .durationMismatch,
                    message: "declared duration \(fmt(d)) s (\(info.duration!.source.rawValue)) is \(direction) than the \(fmt(m)) s actually in the file",
                    at: min(m, d)))
            }
        } else if let m = measured, declared == nil {
            issues.append(IntegrityIssue(kind: .durationMissing,
                                         message: "the file declares no duration; \(fmt(m)) s measured by reading every packet", at: nil))
        }
        if totalErrors > 0 {
            let at = firstError?.0
            let what = firstError?.1.map { ": \($0)" } ?? ""
            issues.append(IntegrityIssue(kind: .decodeErrors,
                                         message: "\(totalErrors) decode error(s), first at \(fmt(at)) s\(what)", at: at))
        }
        issues += undecodable
        // A read error already says why nothing was read.
        if !tallies.isEmpty, tallies.values.allSatisfy({ $0.packets == 0 }), !issues.contains(where: { $0.kind == .readError }) {
            issues.append(StreamDecodability.noPackets(declared: info.duration))
        }
        return Result(
            measurement: ExactMeasurement(duration: measured, declaredDuration: declared, declaredDurationAgrees: agrees,
                                          tolerance: tolerance, streams: streams, decodeErrors: totalErrors),
            issues: issues)
    }
}
