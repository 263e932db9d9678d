import Foundation
import Mustache

/// `check --format html`: one self-contained page (docs/HTML-REPORT.md) with the inputs, the first frame and the
/// sampled frames with their face boxes, the sound's level with its speech shaded, what each sync_mode does to
/// the two lengths, and the findings. Pictures are inline JPEGs (`FramePicture`), charts inline SVG, the
/// style inline; a Content-Security-Policy allows nothing else, so the page makes no request.
///
/// Rendered with swift-mustache: every `{{value}}` is HTML-escaped (`& < > " '`) by default, in text and in
/// attributes alike, and the template uses no unescaped tag, so a file name such as `<script>.mp4` stays text.
/// (Plot writes attribute values unescaped; Stencil escapes nothing by default.)
public enum CheckHTMLRenderer {
    /// Where the rule ids link to: docs/RULES.md, whose rows carry an anchor per id.
    public static let defaultRulesDocument = "docs/RULES.md"

    /// The page for `report`; `rulesDocument` is the link target of rule ids (an anchor per id is appended).
    public static func render(_ report: CheckReport, strict: Bool, rulesDocument: String = defaultRulesDocument) -> String {
        let page = Page(report, strict: strict, rulesDocument: rulesDocument)
        return CheckHTMLTemplate.template.render(page, library: CheckHTMLTemplate.library)
    }

    // MARK: - What the template reads (names are unique across levels: Mustache looks a missing or nil value up
    // in the enclosing objects).

    struct Page {
        var heading: PageHeading
        var inputs: [InputLine]
        var notes: [String]
        var hasNotes: Bool
        var pictureInputs: [PictureInput]
        var soundInputs: [SoundInput]
        var timeline: Timeline?
        var outputOnly: String?
        var segmentRows: [SegmentRow]
        var findingRows: [FindingRow]
        var noFindings: Bool
        var requestBody: String?
        var dubbing: String?
    }

    struct InputLine {
        var role: String
        var inputPath: String
        var summary: String
        var unreadable: String?
    }

    /// A picture with face boxes, in the frame's own pixels (`viewBox`).
    struct Frame {
        var src: String?
        var frameWidth: Int
        var frameHeight: Int
        var imageWidth: Int
        var imageHeight: Int
        var boxes: [Box]
        var caption: String
        var noFace: Bool
        var labelSize: String
    }

    struct Box {
        var number: Int
        var x: Int, y: Int, w: Int, h: Int
        var labelX: Int, labelY: Int
        var size: String
    }

    struct PictureInput {
        var pictureRole: String
        var picturePath: String
        var facesLine: String
        var first: Frame?
        var firstBoxes: [Box]
        var hasFirstBoxes: Bool
        var presence: Presence?
        var strip: [Frame]
        var hasStrip: Bool
        var stripNote: String?
    }

    /// Faces over time: one tick per sampled picture, stretches without a face and still runs shaded.
    struct Presence {
        var width: Int
        var ticks: [Tick]
        var gaps: [Span]
        var stills: [Span]
        var axis: [AxisMark]
    }

    struct Tick { var tickX: String; var hasFace: Bool; var tip: String }
    struct Span { var spanX: String; var spanW: String; var tip: String }
    struct AxisMark { var markX: String; var markText: String }

    struct SoundInput {
        var soundRole: String
        var soundPath: String
        var speechLine: String
        var speechSpans: [Span]
        var levelPoints: String?
        var axis: [AxisMark]
        var levelNote: String?
    }

    struct Timeline {
        var usedMode: String
        var usedHow: String
        var advisedMode: String?
        var outputText: String
        var reason: String?
        var height: Int
        var axis: [AxisMark]
        var axisY: Int
        var inputBars: [Bar]
        var modeRows: [ModeRow]
        var outputByMode: String
    }

    struct Bar {
        var barX: String
        var barY: Int
        var barW: String
        var barH: Int
        var kind: String
        var barLabel: String?
        var labelX: String
        var labelY: Int
        var tip: String
    }

