import Foundation
import Mustache

/// `verify --format html`: one self-contained page (docs/HTML-REPORT.md) with the inputs and the verdict, the input's
/// and the output's pictures side by side at sampled times with their face boxes, a timeline of frozen and black
/// runs, decode errors and lost faces, the audio cross-correlation with the measured offset, the mouth opening
/// against the speech level with the measured lag, the duration the sync_mode gives against the one measured, and
/// the findings. What was not measured is said, never drawn. Same head, style, picture and findings partials as
/// `CheckHTMLRenderer` (`ReportPagePartials`), so the same escaping and Content-Security-Policy.
public enum VerifyHTMLRenderer {
    /// The page for `report` (made with `VerifyRequest.visuals` for the pictures and curves); `rulesDocument` is the
    /// link target of rule ids (an anchor per id is appended).
    public static func render(_ report: VerifyReport, strict: Bool,
                              rulesDocument: String = CheckHTMLRenderer.defaultRulesDocument) -> String {
        VerifyHTMLTemplate.template.render(Page(report, strict: strict, rulesDocument: rulesDocument), library: ReportPagePartials.library)
    }

    typealias R = CheckHTMLRenderer

    /// Width of the charts' plotting area and of the labels left of it, SVG units.
    static let chartWidth = 610.0
    static let labelWidth = 110.0
    /// The mouth chart's opening axis spans at least this much (outer-lip height over nose-to-chin length).
    static let minOpeningRange = 0.1

    // Names are unique across levels: Mustache looks a missing or nil value up in the enclosing objects.
    struct Page {
        var heading: PageHeading
        var inputs: [R.InputLine]
        var durations: Durations
        var pairs: [FramePair]
        var hasPairs: Bool
        var pairsNote: String
        var timeline: Timeline
        var correlation: Curve?
        var correlationMissing: String?
        var mouth: MouthChart?
        var mouthMissing: String?
        var findingRows: [R.FindingRow]
        var noFindings: Bool
        var notes: [String]
        var hasNotes: Bool
    }

    struct Durations {
        var durationRows: [DurationRow]
        var durationHeight: Int
        var durationLine: String
    }

    struct DurationRow {
        var name: String
        var rowY: Int
        var textY: Int
        var barW: String
        var kind: String
        var value: String
        var valueX: String
    }

    struct FramePair {
        var pairCaption: String
        var pairLost: Bool
        var input: R.Frame
        var output: R.Frame
    }

    struct Timeline {
        var timelineHeight: Int
        var timelineEnd: String
        var rows: [TimelineRow]
        var axis: [R.AxisMark]
        var axisY: Int
    }

    struct TimelineRow {
        var rowName: String
        var rowY: Int
        var textY: Int
        var spans: [RunSpan]
        var ticks: [RunTick]
        var empty: String?
    }

    struct RunSpan { var runClass: String; var runX: String; var runW: String; var runY: Int; var tip: String }
    struct RunTick { var tickClass: String; var tickX: String; var tickY1: Int; var tickY2: Int; var tip: String }

    /// A line chart: polylines over a value axis, a marker at the measured value.
    struct Curve {
        var curveHeading: String
        var curveLine: String
        var lines: [Polyline]
        var markerX: String?
        var markerText: String?
        var zeroX: String?
        var curveAxis: [R.AxisMark]
        var legend: String
    }

    struct Polyline { var lineClass: String; var points: String; var lineTip: String }

    struct MouthChart {
        var mouthLine: String
        var curve: Curve
        var windowSpans: [RunSpan]
        var hasStill: Bool
    }
}

extension VerifyHTMLRenderer.Page {
    typealias V = VerifyHTMLRenderer
    typealias R = CheckHTMLRenderer

