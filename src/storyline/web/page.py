"""The one HTML page of the web app: inline CSS and JS, no external assets.

The page sends pasted text and chosen files to ``POST /api/brief.html`` and
shows the returned report in a sandboxed iframe (``srcdoc``): the report
escapes all article text itself, and the sandbox gives it no access to this page.
"""

from __future__ import annotations

from html import escape

_CSS = """
:root { --ink:#1d2433; --muted:#5b6475; --line:#d9dde5; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.4rem; margin: .2rem 0 .6rem; }
form { display: grid; gap: .6rem; }
textarea { width: 100%; min-height: 9rem; font: 14px/1.4 ui-monospace, monospace; padding: .5rem; }
.row { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.note, #status { color: var(--muted); font-size: .9rem; }
#status.error { color: #a0211b; }
button { font-size: 1rem; padding: .4rem 1.2rem; }
ul#warnings li { color: #8a4b00; }
iframe { width: 100%; height: 80vh; border: 1px solid var(--line); border-radius: .4rem; margin-top: .6rem; }
iframe[hidden] { display: none; }
"""

_JS = """
(function () {
  var form = document.getElementById('brief-form');
  var button = document.getElementById('brief-button');
  var status = document.getElementById('status');
  var frame = document.getElementById('brief');
  var warnings = document.getElementById('warnings');

  function pasted() {
    // JSONL when every non-blank line is a JSON object; otherwise one article per blank-line block.
    var text = document.getElementById('paste').value;
    var lines = text.split(/\\r?\\n/).filter(function (l) { return l.trim(); });
    if (!lines.length) { return []; }
    var jsonl = lines.every(function (l) {
      try { var v = JSON.parse(l); return v !== null && typeof v === 'object' && !Array.isArray(v); }
      catch (e) { return false; }
    });
    if (jsonl) { return [new File([lines.join('\\n') + '\\n'], 'pasted.jsonl')]; }
    return text.split(/\\r?\\n\\s*\\r?\\n/).filter(function (b) { return b.trim(); }).map(function (block, i) {
      return new File([block.trim() + '\\n'], 'pasted-' + String(i + 1).padStart(3, '0') + '.txt');
    });
  }

  function show(message, isError) {
    status.textContent = message;
    status.className = isError ? 'error' : '';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var data = new FormData();
    var files = Array.prototype.slice.call(document.getElementById('files').files).concat(pasted());
    if (!files.length) { show('Paste some text or choose files first.', true); return; }
    files.forEach(function (f) { data.append('files', f, f.name); });
    data.append('words', document.getElementById('words').value);
    data.append('ranker', document.getElementById('ranker').value);
    button.disabled = true;
    show('Briefing\\u2026', false);
    fetch('api/brief.html', {method: 'POST', body: data}).then(function (response) {
      return response.text().then(function (body) {
        if (!response.ok) {
          var detail = body;
          try { detail = JSON.parse(body).detail; } catch (e) { /* not JSON: show as is */ }
          throw new Error(detail || ('HTTP ' + response.status));
        }
        return body;
      });
    }).then(function (html) {
      // Warnings are read from the report with DOMParser, which runs no script.
      var parsed = new DOMParser().parseFromString(html, 'text/html');
      warnings.textContent = '';
      parsed.querySelectorAll('ul.warnings li').forEach(function (li) {
        var item = document.createElement('li');
        item.textContent = li.textContent;
        warnings.appendChild(item);
      });
      document.getElementById('warnings-box').hidden = !warnings.children.length;
      frame.srcdoc = html;
      frame.hidden = false;
      show('Done: ' + parsed.querySelectorAll('ol.summary li').length + ' summary sentences.', false);
    }).catch(function (error) {
      show('Error: ' + error.message, true);
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
"""


def page(rankers: list[str], *, folder: bool = False) -> str:
    """The page's HTML; ``rankers`` fills the ranker menu (``default`` first)."""
    options = "".join(f'<option value="{escape(name)}">{escape(name)}</option>' for name in ["default", *rankers])
    folder_note = (
        '<p class="note">This server also briefs its folder: <a href="api/folder">api/folder</a> (JSON).</p>'
        if folder
        else ""
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Storyline</title><style>{_CSS}</style></head>
<body><main><h1>Storyline</h1>
<p class="note">Brief a cluster of news articles: every summary sentence cites its sources.</p>{folder_note}
<form id="brief-form">
<label for="paste">Paste articles: one per block, blocks separated by a blank line (or JSONL)</label>
<textarea id="paste" name="paste" placeholder="First article text...&#10;&#10;Second article text..."></textarea>
<div class="row">
<label>Files (.txt, .html, .jsonl, .zip) <input id="files" type="file" multiple
 accept=".txt,.html,.htm,.jsonl,.zip"></label>
<label>Words <input id="words" type="number" min="1" value="100" style="width:5rem"></label>
<label>Ranker <select id="ranker">{options}</select></label>
<button id="brief-button" type="submit">Brief</button>
</div></form>
<p id="status" role="status" aria-live="polite"></p>
<div id="warnings-box" hidden><h2>Warnings</h2><ul id="warnings"></ul></div>
<iframe id="brief" title="Brief" sandbox="allow-scripts" hidden></iframe>
</main><script>{_JS}</script></body></html>
"""