    struct ModeRow {
        var mode: String
        var rowY: Int
        var textY: Int
        var advised: Bool
        var used: Bool
        var bars: [Bar]
        var rowOutput: String
    }

    struct SegmentRow { var segmentText: String }

    struct FindingRow {
        var severity: String
        var ruleID: String
        var ruleLink: String
        var ruleTitle: String
        var inputRole: String
        var findingPath: String?
        var message: String
        var measure: String?
        var timeRange: String?
        var fix: String
    }
}

extension CheckHTMLRenderer.Page {
    typealias R = CheckHTMLRenderer

    init(_ r: CheckReport, strict: Bool, rulesDocument: String) {
        let title = r.inputs.first { $0.role == .video || $0.role == .image }.map { URL(fileURLWithPath: $0.path).lastPathComponent }
            ?? r.inputs.first.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "inputs"
        heading = PageHeading(command: "check", report: r, strict: strict, title: title,
                              settings: "profile \(r.profile) · model \(r.model.rawValue)" + (r.plan.map { " · plan \($0.rawValue)" } ?? ""))
        inputs = r.inputs.map(R.InputLine.init)
        notes = r.inputs.flatMap { i in (i.content?.notMeasured ?? []).map { "\(i.role.rawValue): not measured: \($0)" } }
        hasNotes = !notes.isEmpty
        pictureInputs = r.inputs.compactMap { i in i.content?.faces.map { R.PictureInput(i, faces: $0, stills: i.content?.stillRuns ?? []) } }
        soundInputs = r.inputs.compactMap { i in i.content?.speech.map { R.SoundInput(i, speech: $0) } }
        if let a = r.advice, r.segmentAdvice == nil {
            timeline = R.Timeline(advice: a, used: r.syncMode ?? a.mode, requested: r.syncModeRequested,
                                  speech: r.inputs.first { $0.role == .audio }?.content?.speech)
            outputOnly = nil
        } else {
            timeline = nil
            var line = r.syncMode.map { "sync_mode: \($0.rawValue) (\(r.syncModeRequested ? "requested" : "advised"))" } ?? ""
            if let o = r.outputDuration { line += (line.isEmpty ? "output duration: " : " → output ") + String(format: "%.2f s", o) }
            if let a = r.advice { line += ". " + a.reason }
            outputOnly = line.isEmpty ? nil : line
        }
        segmentRows = (r.segmentAdvice ?? []).map { s in
            R.SegmentRow(segmentText: String(format: "segment %d (%@): video %.2f–%.2f s, audio %.2f s → %@", s.segment, s.refId,
                                             s.videoStart, s.videoEnd, s.audioDuration, s.mode.rawValue))
        }
        findingRows = R.findingRows(r.findings, rulesDocument: rulesDocument)
        noFindings = r.findings.isEmpty
        requestBody = r.requestBody.map { "request body: " + $0.summary }
        dubbing = r.dubParams.map { d in
            "dubbing: the video's own speech, \(d.sourceLang) → \(d.targetLang) (\(d.providerName), "
                + (d.numSpeakers == 0 ? "speakers detected" : "\(d.numSpeakers) speaker(s)") + "): dubParams, no audio input"
        }
    }
}

// The table rows are the values a batch page renders most (per job, under the runner's lock): looked up by name
// rather than by swift-mustache's default of reflecting the whole struct (Mirror) for every tag, which was about a
// quarter of the CPU of a 1000-job `batch --html`.
extension CheckHTMLRenderer.InputLine: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "role": return role
        case "inputPath": return inputPath
        case "summary": return summary
        case "unreadable": return unreadable
        default: return nil
        }
    }
}