    init(_ r: VerifyReport, strict: Bool, rulesDocument: String) {
        let m = r.measurements
        heading = PageHeading(command: "verify", report: r, strict: strict,
                              title: r.inputs.first { $0.role == .output }.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "output",
                              settings: "\(r.mode.rawValue) verification · sync_mode " + (r.syncMode?.rawValue ?? "not given"))
        inputs = r.inputs.map { i in
            R.InputLine(role: i.role.rawValue, inputPath: i.path, summary: i.media.map(CheckTextRenderer.summary) ?? "", unreadable: i.error?.message)
        }
        durations = V.Durations(r)
        let quick = r.mode == .quick
        let hasAudio = r.inputs.contains { $0.role == .audio && $0.media != nil }
        let hasVideo = r.inputs.contains { $0.role == .video && $0.media != nil }

        // Pictures side by side: the compared times that kept thumbnails.
        let frame = r.inputs.first { $0.role == .video }?.media?.video.first
        pairs = (m.facePresence?.samples ?? []).compactMap { V.FramePair($0, fallbackSize: frame.map { ($0.width, $0.height) }) }
        hasPairs = !pairs.isEmpty
        if let p = m.facePresence, hasPairs {
            pairsNote = "\(pairs.count) of the \(p.sampled) compared times shown; the input's pictures found on \(p.inputSampling). "
                + "Boxes: the input's largest face, and the output face nearest it (Q-FACE-01)."
        } else {
            pairsNote = "Not measured: " + (quick ? "--quick does not decode the pictures"
                : !hasVideo ? "no input video (--video) to compare with"
                : m.notMeasured.first { $0.hasPrefix(InputComparison.rules) || $0.hasPrefix("Q-FACE-01") } ?? "no picture was compared")
        }
        timeline = V.Timeline(r, quick: quick)

        // The audio cross-correlation.
        if let curve = m.audioCorrelation, let offset = m.audioOffsetMs {
            correlation = V.Curve(correlation: curve, offsetMs: offset, similarity: m.audioSimilarity, levelDB: m.audioLevelChangeDB)
            correlationMissing = nil
        } else {
            correlation = nil
            correlationMissing = "Not measured: " + (quick ? "--quick does not decode the audio"
                : !hasAudio ? "no submitted audio (--audio) to correlate with"
                : m.audioOffsetMs != nil ? String(format: "offset %+.1f ms, but the curve was not kept", m.audioOffsetMs!)
                : "the output's audio could not be aligned with the submitted audio (no audio in one of them, or under 0.5 s)")
        }

        // The mouth against the speech.
        if let motion = m.mouth, let series = motion.series, series.points.contains(where: { $0.opening != nil }) {
            mouth = V.MouthChart(motion: motion, series: series, m: m)
            mouthMissing = nil
        } else {
            mouth = nil
            mouthMissing = "Not measured: " + (quick ? "--quick does not follow the mouth"
                : m.notMeasured.first { $0.hasPrefix(LipCheck.rules) }
                ?? m.mouth?.notMeasured.first ?? "no mouth was followed (no picture or no sound in the output)")
        }
        findingRows = R.findingRows(r.findings, rulesDocument: rulesDocument)
        noFindings = r.findings.isEmpty
        notes = m.notMeasured + (m.mouth?.notMeasured ?? [])
        hasNotes = !notes.isEmpty
    }
}

extension VerifyHTMLRenderer.Durations {
    typealias V = VerifyHTMLRenderer
    typealias R = CheckHTMLRenderer

