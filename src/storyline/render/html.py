"""A self-contained HTML report: one file, inline CSS and JS, no network.

Every piece of article text is escaped (``html.escape``) before it reaches
the page, and the script only toggles classes: an article holding
``<script>`` or ``onerror=`` shows as text. Clicking a summary sentence
highlights every span it cites, in every source article.
"""

from __future__ import annotations

import json
from html import escape

from storyline.model import Brief, Document, Ref
from storyline.render.common import sources_note, story_line

_CSS = """
:root { --ink:#1d2433; --muted:#5b6475; --line:#d9dde5; --mark:#ffe28a; --pick:#fff6d1; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; }
header, main { max-width: 70rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.5rem; margin: .2rem 0; } h2 { font-size: 1.15rem; border-bottom: 1px solid var(--line); }
.meta, .note { color: var(--muted); font-size: .85rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.2fr); gap: 1.5rem; }
.layout > section:first-child { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; }
@media (max-width: 50rem) {
  .layout { grid-template-columns: 1fr; } .layout > section:first-child { position: static; }
}
ol.summary li { margin-bottom: .6rem; cursor: pointer; padding: .2rem .4rem; border-radius: .3rem; }
ol.summary li:hover, ol.summary li:focus { background: var(--pick); outline: none; }
ol.summary li.active { background: var(--pick); box-shadow: inset 3px 0 0 #c99a00; }
article { border: 1px solid var(--line); border-radius: .4rem; padding: .6rem .8rem; margin-bottom: 1rem; }
article h3 { font-size: 1rem; margin: 0 0 .3rem; }
article p { margin: .3rem 0; white-space: pre-wrap; }
span.cited { border-bottom: 1px dotted #c99a00; }
span.hit { background: var(--mark); }
span.excluded { color: var(--muted); text-decoration: line-through dotted; }
ul.warnings li { color: #8a4b00; }
@media print { .layout { display: block; } ol.summary li { cursor: auto; } }
"""

_JS = """
document.querySelectorAll('ol.summary li').forEach(function (item) {
  function show() {
    document.querySelectorAll('.hit').forEach(function (e) { e.classList.remove('hit'); });
    document.querySelectorAll('ol.summary li.active').forEach(function (e) { e.classList.remove('active'); });
    item.classList.add('active');
    var first = null;
    JSON.parse(item.dataset.refs).forEach(function (id) {
      var span = document.getElementById(id);
      if (span) { span.classList.add('hit'); first = first || span; }
    });
    if (first) { first.scrollIntoView({behavior: 'smooth', block: 'center'}); }
  }
  item.addEventListener('click', show);
  item.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); show(); }
  });
});
"""


def to_html(brief: Brief) -> str:
    """The brief as one HTML page: summary with sources, the articles with cited spans."""
    cited = {_span_id(r) for item in brief.summary for r in item.support}
    summary = "\n".join(
        f'<li tabindex="0" data-refs="{escape(json.dumps([_span_id(r) for r in item.support]))}">'
        f'{escape(item.text)}<div class="note">{escape(sources_note(item, brief))}</div></li>'
        for item in brief.summary
    )
    articles = "\n".join(_article(d, cited) for d in brief.documents)
    warnings = "".join(f"<li>{escape(w)}</li>" for w in brief.warnings)
    title = escape(brief.title or "Untitled story")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>{title}</title><style>{_CSS}</style></head>
<body><header><h1>{title}</h1>
<div class="meta">{escape(story_line(brief))}; ranker: {escape(brief.ranker)}</div></header>
<main><div class="layout"><section><h2>Summary</h2>
<p class="note">Click a sentence to highlight every source that reports it.</p>
<ol class="summary">{summary or "<p>No sentence could be selected for a summary.</p>"}</ol>
{f'<h2>Warnings</h2><ul class="warnings">{warnings}</ul>' if warnings else ""}
</section><section><h2>Sources</h2>{articles}</section></div></main>
<script>{_JS}</script></body></html>
"""


def _article(document: Document, cited: set[str]) -> str:
    """The article's text, paragraph by paragraph, each sentence a span (cited ones with an id)."""
    text = document.article.text
    paragraphs: dict[int, list[str]] = {}
    for s in document.sentences:
        span_id = _span_id(s.ref())
        classes = ["cited"] if span_id in cited else []
        if s.exclude:
            classes.append("excluded")
        attributes = f' id="{escape(span_id)}"' if span_id in cited else ""
        if classes:
            attributes += f' class="{" ".join(classes)}"'
        if s.exclude:
            attributes += f' title="not used: {escape(", ".join(sorted(s.exclude)))}"'
        paragraphs.setdefault(s.paragraph, []).append(f"<span{attributes}>{escape(text[s.start : s.end])}</span>")
    a = document.article
    meta = " · ".join(
        escape(x)
        for x in (
            a.source,
            a.date.isoformat() if a.date else None,
            f"copy of {document.duplicate_of}" if document.duplicate_of else None,
        )
        if x
    )
    body = "\n".join(f"<p>{' '.join(spans)}</p>" for _, spans in sorted(paragraphs.items()))
    heading = escape(a.title or document.id)
    label = (escape(document.id) + (" · " + meta if meta else "")) if a.title else meta
    return f'<article id="doc-{escape(document.id)}"><h3>{heading}</h3><div class="meta">{label}</div>{body}</article>'


def _span_id(ref: Ref) -> str:
    return f"s-{ref.doc}-{ref.sentence}"