extension CheckHTMLRenderer.FindingRow: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "severity": return severity
        case "ruleID": return ruleID
        case "ruleLink": return ruleLink
        case "ruleTitle": return ruleTitle
        case "inputRole": return inputRole
        case "findingPath": return findingPath
        case "message": return message
        case "measure": return measure
        case "timeRange": return timeRange
        case "fix": return fix
        default: return nil
        }
    }
}

extension CheckHTMLRenderer.InputLine {
    /// An input as the input table shows it (check's page and the batch page's job sections).
    init(_ i: CheckedInput) {
        var summary = i.media.map(CheckTextRenderer.summary) ?? ""
        if let t = i.script {
            summary += "\(t.characters) characters (code points), \(t.words) words"
                + (t.estimatedSpeechSeconds.map { String(format: ", ~%.1f s of speech", $0) } ?? "")
        }
        self.init(role: i.role.rawValue + (i.refId.map { " (\($0))" } ?? ""), inputPath: i.path, summary: summary, unreadable: i.error?.message)
    }
}

extension CheckHTMLRenderer {
    /// The findings table's rows: errors, then warnings, then infos, by rule id within each (verify's page too).
    static func findingRows(_ findings: [Finding], rulesDocument: String) -> [FindingRow] {
        let sorted = findings.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity
                : a.element.ruleID != b.element.ruleID ? a.element.ruleID < b.element.ruleID : a.offset < b.offset
        }.map(\.element)
        return sorted.map { f in
            FindingRow(severity: f.severity.rawValue, ruleID: f.ruleID, ruleLink: "\(rulesDocument)#\(f.ruleID)", ruleTitle: f.title,
                       inputRole: f.input.rawValue, findingPath: f.path, message: f.message,
                       measure: f.measured.map { m in "measured \(m)" + (f.limit.map { "; limit \($0)" } ?? "") },
                       timeRange: f.start.map { s in String(format: "at %.2f", s) + (f.end.map { String(format: "–%.2f", $0) } ?? "") + " s" },
                       fix: f.fix)
        }
    }

    static func f1(_ x: Double) -> String { String(format: "%.1f", x) }

    /// Axis marks at a round step giving about six marks over `seconds`, `width` units wide.
    static func axis(seconds: Double, width: Double, offset: Double = 0) -> [AxisMark] {
        guard seconds > 0 else { return [] }
        let steps: [Double] = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]
        let step = steps.first { seconds / $0 <= 8 } ?? 7200
        return stride(from: 0, through: seconds + 1e-9, by: step).map { t in
            AxisMark(markX: f1(offset + t / seconds * width), markText: step < 1 ? String(format: "%.1f s", t) : String(format: "%.0f s", t))
        }
    }

    static func boxes(_ faces: [DetectedFace], frameHeight: Int) -> [Box] {
        faces.enumerated().map { n, face in
            Box(number: n + 1, x: face.box[0], y: face.box[1], w: face.width, h: face.height,
                labelX: face.box[0] + 4, labelY: max(face.box[1] - 6, frameHeight / 18),
                size: "\(face.width)×\(face.height) px, \(Int((face.heightShare * 100).rounded())) % of the frame height"
                    + String(format: ", score %.2f", face.score) + (face.yawDegrees.map { String(format: ", turned %.0f°", $0) } ?? ""))
        }
    }
}

extension CheckHTMLRenderer.PictureInput {
    typealias R = CheckHTMLRenderer

