"""Markdown output."""

from __future__ import annotations

from storyline.model import Brief
from storyline.render.common import coverage, fact_sections, ref_label, sources_note, story_line


def to_markdown(brief: Brief) -> str:
    """The brief as Markdown: summary with citations, sources, warnings."""
    lines = [f"# {_escape(brief.title or 'Untitled story')}", "", f"*{story_line(brief)}; ranker: {brief.ranker}*", ""]
    lines += ["## Summary", ""]
    if not brief.summary:
        lines.append("No sentence could be selected for a summary.")
    for n, item in enumerate(brief.summary, 1):
        cites = "; ".join(ref_label(r) for r in item.support)
        lines.append(f"{n}. {_escape(item.text)}  ")
        lines.append(f"   <sub>{sources_note(item, brief)} — {cites}</sub>")
    if brief.summary:
        docs, marks = coverage(brief)
        lines += ["", "## Coverage", "", "Which source reports which summary sentence.", ""]
        lines += ["| sentence | " + " | ".join(str(n) for n in range(1, len(docs) + 1)) + " |"]
        lines += ["|---" * (len(docs) + 1) + "|"]
        lines += [f"| {n} | " + " | ".join("●" if m else "" for m in row) + " |" for n, row in enumerate(marks, 1)]
        lines += ["", "Sources: " + "; ".join(f"{n} = {_escape(d)}" for n, d in enumerate(docs, 1))]
    for heading, facts in fact_sections(brief):
        lines += ["", f"## {heading}", ""]
        lines += [f"- {_escape(line)}" + (f"  \n  <sub>{_escape(note)}</sub>" if note else "") for line, note in facts]
    lines += ["", "## Sources", "", "| id | title | date | sentences | copy of |", "|---|---|---|---|---|"]
    for d in brief.documents:
        date = d.article.date.isoformat() if d.article.date else ""
        if d.article.date_inferred:
            date += " (inferred)"
        lines.append(
            f"| {d.id} | {_escape(d.article.title or '')} | {date} | {len(d.sentences)} | {d.duplicate_of or ''} |"
        )
    if brief.warnings:
        lines += ["", "## Warnings", ""]
        lines += [f"- {_escape(w)}" for w in brief.warnings]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    """Keep article text literal: no HTML, no table breaks, no stray emphasis."""
    for char in "\\`*_[]<>|":
        text = text.replace(char, "\\" + char)
    return text
