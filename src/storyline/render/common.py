"""Wording shared by the human-readable renderers."""

from __future__ import annotations

from storyline.model import Brief, Ref, SummaryItem


def story_line(brief: Brief) -> str:
    """'5 documents (5 unique), 2016-12-04 to 2016-12-08'."""
    n = len(brief.documents)
    line = f"{n} document{'s' if n != 1 else ''} ({brief.unique_documents} unique)"
    dates = brief.dates()
    if dates:
        first, last = dates[0].isoformat(), dates[-1].isoformat()
        line += f", {first}" if first == last else f", {first} to {last}"
    return line


def sources_note(item: SummaryItem, brief: Brief) -> str:
    """'reported by 2 of 5 sources: 000, 002'."""
    docs = sorted({r.doc for r in item.support})
    return f"reported by {item.sources} of {brief.unique_documents} sources; cited: {', '.join(docs)}"


def ref_label(ref: Ref) -> str:
    return f"{ref.doc}#{ref.sentence} [{ref.start}:{ref.end}]"