    init(_ input: CheckedInput, faces f: FaceFigures, stills: [TimeRun]) {
        pictureRole = input.role.rawValue
        picturePath = input.path
        let most = f.mostFaces?.faces.count ?? 0
        facesLine = "\(f.firstFrameFaces) face(s) on the first frame, at most \(most) in \(f.frames.count) sampled frames (\(f.sampling))"
            + (f.noFaceRanges.isEmpty ? "" : String(format: "; none in %.0f %% of the video", f.noFaceShare * 100))
        func frame(_ ff: FaceFrame, first: Bool) -> R.Frame {
            let count = ff.faces.count
            return R.Frame(src: ff.picture.map { "data:image/jpeg;base64," + $0.jpeg.base64EncodedString() },
                           frameWidth: f.frameWidth, frameHeight: f.frameHeight,
                           imageWidth: ff.picture?.width ?? 0, imageHeight: ff.picture?.height ?? 0,
                           boxes: R.boxes(ff.faces, frameHeight: f.frameHeight),
                           caption: (first ? "first frame" : String(format: "%.2f s", ff.time)) + " · "
                               + (count == 0 ? "no face" : count == 1 ? "1 face" : "\(count) faces"),
                           noFace: count == 0, labelSize: String(max(10, f.frameHeight / 14)))
        }
        first = f.frames.first.map { frame($0, first: true) }
        firstBoxes = first?.boxes ?? []
        hasFirstBoxes = !firstBoxes.isEmpty
        let later = f.frames.dropFirst()
        strip = later.filter { $0.picture != nil }.map { frame($0, first: false) }
        hasStrip = !strip.isEmpty
        let withoutPicture = later.count - strip.count
        stripNote = withoutPicture > 0 && !strip.isEmpty
            ? "\(strip.count) of the \(later.count) later sampled frames shown; the strip above marks every one" : nil
        let width = 720.0
        let end = max(f.duration, f.frames.last?.time ?? 0)
        if end > 0 {
            let x = { (t: Double) in R.f1(min(width, max(0, t / end * width))) }
            let w = { (a: Double, b: Double) in R.f1(max(1, (min(b, end) - max(a, 0)) / end * width)) }
            presence = R.Presence(
                width: Int(width),
                ticks: f.frames.map { ff in
                    R.Tick(tickX: x(ff.time), hasFace: !ff.faces.isEmpty,
                           tip: String(format: "%.2f s: ", ff.time) + (ff.faces.isEmpty ? "no face" : "\(ff.faces.count) face(s)"))
                },
                gaps: f.noFaceRanges.map { g in R.Span(spanX: x(g.start), spanW: w(g.start, g.end), tip: String(format: "no face %.2f–%.2f s", g.start, g.end)) },
                stills: stills.map { s in R.Span(spanX: x(s.start), spanW: w(s.start, s.end), tip: String(format: "still picture %.2f–%.2f s", s.start, s.end)) },
                axis: R.axis(seconds: end, width: width))
        } else {
            presence = nil
        }
    }
}

extension CheckHTMLRenderer.SoundInput {
    typealias R = CheckHTMLRenderer

    /// Levels are drawn from -60 dBFS (the bottom) to 0 (the top).
    static let floorDB = -60.0
    static let width = 720.0
    static let height = 80.0

    init(_ input: CheckedInput, speech s: SpeechFigures) {
        soundRole = input.role.rawValue
        soundPath = input.path
        speechLine = "\(s.class.rawValue) (confidence \(Int((s.confidence * 100).rounded())) %), "
            + String(format: "speech %.0f %% of %.2f s in %d segment(s), starting at %.2f s; peak %.1f dBFS",
                     s.speechRatio * 100, s.duration, s.segmentCount, s.leadingSilence, s.peakLevelDB)
            + (s.segmentCount > s.segments.count ? " (the first \(s.segments.count) segments shaded)" : "")
        let d = s.duration
        let (W, H) = (Self.width, Self.height)
        speechSpans = d > 0 ? s.segments.map { seg in
            R.Span(spanX: R.f1(seg.start / d * W), spanW: R.f1(max(1, seg.duration / d * W)),
                   tip: String(format: "speech %.2f–%.2f s", seg.start, seg.end))
        } : []
        if let e = s.levels, d > 0, !e.levelsDB.isEmpty {
            var points = ["0,\(R.f1(H))"]
            for (i, db) in e.levelsDB.enumerated() {
                let x = min(W, (Double(i) + 0.5) * e.bucketSeconds / d * W)
                let y = H * (1 - (max(Self.floorDB, min(0, db)) - Self.floorDB) / -Self.floorDB)
                points.append("\(R.f1(x)),\(R.f1(y))")
            }
            points.append("\(R.f1(min(W, Double(e.levelsDB.count) * e.bucketSeconds / d * W))),\(R.f1(H))")
            levelPoints = points.joined(separator: " ")
            levelNote = String(format: "level: mean power of %.1f s stretches, -60 to 0 dBFS", e.bucketSeconds)
        } else {
            levelPoints = nil
            levelNote = nil
        }
        axis = R.axis(seconds: d, width: W)
    }
}

