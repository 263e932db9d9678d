import MediaIO

/// Reads what is in a media file.
public enum MediaProbe {
    /// Probes one local file. Throws `MediaIOError` when it cannot be read as media.
    public static func probe(path: String, options: ProbeOptions = ProbeOptions()) throws -> MediaInfo {
        let file = try InputFile(path: path, options: options.open)
        // Stream parameters and the demuxers' sample indexes are read once and shared below.
        let streams = file.streams
        var indexes: [Int: [IndexEntry]] = [:]
        for st in streams where st.mediaType == .audio || st.mediaType == .video {
            indexes[st.index] = file.indexEntries(streamIndex: st.index)
        }
        var info = describe(file, streams: streams, indexes: indexes)
        info.integrity = headerIntegrity(file, streams: streams, indexes: indexes, info: info)
        if options.exact {
            let scan = try ExactScan.run(file, info: info)
            info.exact = scan.measurement
            info.integrity += scan.issues
            for i in info.video.indices {
                if let m = scan.measurement.streams.first(where: { $0.index == info.video[i].index }), let mode = m.frameRateMode {
                    info.video[i].frameRateMode = mode
                }
            }
        } else if options.firstFrames {
            info.integrity += try StreamDecodability.firstFrames(file, streams: streams, declared: info.duration)
        }
        return info
    }

