import Mustache

/// The Mustache template of `check --format html` (`CheckHTMLRenderer` fills it). Only double-brace value tags,
/// which swift-mustache HTML-escapes: no triple-brace or ampersand (unescaped) tag anywhere (a test holds it to that).
/// The head (policy, style), the framed picture and the findings table are `ReportPagePartials`, shared with verify's page.
enum CheckHTMLTemplate {
    static var library: MustacheLibrary { ReportPagePartials.library }

    static let template: MustacheTemplate = try! MustacheTemplate(string: page)

    /// The page: the shared head, inputs, faces, speech, the sync_mode timeline, the shared findings table.
    static let page = """
    {{> pageStart}}
    <section id="inputs">
    <h2>Inputs</h2>
    {{> inputTable}}
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

    {{> findings}}
    {{#requestBody}}<p>{{requestBody}}</p>{{/requestBody}}
    {{#hasNotes}}<section id="not-measured"><h2>Not measured</h2><ul>{{#notes}}<li>{{.}}</li>{{/notes}}</ul></section>{{/hasNotes}}
    </main>
    <footer class="muted">preflight check · self-contained: no script, no external resource · rules: docs/RULES.md</footer>
    </body>
    </html>
    """
}