    /// One bar per duration: expected by the mode's formula, and measured (the output, its video, its audio); the
    /// payload's `outputDuration` (Q-DUR-02) in words.
    init(_ r: VerifyReport) {
        let m = r.measurements
        let values: [(String, Double?, String)] = [
            ("expected (\(r.syncMode?.rawValue ?? "no mode"))", r.expectedDuration, "expected"),
            ("output measured", m.outputDuration, "measured"),
            ("output video", m.videoDuration, "video"),
            ("output audio", m.audioDuration, "audio"),
        ]
        let shown = values.filter { $0.1 != nil }
        let end = max(shown.compactMap(\.1).max() ?? 1, 1e-6)
        durationRows = shown.enumerated().map { n, v in
            let w = v.1! / end * V.chartWidth
            return V.DurationRow(name: v.0, rowY: 6 + n * 20, textY: 17 + n * 20, barW: R.f1(max(1, w)), kind: v.2,
                                 value: String(format: "%.3f s", v.1!), valueX: R.f1(V.labelWidth + min(w, V.chartWidth - 60) + 4))
        }
        durationHeight = 12 + shown.count * 20
        var line: String
        if let e = r.expectedDuration, let o = m.outputDuration {
            line = String(format: "the sync_mode gives %.3f s from the inputs; the output measures %.3f s (%+.0f ms)", e, o, (o - e) * 1000)
        } else if r.expectedDuration == nil {
            line = "expected duration not measured: it needs --sync-mode (or --request) and both input durations"
        } else {
            line = "the output's duration was not measured"
        }
        if let d = r.findings.first(where: { $0.ruleID == "Q-DUR-02" }) { line += "; payload: " + d.message }
        durationLine = line
    }
}

extension VerifyHTMLRenderer.FramePair {
    typealias R = CheckHTMLRenderer

    /// nil when the sample kept no thumbnail.
    init?(_ s: FaceSampleComparison, fallbackSize: (Int, Int)?) {
        guard s.inputPicture != nil || s.outputPicture != nil,
              let w = s.frameWidth ?? fallbackSize?.0, let h = s.frameHeight ?? fallbackSize?.1 else { return nil }
        let lost = s.inputFaces > 0 && (s.outputFaces ?? 0) == 0
        pairLost = lost
        pairCaption = String(format: "output %.2f s ← input %.2f s · ", s.time, s.inputTime)
            + (s.inputFaces == 0 ? "no face in the input" : lost ? "face lost in the output"
               : s.shift.map { String(format: "face kept, moved %.2f face heights", $0) } ?? "face kept")
        func box(_ b: [Int]?, _ name: String) -> [R.Box] {
            guard let b, b.count == 4 else { return [] }
            return [R.Box(number: 1, x: b[0], y: b[1], w: b[2] - b[0], h: b[3] - b[1], labelX: b[0] + 4, labelY: max(b[1] - 6, h / 18),
                          size: "\(name) \(b[2] - b[0])×\(b[3] - b[1]) px at \(b[0]), \(b[1])")]
        }
        func frame(_ p: FramePicture?, boxes: [R.Box], caption: String, noFace: Bool) -> R.Frame {
            R.Frame(src: p.map { "data:image/jpeg;base64," + $0.jpeg.base64EncodedString() }, frameWidth: w, frameHeight: h,
                    imageWidth: p?.width ?? 0, imageHeight: p?.height ?? 0, boxes: boxes, caption: caption, noFace: noFace,
                    labelSize: String(max(10, h / 14)))
        }
        input = frame(s.inputPicture, boxes: box(s.inputBox, "input face"), caption: String(format: "input %.2f s", s.inputTime),
                      noFace: s.inputFaces == 0)
        output = frame(s.outputPicture, boxes: box(s.outputBox, "output face"), caption: String(format: "output %.2f s", s.time),
                       noFace: s.inputFaces > 0 && (s.outputFaces ?? 0) == 0)
    }
}

extension VerifyHTMLRenderer.Timeline {
    typealias V = VerifyHTMLRenderer
    typealias R = CheckHTMLRenderer

    static let rowHeight = 26