    static func describe(_ file: InputFile, streams: [StreamParameters], indexes: [Int: [IndexEntry]]) -> MediaInfo {
        let c = file.container
        let params = streams
        var video: [VideoStreamInfo] = []
        var audio: [AudioStreamInfo] = []
        var other: [OtherStreamInfo] = []
        for s in params {
            switch s.mediaType {
            case .video where !s.isAttachedPicture:
                video.append(videoInfo(s, index: indexes[s.index] ?? []))
            case .video:
                // Cover art has a size like any picture; 0 means the header did not say.
                other.append(OtherStreamInfo(index: s.index, kind: .attachedPicture, codec: s.codecName, language: s.tags["language"],
                                             width: s.width > 0 ? s.width : nil, height: s.height > 0 ? s.height : nil))
            case .audio:
                audio.append(audioInfo(s))
            case .subtitle:
                other.append(OtherStreamInfo(index: s.index, kind: .subtitle, codec: s.codecName, language: s.tags["language"]))
            case .data:
                other.append(OtherStreamInfo(index: s.index, kind: .data, codec: s.codecName, language: s.tags["language"]))
            case .attachment:
                other.append(OtherStreamInfo(index: s.index, kind: .attachment, codec: s.codecName, language: s.tags["language"]))
            case .unknown:
                other.append(OtherStreamInfo(index: s.index, kind: .unknown, codec: s.codecName, language: s.tags["language"]))
            }
        }
        let ext = fileExtension(file.path)
        let container = ContainerInfo.classify(formatName: c.formatName, formatLongName: c.formatLongName, fileExtension: ext,
                                               majorBrand: c.tags["major_brand"], hasVideo: !video.isEmpty,
                                               codecs: video.map(\.codec) + audio.map(\.codec))
        var duration: DurationInfo? = nil
        if let d = c.duration, d > 0 {
            let seconds = Double(d) / 1_000_000
            let source: DurationSource
            if file.header.formatDuration != nil {
                source = .containerHeader
            } else {
                switch c.durationEstimation {
                case .streams: source = .streamHeader
                case .timestamps: source = .timestamps
                case .bitrate: source = .bitrateEstimate
                }
            }
            duration = DurationInfo(seconds: seconds, source: source)
        }
        return MediaInfo(
            path: file.path,
            sizeBytes: file.fileSize,
            container: container,
            duration: duration,
            startTime: c.startTime.map { Double($0) / 1_000_000 },
            bitRate: c.bitRate,
            video: video,
            audio: audio,
            other: other,
            summary: MediaSummary(hasVideo: !video.isEmpty, hasAudio: !audio.isEmpty, videoStreams: video.count,
                                  audioStreams: audio.count, otherStreams: other.count),
            integrity: [],
            exact: nil
        )
    }

    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...]).lowercased()
    }

    static func streamDuration(_ s: StreamParameters) -> DurationInfo? {
        if let d = s.headerDuration, s.timeBase.isValid {
            return DurationInfo(seconds: s.timeBase.seconds(d), source: .streamHeader)
        }
        if let d = s.duration, s.timeBase.isValid {
            return DurationInfo(seconds: s.timeBase.seconds(d), source: .derived)
        }
        if let tag = s.tags["DURATION"] ?? s.tags["duration"], let seconds = parseClockDuration(tag) {
            return DurationInfo(seconds: seconds, source: .streamTag)
        }
        return nil
    }

    /// Matroska's `DURATION` tag: "00:00:02.040000000".
    static func parseClockDuration(_ text: String) -> Double? {
        let parts = text.split(separator: ":")
        guard parts.count == 3, let h = Double(parts[0]), let m = Double(parts[1]), let s = Double(parts[2]) else { return nil }
        return h * 3600 + m * 60 + s
    }

    static func videoInfo(_ s: StreamParameters, index: [IndexEntry]) -> VideoStreamInfo {
        var dar: String? = nil
        var sarText: String? = nil
        if let sar = s.sampleAspectRatio, s.width > 0, s.height > 0 {
            sarText = "\(sar.num):\(sar.den)"
            let (n, d) = reduce(Int64(s.width) * Int64(sar.num), Int64(s.height) * Int64(sar.den))
            dar = "\(n):\(d)"
        }
        let chroma: String?
        if s.pixelFormat == nil {
            chroma = nil
        } else if s.pixelFormatIsRGB {
            chroma = "rgb"
        } else if s.componentCount <= 2 {
            chroma = "gray"
        } else {
            switch (s.chromaShiftW, s.chromaShiftH) {
            case (1, 1): chroma = "4:2:0"
            case (1, 0): chroma = "4:2:2"
            case (0, 0): chroma = "4:4:4"
            case (2, 0): chroma = "4:1:1"
            case (0, 1): chroma = "4:4:0"
            case (2, 2): chroma = "4:1:0"
            default: chroma = nil
            }
        }
        let hdrFormat: String?
        switch s.colorTransfer {
        case "smpte2084": hdrFormat = "PQ (HDR10)"
        case "arib-std-b67": hdrFormat = "HLG"
        default: hdrFormat = nil
        }
        var rotationCW: Int? = nil
        if let r = s.displayMatrixRotation {
            let cw = Int((-r).rounded()) % 360
            rotationCW = cw < 0 ? cw + 360 : cw
        }
        let alphaTag = s.tags["alpha_mode"] == "1" || s.tags["ALPHA_MODE"] == "1"
        let rate = s.averageFrameRate.doubleValue ?? s.realFrameRate.doubleValue
        return VideoStreamInfo(
            index: s.index, codec: s.codecName, codecLongName: s.codecLongName, profile: s.profile,
            width: s.width, height: s.height, sampleAspectRatio: sarText, displayAspectRatio: dar,
            pixelFormat: s.pixelFormat, bitDepth: s.bitsPerComponent, hasAlpha: s.pixelFormatHasAlpha || alphaTag,
            chromaSubsampling: chroma,
            rFrameRate: s.realFrameRate.description, avgFrameRate: s.averageFrameRate.description,
            frameRate: rate, frameRateMode: headerFrameRateMode(s, index: index), frameCount: s.frameCount,
            rotation: s.displayMatrixRotation, displayRotationClockwise: rotationCW,
            colorPrimaries: s.colorPrimaries, colorTransfer: s.colorTransfer, colorSpace: s.colorSpace,
            colorRange: s.colorRange, isHDR: hdrFormat != nil, hdrFormat: hdrFormat, fieldOrder: s.fieldOrder,
            duration: streamDuration(s), startTime: s.startTime.map { s.timeBase.seconds($0) },
            bitRate: s.bitRate, language: s.tags["language"], isDefault: s.isDefault)
    }

    /// Without scanning packets: the demuxer's index when it lists every frame (MP4/MOV), else only a header hint.
    static func headerFrameRateMode(_ s: StreamParameters, index entries: [IndexEntry]) -> FrameRateMode {
        let index = entries.map(\.timestamp)
        if let frames = s.frameCount, frames >= 3, index.count >= frames, s.timeBase.isValid {
            return FrameRateMode.classify(sortedTimestamps: index.sorted(), tickSeconds: s.timeBase.seconds(1), basis: .index)
        }
        if let r = s.realFrameRate.doubleValue, let a = s.averageFrameRate.doubleValue, abs(r - a) > 0.01 * r {
            return FrameRateMode(kind: .variable, basis: .header)
        }
        return FrameRateMode(kind: .unknown, basis: .header)
    }

    static func audioInfo(_ s: StreamParameters) -> AudioStreamInfo {
        let isFloat = s.sampleFormat.map { $0.hasPrefix("flt") || $0.hasPrefix("dbl") } ?? false
        var depth: Int? = nil
        if s.codecBitsPerSample > 0 {
            depth = s.codecBitsPerSample                       // PCM: the stored width
        } else if s.bitsPerRawSample > 0 {
            depth = s.bitsPerRawSample                         // FLAC, ALAC
        }
        return AudioStreamInfo(
            index: s.index, codec: s.codecName, codecLongName: s.codecLongName, profile: s.profile,
            sampleRate: s.sampleRate, channels: s.channels, channelLayout: s.channelLayout, sampleFormat: s.sampleFormat,
            bitDepth: depth, isFloat: isFloat, duration: streamDuration(s),
            startTime: s.startTime.map { s.timeBase.seconds($0) }, bitRate: s.bitRate,
            language: s.tags["language"], isDefault: s.isDefault)
    }

    static func reduce(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        var x = abs(a), y = abs(b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? (a, b) : (a / x, b / x)
    }

    /// Cheap truncation checks that need no packet reads: an MP4 index or a PCM data size that points past
    /// the end of the file. ffprobe reports such files as whole.
    static func headerIntegrity(_ file: InputFile, streams params: [StreamParameters], indexes: [Int: [IndexEntry]],
                                info: MediaInfo) -> [IntegrityIssue] {
        var issues: [IntegrityIssue] = []
        let size = file.fileSize
        var worstAvailable: Double? = nil
        var claimed: Double? = nil
        for s in params where (s.mediaType == .audio || s.mediaType == .video) && s.timeBase.isValid {
            let entries = indexes[s.index] ?? []
            guard let frames = s.frameCount, entries.count >= frames, entries.count > 1 else { continue }
            let beyond = entries.filter { $0.position >= 0 && $0.position + Int64($0.size) > size }
            guard !beyond.isEmpty else { continue }
            let firstMissing = beyond.map(\.timestamp).min()!
            let start = entries.map(\.timestamp).min() ?? 0
            let available = s.timeBase.seconds(firstMissing - start)
            worstAvailable = min(worstAvailable ?? available, available)
            if let d = s.headerDuration ?? s.duration { claimed = max(claimed ?? 0, s.timeBase.seconds(d)) }
        }
        if let available = worstAvailable {
            let claim = claimed ?? info.duration?.seconds
            issues.append(IntegrityIssue(
                kind: .truncated,
                message: "the header indexes media up to \(fmt(claim)) s but the file ends after about \(fmt(available)) s (\(size) bytes)",
                at: available))
        }
        // WAV: libavformat caps the declared data size at the file size, so compare the raw header ourselves.
        if info.container.family == "wav", let wav = RIFFWaveHeader.read(path: file.path),
           let a = params.first(where: { $0.mediaType == .audio }), a.bitRate ?? 0 > 0 {
            let bytesPerSecond = Double(a.bitRate!) / 8
            if wav.hasPlaceholderSizes {
                issues.append(IntegrityIssue(
                    kind: .headerPlaceholder,
                    message: "the WAV header's sizes are placeholders (RIFF \(hex(wav.riffSize)), data \(hex(wav.dataSize))), as written by a streaming muxer: the duration is not declared; rewrite the header (e.g. ffmpeg -i IN -c copy OUT.wav)",
                    at: nil))
            } else if wav.missingBytes > 0 {
                let declared = Double(wav.dataSize) / bytesPerSecond
                let available = Double(wav.fileSize - wav.dataOffset) / bytesPerSecond
                issues.append(IntegrityIssue(
                    kind: .truncated,
                    message: "the WAV header declares \(fmt(declared)) s of audio (\(wav.dataSize) data bytes) but the file holds \(fmt(available)) s (\(wav.missingBytes) bytes missing)",
                    at: available))
            }
        }
        return issues
    }
}

func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16, uppercase: true) }

/// A measured number of seconds in an issue's message ("2.0", "0.491"); "?" when unknown.
func fmt(_ x: Double?) -> String { x.map(NumberText.decimal) ?? "?" }
