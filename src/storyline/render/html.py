"""A self-contained HTML report: one file, inline CSS and JS, no network.

Every piece of article text is escaped (``html.escape``) before it reaches
the page, and the script only toggles classes: an article holding
``<script>`` or ``onerror=`` shows as text. Clicking a summary sentence
highlights every span it cites, in every source article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from html import escape
from typing import Any

from storyline.model import Brief, Document, Ref
from storyline.render.common import coverage, figure_label, sources_note, speaker_label, story_line

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
li[data-refs] { margin-bottom: .6rem; cursor: pointer; padding: .2rem .4rem; border-radius: .3rem; }
li[data-refs]:hover, li[data-refs]:focus { background: var(--pick); outline: none; }
li[data-refs].active { background: var(--pick); box-shadow: inset 3px 0 0 #c99a00; }
table { border-collapse: collapse; font-size: .9rem; } td, th { padding: .1rem .5rem; }
table.coverage td { text-align: center; color: #c99a00; border: 1px solid var(--line); }
article { border: 1px solid var(--line); border-radius: .4rem; padding: .6rem .8rem; margin-bottom: 1rem; }
article h3 { font-size: 1rem; margin: 0 0 .3rem; }
article p { margin: .3rem 0; white-space: pre-wrap; }
span.cited { border-bottom: 1px dotted #c99a00; }
span.hit { background: var(--mark); }
span.excluded { color: var(--muted); text-decoration: line-through dotted; }
ul.warnings li { color: #8a4b00; }
@media print { .layout { display: block; } li[data-refs] { cursor: auto; } }
"""

_JS = """
document.querySelectorAll('li[data-refs]').forEach(function (item) {
  function show() {
    document.querySelectorAll('.hit').forEach(function (e) { e.classList.remove('hit'); });
    document.querySelectorAll('li[data-refs].active').forEach(function (e) { e.classList.remove('active'); });
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
    """The brief as one HTML page: summary with sources, the story's facts, the articles with cited spans."""
    data = brief.to_dict()
    cited = {_span_id(r) for r in _all_refs(data)}
    summary = "\n".join(
        _clickable(item.support, escape(item.text), sources_note(item, brief)) for item in brief.summary
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
{_coverage(brief)}
{_facts(data, brief)}
{f'<h2>Warnings</h2><ul class="warnings">{warnings}</ul>' if warnings else ""}
</section><section><h2>Sources</h2>{articles}</section></div></main>
<script>{_JS}</script></body></html>
"""


def _coverage(brief: Brief) -> str:
    """Which document reports which summary sentence: what only one outlet claims shows at a glance."""
    if not brief.summary:
        return ""
    docs, marks = coverage(brief)
    head = "".join(f'<th title="{escape(d)}">{n + 1}</th>' for n, d in enumerate(docs))
    rows = []
    for n, row in enumerate(marks, 1):
        cells = "".join(
            f'<td title="{escape(d)}">{"●" if mark else ""}</td>' for d, mark in zip(docs, row, strict=True)
        )
        rows.append(f"<tr><th>{n}</th>{cells}</tr>")
    legend = " · ".join(f"{n + 1} = {escape(d)}" for n, d in enumerate(docs))
    return (
        f'<h2>Coverage</h2><table class="coverage"><tr><th>sentence \\ source</th>{head}</tr>{"".join(rows)}</table>'
        f'<p class="note">{legend}</p>'
    )


def _facts(data: dict[str, Any], brief: Brief) -> str:
    """The sections later stages fill (timeline, quotes, figures, disagreements, entities), when not empty."""
    parts = []
    if data["timeline"]:
        items = (
            _clickable(e["support"], f"<b>{escape(e['date'])}</b> {escape(e['text'])}", sources_note(e, brief))
            for e in data["timeline"]
        )
        parts.append(f"<h2>Timeline</h2><ul>{''.join(items)}</ul>")
    if data["quotes"]:
        items = (
            _clickable(q["support"], f"“{escape(q['text'])}”", f"— {_speaker(q)}; {sources_note(q, brief)}")
            for q in data["quotes"]
        )
        parts.append(f"<h2>Who said what</h2><ul>{''.join(items)}</ul>")
    if data["figures"]:
        items = (
            _clickable(f["support"], escape(f["text"]), f"{escape(figure_label(f))}; {sources_note(f, brief)}")
            for f in data["figures"]
        )
        parts.append(f"<h2>Figures</h2><ul>{''.join(items)}</ul>")
    if data["disagreements"]:
        blocks = []
        for d in data["disagreements"]:
            claims = "".join(_clickable(c["support"], escape(c["text"])) for c in d["claims"])
            blocks.append(f"<h3>{escape(d['topic'])}</h3><ul>{claims}</ul>")
        parts.append(f"<h2>Where the sources disagree</h2>{''.join(blocks)}")
    if data["entities"]:
        rows = "".join(
            f"<tr><td>{escape(e['name'])}</td><td>{escape(e['type'])}</td><td>{e['mentions']}</td>"
            f'<td>{e["documents"]}</td><td class="note">{escape(", ".join(e["aliases"]))}</td></tr>'
            for e in data["entities"]
        )
        parts.append(
            '<h2>Who and where</h2><table class="entities"><tr><th>name</th><th>type</th><th>mentions</th>'
            f"<th>documents</th><th>also called</th></tr>{rows}</table>"
        )
    return "\n".join(parts)


def _speaker(quote: dict[str, Any]) -> str:
    return speaker_label(quote)


def _clickable(support: Sequence[Ref | dict[str, Any]], html_text: str, note: str = "") -> str:
    """A list item that highlights its cited spans when clicked (``html_text`` is already escaped)."""
    ids = [_span_id(r) for r in support]
    note_html = f'<div class="note">{escape(note)}</div>' if note else ""
    return f'<li tabindex="0" data-refs="{escape(json.dumps(ids))}">{html_text}{note_html}</li>'


def _all_refs(node: object) -> Iterator[Ref | dict[str, Any]]:
    if isinstance(node, dict):
        if {"doc", "sentence"} <= node.keys():
            yield node
        for key, value in node.items():
            if key != "documents":
                yield from _all_refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_refs(value)


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


def _span_id(ref: Ref | dict[str, Any]) -> str:
    """The id of the sentence span a Ref points into (quotes may cite part of it)."""
    if isinstance(ref, Ref):
        return f"s-{ref.doc}-{ref.sentence}"
    return f"s-{ref['doc']}-{ref['sentence']}"
