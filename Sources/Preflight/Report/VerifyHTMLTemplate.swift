import Mustache

/// The Mustache template of `verify --format html` (`VerifyHTMLRenderer` fills it): the head, the framed pictures and
/// the findings table are `ReportPagePartials`, shared with check's page. Only double-brace value tags, which
/// swift-mustache HTML-escapes: no triple-brace or ampersand (unescaped) tag anywhere (a test holds it to that).
enum VerifyHTMLTemplate {
    static let template: MustacheTemplate = try! MustacheTemplate(string: page)

    /// A line chart (`VerifyHTMLRenderer.Curve`): its polylines, a zero line and the measured value's marker.
    static let curve = """
    <svg class="chart curve" viewBox="0 0 750 140" role="img" aria-label="{{curveHeading}}">
    <line class="midline" x1="110" x2="720" y1="60" y2="60"/>
    {{#windowSpans}}<rect class="{{runClass}}" x="{{runX}}" y="0" width="{{runW}}" height="120"><title>{{tip}}</title></rect>{{/windowSpans}}
    {{#zeroX}}<line class="zero" x1="{{zeroX}}" x2="{{zeroX}}" y1="0" y2="120"/>{{/zeroX}}
    {{#lines}}<polyline class="{{lineClass}}" points="{{points}}"><title>{{lineTip}}</title></polyline>{{/lines}}
    {{#markerX}}<line class="marker" x1="{{markerX}}" x2="{{markerX}}" y1="0" y2="120"/><text class="marker-text" x="{{markerX}}" y="12" dx="4">{{markerText}}</text>{{/markerX}}
    <g class="axis">{{#curveAxis}}<text x="{{markX}}" y="134">{{markText}}</text>{{/curveAxis}}</g>
    </svg>
    """

    static let page = """
    {{> pageStart}}
    <section id="inputs">
    <h2>Output and inputs</h2>
    {{> inputTable}}
    </section>

    {{#durations}}
    <section id="duration">
    <h2>Duration</h2>
    <p>{{durationLine}}</p>
    <svg class="chart durations" viewBox="0 0 750 {{durationHeight}}" role="img" aria-label="expected and measured durations">
    {{#durationRows}}<text x="4" y="{{textY}}">{{name}}</text><rect class="d-{{kind}}" x="110" y="{{rowY}}" width="{{barW}}" height="14"><title>{{name}}: {{value}}</title></rect><text x="{{valueX}}" y="{{textY}}">{{value}}</text>
    {{/durationRows}}
    </svg>
    </section>
    {{/durations}}

    <section id="pictures">
    <h2>Input and output pictures</h2>
    <p class="note">{{pairsNote}}</p>
    {{#hasPairs}}<div class="pairs">
    {{#pairs}}<div class="pair{{#pairLost}} lost{{/pairLost}}">
    {{#input}}{{> frame}}{{/input}}
    {{#output}}{{> frame}}{{/output}}
    <p class="pair-caption">{{pairCaption}}</p>
    </div>
    {{/pairs}}
    </div>{{/hasPairs}}
    </section>

    {{#timeline}}
    <section id="timeline">
    <h2>Timeline of the output (0 to {{timelineEnd}})</h2>
    <svg class="chart timeline" viewBox="0 0 750 {{timelineHeight}}" role="img" aria-label="frozen and black runs, decode errors and faces over the output's time">
    {{#rows}}<g class="trow">
    <text x="4" y="{{textY}}">{{rowName}}</text>
    {{#spans}}<rect class="{{runClass}}" x="{{runX}}" y="{{runY}}" width="{{runW}}" height="18"><title>{{tip}}</title></rect>{{/spans}}
    {{#ticks}}<line class="{{tickClass}}" x1="{{tickX}}" x2="{{tickX}}" y1="{{tickY1}}" y2="{{tickY2}}"><title>{{tip}}</title></line>{{/ticks}}
    {{#empty}}<text class="empty" x="114" y="{{textY}}">{{empty}}</text>{{/empty}}
    </g>
    {{/rows}}
    <g class="axis">{{#axis}}<line x1="{{markX}}" x2="{{markX}}" y1="2" y2="{{axisY}}"/><text x="{{markX}}" y="{{axisY}}" dy="12">{{markText}}</text>{{/axis}}</g>
    </svg>
    <p class="legend"><span class="swatch" style="background: var(--none)"></span>frozen
    <span class="swatch" style="background: #000"></span>black
    <span class="swatch" style="background: var(--error)"></span>decode error or timestamp jump
    <span class="swatch" style="background: var(--face)"></span>face kept
    <span class="swatch" style="background: var(--noface)"></span>face lost (shaded until the next compared time) or outside the face under 30 dB PSNR
    <span class="swatch" style="background: var(--video); opacity: .4"></span>mouth followed
    <span class="swatch" style="background: var(--speech)"></span>mouth still during speech</p>
    </section>
    {{/timeline}}

    <section id="audio-offset">
    <h2>Audio against the submitted audio</h2>
    {{#correlation}}<p>{{curveLine}}</p>
    {{> curve}}
    <p class="legend">{{legend}}</p>{{/correlation}}
    {{#correlationMissing}}<p class="note">{{correlationMissing}}</p>{{/correlationMissing}}
    </section>

    <section id="lips">
    <h2>Mouth against the speech</h2>
    {{#mouth}}<p>{{mouthLine}}</p>
    {{#curve}}{{> curve}}
    <p class="legend"><span class="swatch" style="background: var(--video)"></span>mouth opening <span class="swatch" style="background: var(--audio)"></span>speech band level{{#hasStill}} <span class="swatch" style="background: var(--speech); opacity: .4"></span>mouth still during speech{{/hasStill}} · {{legend}}</p>{{/curve}}{{/mouth}}
    {{#mouthMissing}}<p class="note">{{mouthMissing}}</p>{{/mouthMissing}}
    </section>

    {{> findings}}
    {{#hasNotes}}<section id="not-measured"><h2>Not measured</h2><ul>{{#notes}}<li>{{.}}</li>{{/notes}}</ul></section>{{/hasNotes}}
    </main>
    <footer class="muted">preflight verify · self-contained: no script, no external resource · rules: docs/RULES.md</footer>
    </body>
    </html>
    """
}
