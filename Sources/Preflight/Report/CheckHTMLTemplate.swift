import Mustache

/// The Mustache template of `check --format html` (`CheckHTMLRenderer` fills it). Only double-brace value tags,
/// which swift-mustache HTML-escapes: no triple-brace or ampersand (unescaped) tag anywhere (a test holds it to that). The style is
/// inline, with a dark variant (`prefers-color-scheme`) and a print variant; the Content-Security-Policy allows
/// only inline style and `data:` images, so the page can fetch nothing.
enum CheckHTMLTemplate {
    /// The policy the page declares (tests read it back from the DOM).
    static let contentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        // Templates are constants: a parse error is a programming error caught by every HTML test.
        try! library.register(frame, named: "frame")
        return library
    }()

    static let template: MustacheTemplate = try! MustacheTemplate(string: page)

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

    static let page = """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="color-scheme" content="light dark">
    <meta name="generator" content="preflight check --format html">
    <title>preflight check: {{title}}</title>
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
    footer { max-width: 1100px; margin: 30px auto 20px; padding: 0 20px; }
    @media print {
      :root { --bg: #fff; --fg: #000; --muted: #444; --panel: #fff; --line: #bbb; }
      body { font-size: 11pt; }
      header, main, footer { max-width: none; padding: 0; }
      figure, tr, svg, .first-frame { break-inside: avoid; }
      h2, h3 { break-after: avoid; }
      .badge, .sev, .mark, .k-forward, .k-audio, .speech-span, .level { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
      a.rule { color: #000; text-decoration: none; }
      .filmstrip { grid-template-columns: repeat(6, 1fr); }
      code.fix { border: 1px solid #bbb; }
    }
    </style>
    </head>
    <body>
    <header class="v-{{verdict}}">
    <h1>preflight check <span class="badge" data-verdict="{{verdict}}">{{verdictText}}</span></h1>
    <div class="muted">{{countsLine}} · {{settings}}</div>
    </header>
    <main>
    <section id="inputs">
    <h2>Inputs</h2>
    <table>
    <thead><tr><th>role</th><th>file</th><th>what it is</th></tr></thead>
    <tbody>
    {{#inputs}}<tr><td>{{role}}</td><td class="path">{{inputPath}}</td><td>{{summary}}{{#unreadable}} <span class="unreadable">UNREADABLE: {{unreadable}}</span>{{/unreadable}}</td></tr>
    {{/inputs}}
    </tbody>
    </table>
    {{#dubbing}}<p>{{dubbing}}</p>{{/dubbing}}
    </section>

    {{#pictureInputs}}
    <section class="faces">
    <h2>Faces in the {{pictureRole}} <span class="path">{{picturePath}}</span></h2>
    <p>{{facesLine}}</p>
    {{#first}}
    <div class="first-frame">
    {{> frame}}
    <div>
    <h3>Faces on the first frame (the one the API picks the face on)</h3>
    {{#hasFirstBoxes}}<table class="face-sizes"><thead><tr><th>#</th><th>box (left, top) in frame pixels</th><th>size</th></tr></thead><tbody>
    {{#firstBoxes}}<tr><td>{{number}}</td><td>{{x}}, {{y}}</td><td>{{size}}</td></tr>
    {{/firstBoxes}}</tbody></table>{{/hasFirstBoxes}}
    {{^hasFirstBoxes}}<p class="unreadable">No face found on the first frame.</p>{{/hasFirstBoxes}}
    </div>
    </div>
    {{/first}}
    {{#presence}}
    <h3>Faces over time</h3>
    <svg class="chart presence" viewBox="0 0 {{width}} 46" role="img" aria-label="sampled frames with and without a face">
    {{#gaps}}<rect class="gap" x="{{spanX}}" y="0" width="{{spanW}}" height="30"><title>{{tip}}</title></rect>{{/gaps}}
    {{#stills}}<rect class="still" x="{{spanX}}" y="0" width="{{spanW}}" height="30"><title>{{tip}}</title></rect>{{/stills}}
    {{#ticks}}<line class="{{#hasFace}}tick-face{{/hasFace}}{{^hasFace}}tick-noface{{/hasFace}}" x1="{{tickX}}" x2="{{tickX}}" y1="4" y2="26"><title>{{tip}}</title></line>{{/ticks}}
    <g class="axis">{{#axis}}<text x="{{markX}}" y="42">{{markText}}</text>{{/axis}}</g>
    </svg>
    <p class="legend"><span class="swatch" style="background: var(--face)"></span>face found <span class="swatch" style="background: var(--noface)"></span>no face (shaded: no face until the next sample) <span class="swatch" style="background: var(--none)"></span>still picture</p>
    {{/presence}}
    {{#hasStrip}}<h3>Sampled frames</h3>
    <div class="filmstrip">
    {{#strip}}{{> frame}}
    {{/strip}}
    </div>{{/hasStrip}}
    {{#stripNote}}<p class="note">{{stripNote}}</p>{{/stripNote}}
    </section>
    {{/pictureInputs}}

    {{#soundInputs}}
    <section class="sound">
    <h2>Speech in the {{soundRole}} <span class="path">{{soundPath}}</span></h2>
    <p>{{speechLine}}</p>
    <svg class="chart wave" viewBox="0 0 720 96" role="img" aria-label="level over time with the speech shaded">
    {{#speechSpans}}<rect class="speech-span" x="{{spanX}}" y="0" width="{{spanW}}" height="80"><title>{{tip}}</title></rect>{{/speechSpans}}
    {{#levelPoints}}<polygon class="level" points="{{levelPoints}}"/>{{/levelPoints}}
    <g class="axis">{{#axis}}<text x="{{markX}}" y="93">{{markText}}</text>{{/axis}}</g>
    </svg>
    <p class="legend"><span class="swatch" style="background: var(--speech); opacity: .5"></span>speech{{#levelNote}} <span class="swatch" style="background: var(--audio)"></span>{{levelNote}}{{/levelNote}}</p>
    </section>
    {{/soundInputs}}

    {{#timeline}}
    <section id="sync-mode" data-advised-mode="{{advisedMode}}" data-sync-mode="{{usedMode}}">
    <h2>sync_mode: <strong>{{usedMode}}</strong> ({{usedHow}}), {{outputText}}</h2>
    <p>{{reason}}</p>
    <svg class="chart timeline" viewBox="0 0 750 {{height}}" role="img" aria-label="what each sync_mode does to the video and the audio">
    <text x="4" y="18">video</text><text x="4" y="34">audio</text>
    {{#inputBars}}<rect class="k-{{kind}}" x="{{barX}}" y="{{barY}}" width="{{barW}}" height="{{barH}}"><title>{{tip}}</title></rect>{{#barLabel}}<text class="bar-label" x="{{labelX}}" y="{{labelY}}">{{barLabel}}</text>{{/barLabel}}{{/inputBars}}
    {{#modeRows}}<g class="mode{{#advised}} advised{{/advised}}{{#used}} used{{/used}}" data-mode="{{mode}}">
    <rect class="rowbg" x="1" y="{{rowY}}" width="748" height="36" rx="3"/>
    <text class="modename" x="6" y="{{textY}}">{{mode}}</text>
    {{#bars}}<rect class="k-{{kind}}" x="{{barX}}" y="{{barY}}" width="{{barW}}" height="{{barH}}"><title>{{tip}}</title></rect>{{#barLabel}}<text class="bar-label" x="{{labelX}}" y="{{labelY}}">{{barLabel}}</text>{{/barLabel}}{{/bars}}
    <text class="mode-out" x="6" y="{{textY}}" dy="11">{{rowOutput}}{{#advised}} ✓ advised{{/advised}}</text>
    </g>
    {{/modeRows}}
    <g class="axis">{{#axis}}<line x1="{{markX}}" x2="{{markX}}" y1="48" y2="{{axisY}}"/><text x="{{markX}}" y="{{axisY}}" dy="12">{{markText}}</text>{{/axis}}</g>
    </svg>
    <p class="legend">each mode: picture above, sound below ·
    <span class="swatch k-forward" style="background: var(--video)"></span>video forward
    <span class="swatch" style="background: var(--backward)"></span>backward
    <span class="swatch" style="background: var(--stretched)"></span>stretched
    <span class="swatch" style="background: var(--none)"></span>no picture
    <span class="swatch" style="background: var(--audio)"></span>audio
    <span class="swatch" style="background: var(--speech)"></span>speech
    <span class="swatch" style="background: var(--silence)"></span>silence
    <span class="swatch" style="background: var(--dropped); opacity: .5"></span>cut</p>
    <p class="muted">output by mode: {{outputByMode}}</p>
    </section>
    {{/timeline}}
    {{#outputOnly}}<section id="sync-mode"><h2>Output</h2><p>{{outputOnly}}</p>
    {{#segmentRows}}<p class="muted">{{segmentText}}</p>{{/segmentRows}}</section>{{/outputOnly}}

    <section id="findings">
    <h2>Findings</h2>
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
    </section>
    {{#requestBody}}<p>{{requestBody}}</p>{{/requestBody}}
    {{#hasNotes}}<section id="not-measured"><h2>Not measured</h2><ul>{{#notes}}<li>{{.}}</li>{{/notes}}</ul></section>{{/hasNotes}}
    </main>
    <footer class="muted">preflight check · self-contained: no script, no external resource · rules: docs/RULES.md</footer>
    </body>
    </html>
    """
}
