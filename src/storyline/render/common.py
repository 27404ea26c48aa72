"""Wording shared by the human-readable renderers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storyline.model import Brief, Ref, SummaryItem

# The text and Markdown outputs list the most reported entities only; JSON and HTML hold them all.
ENTITIES_SHOWN = 15


def story_line(brief: Brief) -> str:
    """'5 documents (5 unique), 2016-12-04 to 2016-12-08'."""
    n = len(brief.documents)
    line = f"{n} document{'s' if n != 1 else ''} ({brief.unique_documents} unique)"
    dates = brief.dates()
    if dates:
        first, last = dates[0].isoformat(), dates[-1].isoformat()
        line += f", {first}" if first == last else f", {first} to {last}"
    if brief.earlier:
        line += f"; update: only what {n - len(brief.earlier)} newer add to {len(brief.earlier)} earlier"
    return line


def sources_note(item: SummaryItem | Mapping[str, Any], brief: Brief) -> str:
    """'reported by 2 of 5 sources; cited: 000, 002 (004 copies 002)', for a summary item or any section item."""
    if isinstance(item, SummaryItem):
        docs = {r.doc for r in item.support}
        sources, folded = item.sources, list(item.folded)
    else:
        docs = {str(r["doc"]) for r in item["support"]}
        sources = int(item.get("sources", len(docs)))
        folded = [(f["doc"], f["copy_of"]) for f in item.get("folded", [])]
    note = f"reported by {sources} of {brief.unique_documents} sources; cited: {', '.join(sorted(docs))}"
    if folded:
        note += " (" + "; ".join(f"{doc} copies {original}" for doc, original in folded) + ")"
    return note


def ref_label(ref: Ref) -> str:
    return f"{ref.doc}#{ref.sentence} [{ref.start}:{ref.end}]"


def fact_sections(brief: Brief) -> list[tuple[str, list[tuple[str, str]]]]:
    """The facts sections as ``(heading, [(line, note)])``, in reading order, empty ones left out.

    The text and Markdown renderers lay these out; the note is the line's sources (or its detail).
    """
    data: dict[str, Any] = brief.to_dict()
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        ("Timeline", [(f"{e['date']}  {e['text']}", sources_note(e, brief)) for e in data["timeline"]]),
        (
            "Who said what",
            [(f"“{q['text']}” — {speaker_label(q)}", sources_note(q, brief)) for q in data["quotes"]],
        ),
        ("Key figures", [(f"{f['text']}  ({figure_label(f)})", sources_note(f, brief)) for f in data["figures"]]),
        (
            "Where the sources disagree",
            [
                (" vs. ".join(f"“{c['text']}” ({_docs(c)})" for c in d["claims"]), d.get("why", ""))
                for d in data["disagreements"]
            ],
        ),
        (
            "Who and where",
            [
                (
                    f"{e['name']} ({e['type']})",
                    f"{e['mentions']} mentions in {e['documents']} documents" + _also(e),
                )
                for e in data["entities"][:ENTITIES_SHOWN]
            ]
            + _more(data["entities"]),
        ),
    ]
    return [(heading, lines) for heading, lines in sections if lines]


def speaker_label(quote: Mapping[str, Any]) -> str:
    """Who said a quotation, as the reader sees it: the speaker, else the unresolved pronoun, else unknown."""
    if quote["speaker"]:
        return str(quote["speaker"])
    if quote.get("pronoun"):
        return f"“{quote['pronoun']}” (not named)"
    return "speaker unknown"


def _more(entities: list[Any]) -> list[tuple[str, str]]:
    hidden = len(entities) - ENTITIES_SHOWN
    return [(f"… and {hidden} more (every one in the JSON output)", "")] if hidden > 0 else []


def figure_label(figure: Mapping[str, Any]) -> str:
    """'26 people; event: kill': the value, what it counts and what happened to it."""
    label = f"{figure['value']:g} {figure['unit'] or ''}".strip()
    return label + (f"; event: {figure['event']}" if figure.get("event") else "")


def _docs(claim: Mapping[str, Any]) -> str:
    return ", ".join(sorted({str(r["doc"]) for r in claim["support"]}))


def _also(entity: Mapping[str, Any]) -> str:
    others = [a for a in entity["aliases"] if a != entity["name"]]
    return f"; also: {', '.join(others)}" if others else ""


def coverage(brief: Brief) -> tuple[list[str], list[list[bool]]]:
    """Which document reports which summary sentence: the document ids, and one row of marks per sentence."""
    docs = [d.id for d in brief.documents]
    return docs, [[doc in {r.doc for r in item.support} for doc in docs] for item in brief.summary]
