import Mustache

/// The pieces the HTML reports share (`check` and `verify --format html`, `batch --html`): the head with the
/// Content-Security-Policy and the one style sheet (inline, with a dark variant through `prefers-color-scheme` and a
/// print variant), the header, the input table, a picture with face boxes drawn over it, and the findings table. Mustache partials, so every value in them goes
/// through the same HTML escaping; only double-brace value tags, never an unescaped one.
enum ReportPagePartials {
    /// The policy every page declares (tests read it back from the DOM): inline style and `data:` images only.
    /// The batch page adds `script-src` with the hash of its one inline script, so no other script could run.
    static let contentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

    /// `pageStart`, `head`, `header`, `inputTable`, `frame`, `findings`, `findingsTable` and verify's `curve`, for `render(_:library:)`.
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        // Templates are constants: a parse error is a programming error caught by every HTML test.
        try! library.register(pageStart, named: "pageStart")
        try! library.register(head, named: "head")
        try! library.register(header, named: "header")
        try! library.register(inputTable, named: "inputTable")
        try! library.register(frame, named: "frame")
        try! library.register(findings, named: "findings")
        try! library.register(findingsTable, named: "findingsTable")
        try! library.register(VerifyHTMLTemplate.curve, named: "curve")
        return library
    }()

    /// Every page's start, to its `<main>`: the head, then the header.
    static let pageStart = """
    {{> head}}
    <body>
    {{> header}}
    <main>

    """

    /// The page's header: reads the page's `heading` (`PageHeading`).
    static let header = """
    {{#heading}}<header class="v-{{verdict}}">
    <h1>preflight {{command}} <span class="badge" data-verdict="{{verdict}}">{{verdictText}}</span></h1>
    <div class="muted">{{countsLine}} · {{settings}}</div>
    </header>{{/heading}}
    """

    /// The inputs (or output and inputs) as a table: reads `inputs` (`role`, `inputPath`, `summary`, `unreadable`).
    static let inputTable = """
    <table>
    <thead><tr><th>role</th><th>file</th><th>what it is</th></tr></thead>
    <tbody>
    {{#inputs}}<tr><td>{{role}}</td><td class="path">{{inputPath}}</td><td>{{summary}}{{#unreadable}} <span class="unreadable">UNREADABLE: {{unreadable}}</span>{{/unreadable}}</td></tr>
    {{/inputs}}
    </tbody>
    </table>
    """

    /// The header badge's words for a verdict.
    static func verdictText(_ verdict: Verdict) -> String {
        switch verdict {
        case .pass: return "PASS"
        case .warnings: return "WARNINGS"
        case .errors: return "ERRORS"
        case .unreadable: return "UNREADABLE INPUT"
        }
    }

    /// The header's counts: findings by severity, rule checks and the exit code.
    static func countsLine(_ report: some FindingsReport, strict: Bool) -> String {
        let c = report.counts
        return "\(c.errors) error(s), \(c.warnings) warning(s), \(c.infos) info; \(report.evaluations.count) rule checks → exit \(report.exitCode(strict: strict).rawValue)"
    }

    /// From the doctype to `</head>`: reads the page's `heading` (`PageHeading`: command, option, title, script hash).
    static let head = """
    {{#heading}}<!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy){{#scriptHash}}; script-src 'sha256-{{scriptHash}}'{{/scriptHash}}">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <meta name="generator" content="preflight {{command}} {{htmlOption}}">
    <title>preflight {{command}}: {{title}}</title>
    <style>
    :root { --bg: #fff; --fg: #1b1f24; --muted: #5b636d; --line: #d5d9de; --panel: #f4f6f8;
      --error: #c62828; --warning: #b26a00; --info: #1565c0; --pass: #2e7d32;
      --video: #5c7cfa; --backward: #b197fc; --stretched: #20c997; --audio: #fab005; --speech: #e8590c;
      --silence: #ced4da; --dropped: #fa5252; --none: #868e96; --face: #2f9e44; --noface: #e03131; --box: #40c057; }
    @media (prefers-color-scheme: dark) {
      :root { --bg: #15181c; --fg: #e6e8eb; --muted: #9aa3ad; --line: #343a40; --panel: #1f2328;
        --error: #ff6b6b; --warning: #ffc078; --info: #74c0fc; --pass: #8ce99a; --silence: #495057; }
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
    header, main { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
    header { padding-top: 18px; padding-bottom: 10px; border-bottom: 4px solid var(--line); }
    header.v-pass { border-color: var(--pass); } header.v-warnings { border-color: var(--warning); }
    header.v-errors, header.v-unreadable { border-color: var(--error); }
    h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; } h3 { font-size: 15px; margin: 16px 0 6px; }
    .badge { display: inline-block; padding: 1px 10px; border-radius: 4px; color: #fff; font-size: 16px; vertical-align: 2px; }
    .v-pass .badge { background: var(--pass); } .v-warnings .badge { background: var(--warning); }
    .v-errors .badge, .v-unreadable .badge { background: var(--error); }
    @media (prefers-color-scheme: dark) { .badge { color: #111; } }
    .muted, figcaption, .legend, .note { color: var(--muted); font-size: 13px; }
    .path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 13px; overflow-wrap: anywhere; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
    th { font-size: 13px; color: var(--muted); font-weight: 600; }
    .unreadable { color: var(--error); font-weight: 600; }
    .first-frame { display: flex; gap: 20px; flex-wrap: wrap; align-items: flex-start; }
    .first-frame .frame-figure { width: min(480px, 100%); }
    .frame-figure { margin: 0; }
    .frame { position: relative; width: 100%; background: var(--panel); border: 1px solid var(--line); }
    .frame img { display: block; width: 100%; height: 100%; }
    .frame svg.boxes { position: absolute; inset: 0; width: 100%; height: 100%; }
    .boxes rect { fill: none; stroke: var(--box); stroke-width: 2.5; vector-effect: non-scaling-stroke; }
    .boxes text { fill: var(--box); font-weight: 700; paint-order: stroke; stroke: #000; stroke-width: 2px; }
    .mark { position: absolute; left: 4px; top: 4px; background: var(--noface); color: #fff; font-size: 11px; font-weight: 700; padding: 0 5px; border-radius: 3px; }
    .noface .frame { outline: 2px solid var(--noface); }
    .filmstrip { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 10px; }
    svg.chart { width: 100%; max-width: 960px; height: auto; display: block; background: var(--panel); border: 1px solid var(--line); }
    svg text { fill: var(--fg); font-size: 11px; font-family: system-ui, sans-serif; }
    svg .axis text { fill: var(--muted); font-size: 10px; }
    svg .axis line { stroke: var(--line); }
    .tick-face { stroke: var(--face); stroke-width: 3; } .tick-noface { stroke: var(--noface); stroke-width: 3; }
    .gap { fill: var(--noface); opacity: .18; } .still { fill: var(--none); opacity: .25; }
    .speech-span { fill: var(--speech); opacity: .28; }
    .level { fill: var(--audio); fill-opacity: .55; stroke: var(--audio); stroke-width: 1; }
    .k-forward { fill: var(--video); } .k-backward { fill: var(--backward); } .k-stretched { fill: var(--stretched); }
    .k-audio { fill: var(--audio); } .k-speech { fill: var(--speech); } .k-silence { fill: var(--silence); }
    .k-none { fill: var(--none); opacity: .5; } .k-dropped { fill: var(--dropped); opacity: .35; }
    .bar-label { fill: #111; font-size: 10px; }
    .mode .rowbg { fill: transparent; }
    .mode.advised .rowbg { fill: var(--pass); fill-opacity: .14; stroke: var(--pass); stroke-width: 1.5; }
    .mode.used .modename { font-weight: 700; }
    .modename { font-size: 11px; } .mode-out { fill: var(--muted); font-size: 10px; }
    .swatch { display: inline-block; width: 12px; height: 10px; margin: 0 4px 0 10px; vertical-align: -1px; }
    .sev { display: inline-block; min-width: 64px; text-align: center; padding: 0 6px; border-radius: 3px; color: #fff; font-size: 12px; font-weight: 700; }
    .sev-error .sev { background: var(--error); } .sev-warning .sev { background: var(--warning); } .sev-info .sev { background: var(--info); }
    @media (prefers-color-scheme: dark) { .sev { color: #111; } }
    a.rule { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-weight: 700; color: var(--info); }
    code.fix { display: block; white-space: pre-wrap; overflow-wrap: anywhere; user-select: all; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace;
      background: var(--panel); border: 1px solid var(--line); padding: 6px 8px; border-radius: 4px; }
    .pairs { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
    .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; align-items: start; }
    .pair-caption { grid-column: 1 / 3; margin: 0; font-size: 13px; }
    .pair.lost .pair-caption { color: var(--error); font-weight: 600; }
    .run-frozen { fill: var(--none); opacity: .7; } .run-black { fill: #000; stroke: var(--line); }
    .run-error { fill: var(--error); opacity: .6; } .run-lost { fill: var(--noface); opacity: .22; }
    .run-window { fill: var(--video); opacity: .22; } .run-still { fill: var(--speech); opacity: .35; }
    .tick-error { stroke: var(--error); stroke-width: 3; } .tick-none { stroke: var(--none); stroke-width: 2; }
    svg text.empty { fill: var(--muted); font-style: italic; }
    .d-expected { fill: var(--pass); } .d-measured { fill: var(--info); } .d-video { fill: var(--video); } .d-audio { fill: var(--audio); }
    polyline { fill: none; stroke-width: 1.6; } .curve-a { stroke: var(--video); } .curve-b { stroke: var(--audio); }
    .marker { stroke: var(--error); stroke-width: 1.5; stroke-dasharray: 4 3; } svg text.marker-text { fill: var(--error); font-weight: 700; }
    .zero, .midline { stroke: var(--line); stroke-width: 1; }
    .filters { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; margin: 8px 0; }
    .filters select { font: inherit; color: var(--fg); background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 2px 6px; }
    table.jobs th { cursor: pointer; user-select: none; white-space: nowrap; }
    table.jobs th[aria-sort="ascending"]::after { content: " \\25B2"; } table.jobs th[aria-sort="descending"]::after { content: " \\25BC"; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    .verdict { font-weight: 700; } .verdict.v-pass { color: var(--pass); } .verdict.v-warnings { color: var(--warning); }
    .verdict.v-errors, .verdict.v-unreadable { color: var(--error); }
    .rule-ids code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; white-space: nowrap; }
    .job-id { overflow-wrap: anywhere; }
    .filters[hidden] { display: none; } .totals-grid { display: flex; flex-wrap: wrap; gap: 10px 48px; align-items: flex-start; }
    table.totals { width: auto; } table.totals td { padding-right: 24px; }
    section.job { border-top: 1px solid var(--line); margin-top: 28px; }
    section.job h2 .badge { font-size: 13px; }
    footer { max-width: 1100px; margin: 30px auto 20px; padding: 0 20px; }
    @media print {
      :root { --bg: #fff; --fg: #000; --muted: #444; --panel: #fff; --line: #bbb; }
      body { font-size: 11pt; }
      header, main, footer { max-width: none; padding: 0; }
      figure, tr, svg, .first-frame { break-inside: avoid; }
      h2, h3 { break-after: avoid; }
      .badge, .sev, .mark, .k-forward, .k-audio, .speech-span, .level, .run-frozen, .run-black, .run-error, .run-lost, .d-expected, .d-measured { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      a.rule { color: #000; text-decoration: none; }
      .filmstrip { grid-template-columns: repeat(6, 1fr); }
      .pairs { grid-template-columns: repeat(3, 1fr); } .pair { break-inside: avoid; }
      code.fix { border: 1px solid #bbb; }
      .filters, .to-index { display: none; } table.jobs th[aria-sort]::after { content: none; }
      .verdict { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
    }
    </style>
    </head>{{/heading}}

    """

    /// A picture (or its outline when no picture was kept) with its face boxes drawn over it in frame pixels.
    static let frame = """
    <figure class="frame-figure{{#noFace}} noface{{/noFace}}">
    <div class="frame" style="aspect-ratio: {{frameWidth}} / {{frameHeight}}">
    {{#src}}<img src="{{src}}" width="{{imageWidth}}" height="{{imageHeight}}" alt="{{caption}}">{{/src}}
    <svg class="boxes" viewBox="0 0 {{frameWidth}} {{frameHeight}}" preserveAspectRatio="none" aria-hidden="true">
    {{#boxes}}<rect x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}"><title>face {{number}}: {{size}}</title></rect><text x="{{labelX}}" y="{{labelY}}" font-size="{{labelSize}}">{{number}}</text>{{/boxes}}
    </svg>
    {{#noFace}}<span class="mark">no face</span>{{/noFace}}
    </div>
    <figcaption>{{caption}}</figcaption>
    </figure>
    """

    /// The findings by severity (`CheckHTMLRenderer.FindingRow`) in their own section (check's and verify's pages).
    static let findings = """
    <section id="findings">
    <h2>Findings</h2>
    {{> findingsTable}}
    </section>

    """

    /// The findings table, each rule id linking to its row of docs/RULES.md: reads `noFindings` and `findingRows`
    /// (also each job's section of the batch page).
    static let findingsTable = """
    {{#noFindings}}<p>No rule fired.</p>{{/noFindings}}
    {{^noFindings}}
    <table>
    <thead><tr><th>severity</th><th>rule</th><th>input</th><th>what was found</th><th>fix</th></tr></thead>
    <tbody>
    {{#findingRows}}<tr class="sev-{{severity}}" data-rule="{{ruleID}}">
    <td><span class="sev">{{severity}}</span></td>
    <td><a class="rule" href="{{ruleLink}}">{{ruleID}}</a><br><span class="muted">{{ruleTitle}}</span></td>
    <td>{{inputRole}}{{#findingPath}}<br><span class="path">{{findingPath}}</span>{{/findingPath}}</td>
    <td>{{message}}{{#measure}}<br><span class="muted">{{measure}}</span>{{/measure}}{{#timeRange}}<br><span class="muted">{{timeRange}}</span>{{/timeRange}}</td>
    <td><code class="fix">{{fix}}</code></td>
    </tr>
    {{/findingRows}}
    </tbody>
    </table>
    {{/noFindings}}
    """
}