    /// Rows over the output's time: frozen and black runs, decode errors and timestamp jumps, faces at the compared
    /// times (lost ones shaded until the next), the picture outside the face, the mouth's followed stretches and where it stays still in speech.
    init(_ r: VerifyReport, quick: Bool) {
        let m = r.measurements
        let end = max(m.outputDuration ?? r.inputs.first { $0.role == .output }?.media?.duration?.seconds ?? 0, 1e-6)
        let x0 = V.labelWidth, W = V.chartWidth
        func x(_ t: Double) -> Double { x0 + min(W, max(0, t / end * W)) }
        func span(_ cls: String, _ a: Double, _ b: Double, y: Int, _ tip: String) -> V.RunSpan {
            V.RunSpan(runClass: cls, runX: R.f1(x(a)), runW: R.f1(max(2, x(b) - x(a))), runY: y + 4, tip: tip)
        }
        func tick(_ cls: String, _ t: Double, y: Int, _ tip: String) -> V.RunTick {
            V.RunTick(tickClass: cls, tickX: R.f1(x(t)), tickY1: y + 3, tickY2: y + 21, tip: tip)
        }
        let notDecoded = quick ? "not measured in --quick" : nil
        var rows: [V.TimelineRow] = []
        func add(_ name: String, spans: [V.RunSpan] = [], ticks: [V.RunTick] = [], none: String) {
            rows.append(V.TimelineRow(rowName: name, rowY: 0, textY: 0, spans: spans, ticks: ticks,
                                      empty: spans.isEmpty && ticks.isEmpty ? none : nil))
        }
        var y: Int { 4 + rows.count * Self.rowHeight }
        add("frozen", spans: m.frozenRuns.map { span("run-frozen", $0.start, $0.end, y: y, String(format: "frozen %.2f–%.2f s", $0.start, $0.end)) },
            none: notDecoded ?? "no frozen run of 0.5 s or more")
        add("black", spans: m.blackRuns.map { span("run-black", $0.start, $0.end, y: y, String(format: "black %.2f–%.2f s", $0.start, $0.end)) },
            none: notDecoded ?? "no black run of 0.5 s or more")
        // Decode errors and timestamp problems: the findings that carry a time, and the first decode error.
        let defects = r.findings.filter { ["Q-INT-01", "Q-INT-02"].contains($0.ruleID) && $0.start != nil }
        var errorSpans: [V.RunSpan] = [], errorTicks: [V.RunTick] = []
        let rowY = y
        for f in defects {
            let tip = "\(f.ruleID): \(f.message)"
            if let e = f.end, e > f.start! { errorSpans.append(span("run-error", f.start!, e, y: rowY, tip)) }
            else { errorTicks.append(tick("tick-error", f.start!, y: rowY, tip)) }
        }
        if let at = m.firstDecodeErrorAt, !defects.contains(where: { $0.start == at }) {
            errorTicks.append(tick("tick-error", at, y: rowY, String(format: "%d decode error(s), the first at %.2f s", m.decodeErrors, at)))
        }
        add("decode / time", spans: errorSpans, ticks: errorTicks,
            none: quick ? "keyframes only: \(m.sampledKeyframes ?? 0) sampled" : "\(m.decodeErrors) decode errors, no timestamp jump")
        // Faces at the compared times.
        let samples = m.facePresence?.samples ?? []
        var faceSpans: [V.RunSpan] = [], faceTicks: [V.RunTick] = []
        let faceY = y
        for (i, s) in samples.enumerated() {
            let lost = s.inputFaces > 0 && (s.outputFaces ?? 0) == 0
            let next = i + 1 < samples.count ? samples[i + 1].time : end
            if lost { faceSpans.append(span("run-lost", s.time, next, y: faceY, String(format: "face lost %.2f–%.2f s", s.time, next))) }
            faceTicks.append(tick(s.inputFaces == 0 ? "tick-none" : lost ? "tick-noface" : "tick-face", s.time, y: faceY,
                                  String(format: "%.2f s: ", s.time) + (s.inputFaces == 0 ? "no face in the input" : lost ? "face lost" : "face kept")))
        }
        add("face", spans: faceSpans, ticks: faceTicks, none: notDecoded ?? "faces not compared")
        // Outside the face: the masked PSNR at the compared times (Q-REGION-01).
        let regionY = y
        add("outside face", ticks: (m.regionPSNR ?? []).map { p in
            tick(p.psnrDB < InputComparison.minRegionDB ? "tick-noface" : "tick-face", p.time, y: regionY,
                 String(format: "%.2f s: PSNR outside the face %.1f dB", p.time, p.psnrDB))
        }, none: notDecoded ?? "not compared")
        // The mouth: followed stretches, and still during speech.
        var mouthSpans = (m.mouth?.windows ?? []).map { span("run-window", $0.start, $0.end, y: y, String(format: "mouth followed %.2f–%.2f s", $0.start, $0.end)) }
        mouthSpans += (m.mouth?.stillDuringSpeech ?? []).map { span("run-still", $0.start, $0.end, y: y, String(format: "mouth still during speech %.2f–%.2f s", $0.start, $0.end)) }
        add("mouth", spans: mouthSpans, none: notDecoded ?? "mouth not followed")
        self.rows = rows.enumerated().map { n, row in
            var row = row
            row.rowY = 4 + n * Self.rowHeight
            row.textY = row.rowY + 17
            return row
        }
        axisY = 4 + rows.count * Self.rowHeight + 2
        timelineHeight = axisY + 16
        timelineEnd = String(format: "%.2f s", end)
        axis = R.axis(seconds: end, width: W, offset: x0)
    }
}