extension CheckHTMLRenderer.Timeline {
    typealias R = CheckHTMLRenderer

    static let labelWidth = 110.0
    static let barsWidth = 610.0
    static let barHeight = 12
    static let rowHeight = 40

    init(advice a: SyncModeAdvice, used: SyncMode, requested: Bool, speech: SpeechFigures?) {
        let t = SyncModeTimeline(video: a.videoDuration, audio: a.audioDuration)
        usedMode = used.rawValue
        usedHow = requested ? "requested" : "advised"
        advisedMode = a.mode.rawValue
        outputText = String(format: "output %.2f s", used.outputDuration(video: a.videoDuration, audio: a.audioDuration))
        reason = (requested && a.mode != used ? "advice would be \(a.mode.rawValue): " : "") + a.reason
        outputByMode = SyncMode.allCases.map { m in String(format: "%@ %.2f s", m.rawValue, a.outputDurationByMode[m.rawValue] ?? 0) }
            .joined(separator: " · ")
        let end = max(t.end, 1e-6)
        let x0 = Self.labelWidth, W = Self.barsWidth, bh = Self.barHeight
        func bar(_ p: SyncModeTimeline.Piece, y: Int, tipPrefix: String) -> R.Bar {
            let width = max(0.5, (p.end - p.start) / end * W)
            let x = x0 + p.start / end * W
            // A label only where it fits (about 6 units a character).
            let fits = Double(p.label.count) * 6 + 6 < width
            return R.Bar(barX: R.f1(x), barY: y, barW: R.f1(width), barH: bh, kind: p.kind.rawValue,
                         barLabel: fits ? p.label : nil, labelX: R.f1(x + 3), labelY: y + bh - 3,
                         tip: tipPrefix + String(format: "%@ %.2f–%.2f s", p.label, p.start, p.end))
        }
        var bars: [R.Bar] = []
        bars.append(bar(.init(start: 0, end: a.videoDuration, kind: .forward, label: String(format: "video %.2f s", a.videoDuration)),
                        y: 8, tipPrefix: "input: "))
        bars.append(bar(.init(start: 0, end: a.audioDuration, kind: .audio, label: String(format: "audio %.2f s", a.audioDuration)),
                        y: 24, tipPrefix: "input: "))
        for seg in speech?.segments ?? [] where seg.start < a.audioDuration {
            var b = bar(.init(start: seg.start, end: min(seg.end, a.audioDuration), kind: .audio, label: ""), y: 36, tipPrefix: "speech ")
            b.kind = "speech"
            b.barH = 4
            bars.append(b)
        }
        inputBars = bars
        let top = 52
        modeRows = t.rows.enumerated().map { n, row in
            let y = top + n * Self.rowHeight
            return R.ModeRow(mode: row.mode.rawValue, rowY: y, textY: y + 16, advised: row.mode == a.mode, used: row.mode == used,
                             bars: row.picture.map { bar($0, y: y + 5, tipPrefix: "picture: ") }
                                 + row.sound.map { bar($0, y: y + 5 + bh + 4, tipPrefix: "sound: ") },
                             rowOutput: String(format: "→ %.2f s", row.output))
        }
        axisY = top + t.rows.count * Self.rowHeight + 4
        height = axisY + 18
        axis = R.axis(seconds: end, width: W, offset: x0)
    }
}
