import Mustache

/// The Mustache templates of `batch --html` (`BatchHTMLFile` fills them): the top of the page (the shared head and
/// header, the totals, the filters, the index table's head), then one index row and one section per job, rendered
/// as each job finishes, and the constant tail with the page's one script. Only double-brace value tags, which
/// swift-mustache HTML-escapes: no triple-brace or ampersand (unescaped) tag anywhere (a test holds it to that).
enum BatchHTMLTemplate {
    static var library: MustacheLibrary { ReportPagePartials.library }

    /// Everything before the index rows: reads `BatchHTMLFile.Top`.
    static let top: MustacheTemplate = try! MustacheTemplate(string: """
    {{> pageStart}}
    {{#interruptedNote}}<p class="unreadable">{{interruptedNote}}</p>{{/interruptedNote}}
    <section id="totals">
    <h2>Totals</h2>
    <div class="totals-grid">
    <table class="totals">
    <thead><tr><th>verdict</th><th class="num">jobs</th></tr></thead>
    <tbody>
    {{#verdictTotals}}<tr><td><span class="verdict v-{{totalVerdict}}">{{totalLabel}}</span></td><td class="num">{{totalJobs}}</td></tr>
    {{/verdictTotals}}
    </tbody>
    </table>
    {{#hasTopRules}}<table class="totals">
    <thead><tr><th>most frequent rules</th><th class="num">jobs raising it</th></tr></thead>
    <tbody>
    {{#topRules}}<tr><td><a class="rule" href="{{topRuleLink}}">{{topRule}}</a></td><td class="num">{{topRuleJobs}}</td></tr>
    {{/topRules}}
    </tbody>
    </table>{{/hasTopRules}}
    {{^hasTopRules}}<p>No rule fired in any job.</p>{{/hasTopRules}}
    </div>
    </section>
    <section id="index">
    <h2>Jobs</h2>
    <div class="filters" id="filters" hidden>
    <label>verdict <select id="filter-verdict"><option value="">all</option>{{#verdictOptions}}<option value="{{optionValue}}">{{optionLabel}}</option>{{/verdictOptions}}</select></label>
    <label>rule <select id="filter-rule"><option value="">all</option>{{#ruleOptions}}<option value="{{optionValue}}">{{optionLabel}}</option>{{/ruleOptions}}</select></label>
    <span id="shown" class="muted"></span>
    <span class="muted">click a column's header to sort by it</span>
    </div>
    <table id="jobs" class="jobs">
    <thead><tr><th>job</th><th>kind</th><th>inputs</th><th>verdict</th><th class="num">errors</th><th class="num">warnings</th><th class="num">info</th><th>rules</th></tr></thead>
    <tbody>

    """)

    /// One job's row of the index: reads `BatchHTMLFile.Job`. The verdict cell sorts by severity (`data-sort`).
    static let row: MustacheTemplate = try! MustacheTemplate(string: """
    <tr data-verdict="{{verdict}}" data-rules=" {{ruleList}} "><td class="path"><a href="#{{anchor}}">{{id}}</a></td><td>{{kind}}</td>\
    <td class="path">{{#inputNames}}<div title="{{inputFull}}">{{inputName}}</div>{{/inputNames}}</td>\
    <td data-sort="{{verdictRank}}"><span class="verdict v-{{verdict}}">{{verdictLabel}}</span></td>\
    <td class="num">{{errors}}</td><td class="num">{{warnings}}</td><td class="num">{{infos}}</td><td class="rule-ids">{{#rules}}<code>{{.}}</code> {{/rules}}</td></tr>

    """)

    /// Between the index and the job sections.
    static let middle = "</tbody>\n</table>\n</section>\n<section id=\"job-sections\">\n"

    /// One job's section: its inputs (with why one was unreadable) and its findings, through the shared partials;
    /// reads `BatchHTMLFile.Job`.
    static let section: MustacheTemplate = try! MustacheTemplate(string: """
    <section class="job" id="{{anchor}}" data-verdict="{{verdict}}" data-rules=" {{ruleList}} ">
    <h2><span class="v-{{verdict}}"><span class="badge">{{verdictLabel}}</span></span> <span class="job-id">{{id}}</span> <span class="muted">{{kind}}</span></h2>
    <h3>Inputs</h3>
    {{> inputTable}}
    <h3>Findings</h3>
    {{> findingsTable}}
    <p class="to-index muted"><a href="#index">back to the index</a></p>
    </section>

    """)

    /// After the job sections: the footer and the script that filters and sorts the index (the page shows every
    /// job without it). Not a template: its bytes must hash to `scriptHash`.
    static let tail = """
    </section>
    </main>
    <footer class="muted">preflight batch · self-contained: one inline script (filter and sort), no external resource · rules: docs/RULES.md</footer>
    <script>\(script)</script>
    </body>
    </html>

    """

    /// Filters the index rows and job sections by verdict and rule, and sorts the rows by a clicked header
    /// (numbers as numbers). No backslash in it, so the Swift literal is the bytes hashed.
    static let script = """
    (function () {
      "use strict";
      var table = document.getElementById("jobs");
      if (!table) { return; }
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var sections = document.querySelectorAll("section.job");
      var verdict = document.getElementById("filter-verdict");
      var rule = document.getElementById("filter-rule");
      var shown = document.getElementById("shown");
      function keep(el) {
        var v = verdict.value, r = rule.value;
        return (!v || el.getAttribute("data-verdict") === v) && (!r || el.getAttribute("data-rules").indexOf(" " + r + " ") >= 0);
      }
      function filter() {
        var n = 0;
        rows.forEach(function (row) { var k = keep(row); row.hidden = !k; if (k) { n++; } });
        Array.prototype.forEach.call(sections, function (s) { s.hidden = !keep(s); });
        shown.textContent = n + " of " + rows.length + " jobs shown";
        table.setAttribute("data-shown", String(n));
      }
      function key(row, col) {
        var cell = row.cells[col], s = cell.getAttribute("data-sort");
        return s !== null ? s : cell.textContent.trim();
      }
      var heads = table.tHead.rows[0].cells;
      Array.prototype.forEach.call(heads, function (th, col) {
        function sort() {
          var up = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", up ? "ascending" : "descending");
          rows.sort(function (a, b) {
            var x = key(a, col), y = key(b, col), nx = Number(x), ny = Number(y);
            var c = x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y, undefined, { numeric: true });
            return up ? c : -c;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        }
        th.tabIndex = 0;
        th.title = "sort by " + th.textContent;
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
      });
      verdict.addEventListener("change", filter);
      rule.addEventListener("change", filter);
      document.getElementById("filters").hidden = false;
      filter();
    })();
    """

    /// Base64 SHA-256 of `script`, the only script the page's Content-Security-Policy lets run (no other inline
    /// script, were one ever smuggled in, would). A test recomputes it from the page; Chromium enforces it.
    static let scriptHash = "NmWcLtk5mnDUvPOagnormqL4gp0de4AerSUmNo1PDpc="
}