extension VerifyHTMLRenderer.Curve {
    typealias V = VerifyHTMLRenderer
    typealias R = CheckHTMLRenderer

    static let height = 120.0

    /// The audio cross-correlation (−1…1, the top is 1) over the lags searched, the measured offset marked.
    init(correlation c: CorrelationCurve, offsetMs: Double, similarity: Double?, levelDB: Double?) {
        let a = c.firstLagMs, b = max(c.lastLagMs, a + 1e-6)
        let H = Self.height
        func x(_ lag: Double) -> Double { V.labelWidth + (lag - a) / (b - a) * V.chartWidth }
        func y(_ v: Double) -> Double { H * (1 - (max(-1, min(1, v)) + 1) / 2) }
        lines = [V.Polyline(lineClass: "curve-a", points: c.values.enumerated().map { i, v in
            "\(R.f1(x(a + Double(i) * c.stepMs))),\(R.f1(y(v)))"
        }.joined(separator: " "), lineTip: "normalised cross-correlation of the output's audio with the submitted audio")]
        curveHeading = "Audio cross-correlation"
        curveLine = String(format: "the submitted audio sits %+.1f ms into the output's audio (positive: the output's audio is late)", offsetMs)
            + (similarity.map { String(format: "; similarity %.2f", $0) } ?? "") + (levelDB.map { String(format: "; level %+.1f dB", $0) } ?? "")
        markerX = offsetMs >= a && offsetMs <= b ? R.f1(x(offsetMs)) : nil
        markerText = String(format: "%+.0f ms", offsetMs.rounded() == 0 ? 0 : offsetMs)   // never "-0 ms"
        zeroX = 0 >= a && 0 <= b ? R.f1(x(0)) : nil
        curveAxis = Self.lagAxis(from: a, to: b, x: x)
        legend = "correlation −1 to 1 against the lag, ms (the highest per \(R.f1(c.stepMs)) ms); the marked peak is the offset"
    }

    /// Marks at a round step of ms between `a` and `b`.
    static func lagAxis(from a: Double, to b: Double, x: (Double) -> Double) -> [R.AxisMark] {
        let steps: [Double] = [20, 50, 100, 200, 250, 500, 1000]
        let step = steps.first { (b - a) / $0 <= 10 } ?? 2000
        return stride(from: (a / step).rounded(.up) * step, through: b + 1e-9, by: step).map { t in
            R.AxisMark(markX: R.f1(x(t)), markText: String(format: "%+.0f", t))
        }
    }
}

extension VerifyHTMLRenderer.MouthChart {
    typealias V = VerifyHTMLRenderer
    typealias R = CheckHTMLRenderer

    /// The mouth opening and the speech band's level, each scaled to its own range over the followed frames.
    init(motion: MouthMotion, series: MouthSeries, m: VerifyMeasurements) {
        let points = series.points
        let t0 = min(points.first?.time ?? 0, motion.windows.first?.start ?? 0)
        let t1 = max((points.last?.time ?? 0) + series.frameSeconds, motion.windows.last?.end ?? 0, t0 + 1e-6)
        let H = V.Curve.height
        func x(_ t: Double) -> Double { V.labelWidth + (t - t0) / (t1 - t0) * V.chartWidth }
        let openings = points.compactMap(\.opening), levels = points.compactMap(\.levelDB)
        // The opening over at least `minOpeningRange`, so a still mouth's encoder noise stays a flat line.
        let oLow = openings.min() ?? 0, oHigh = max(openings.max() ?? 1, oLow + V.minOpeningRange)
        let lHigh = levels.max() ?? 0, lLow = min(levels.min() ?? -60, lHigh - 1e-6)
        func line(_ value: (MouthSeries.Point) -> Double?, low: Double, high: Double) -> String {
            // A gap (no face, no sound) breaks the line: consecutive points only.
            var parts: [String] = [], run: [String] = []
            var last: Double?
            for p in points {
                guard let v = value(p) else { continue }
                if let l = last, p.time - l > 1.5 * series.frameSeconds { parts.append(run.joined(separator: " ")); run = [] }
                run.append("\(R.f1(x(p.time))),\(R.f1(6 + (H - 12) * (1 - (v - low) / (high - low))))")
                last = p.time
            }
            parts.append(run.joined(separator: " "))
            return parts.filter { !$0.isEmpty }.joined(separator: " M ")
        }
        var lines: [V.Polyline] = []
        for (i, part) in line({ $0.levelDB }, low: lLow, high: lHigh).components(separatedBy: " M ").enumerated() where !part.isEmpty {
            lines.append(V.Polyline(lineClass: "curve-b", points: part, lineTip: i == 0 ? "speech band level (1–3.8 kHz), dB" : "speech band level"))
        }
        for part in line({ $0.opening }, low: oLow, high: oHigh).components(separatedBy: " M ") where !part.isEmpty {
            lines.append(V.Polyline(lineClass: "curve-a", points: part, lineTip: "mouth opening (outer-lip height over nose-to-chin length)"))
        }
        var lagLine: String
        if let lag = motion.lipLag {
            lagLine = String(format: "lips %+.0f ms from the sound (confidence %.2f", lag.lagMs, lag.confidence)
                + (lag.isMeasurable ? ")" : ", not trusted below 0.50)")
            if let input = m.inputMouth?.lipLag {
                lagLine += String(format: "; the input video's own: %+.0f ms (confidence %.2f)", input.lagMs, input.confidence)
                if m.sameSpeechAsInput == true {
                    let out = motion.lipLagOverInputWindows ?? lag
                    lagLine += String(format: ", so the output moved the lips by %+.0f ms", out.lagMs - input.lagMs)
                }
            }
        } else {
            lagLine = "lip lag not measured: " + (motion.notMeasured.first { $0.contains("lag") } ?? "too few followed frames with sound")
        }
        mouthLine = lagLine + String(format: " · %d frames followed, %d without a face", motion.framesMeasured, motion.framesWithoutFace)
        curve = V.Curve(curveHeading: "Mouth and speech", curveLine: lagLine, lines: lines, markerX: nil, markerText: nil, zeroX: nil,
                        curveAxis: R.axis(seconds: t1 - t0, width: V.chartWidth, offset: V.labelWidth).map { mark in
                            // `axis` counts from 0; the chart starts at t0.
                            var mark = mark
                            if t0 != 0, let v = Double(mark.markText.split(separator: " ").first ?? "") {
                                mark.markText = String(format: "%.1f s", v + t0)
                            }
                            return mark
                        },
                        legend: "the level scaled to its range, the opening to its range but at least 0.1 (a talking mouth spans about 0.1–0.2); lips after the sound show as the opening's bumps right of the level's")
        windowSpans = motion.stillDuringSpeech.map { s in
            V.RunSpan(runClass: "run-still", runX: R.f1(x(s.start)), runW: R.f1(max(2, x(s.end) - x(s.start))), runY: 0,
                      tip: String(format: "mouth still during speech %.2f–%.2f s", s.start, s.end))
        }
        hasStill = !windowSpans.isEmpty
    }
}
