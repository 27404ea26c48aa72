"""Provenance checks: every Ref in a brief must cite exactly its text, inside its sentence's paragraph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from storyline.model import Brief, Document


def provenance_errors(brief: Brief) -> list[str]:
    """Every way the brief's Refs fail ``document_text[start:end] == cited sentence``.

    Checks all sections of the JSON form (summary, timeline, quotes, figures,
    disagreements, entities), so later stages are held to the same rule: each
    item's first Ref cites exactly its ``text`` (an entity's Refs: one of its
    aliases; a quotation's speaker: its ``speaker_support`` span). Empty: all good.
    """
    documents = {d.id: d for d in brief.documents}
    ends: dict[str, dict[int, int]] = {}

    def paragraph_ends(doc: Document) -> dict[int, int]:
        if doc.id not in ends:
            ends[doc.id] = _paragraph_ends(doc)
        return ends[doc.id]

    errors = []
    for where, ref in _refs(brief.to_dict()):
        doc = documents.get(str(ref["doc"]))
        if doc is None:  # cited_text_errors names it
            continue
        index, start, end = int(ref["sentence"]), int(ref["start"]), int(ref["end"])
        if not 0 <= index < len(doc.sentences):
            errors.append(f"{where}: {doc.id} has no sentence {index}")
            continue
        sentence = doc.sentences[index]
        if not (sentence.start <= start <= sentence.end and start <= end <= paragraph_ends(doc)[sentence.paragraph]):
            errors.append(f"{where}: span {start}:{end} is outside sentence {doc.id}#{index} and its paragraph")
        elif doc.article.text[sentence.start : sentence.end] != sentence.text:
            errors.append(f"{where}: sentence {doc.id}#{index} does not match its span")
    texts = {doc_id: doc.article.text for doc_id, doc in documents.items()}
    return errors + cited_text_errors(brief.to_dict(), texts)


def cited_text_errors(data: dict[str, Any], texts: Mapping[str, str]) -> list[str]:
    """Every way a brief's JSON (:meth:`Brief.to_dict`, or the web app's answer) fails to cite the
    ``texts`` of its documents (by id): a Ref outside its text, or an item whose first Ref is not
    exactly its ``text`` (an entity's Refs: one of its aliases; a quotation's speaker: its
    ``speaker_support`` span). A client holding the articles it sent can check an answer with it.
    """
    errors = []
    for where, ref in _refs(data):
        text = texts.get(str(ref["doc"]))
        if text is None:
            errors.append(f"{where}: unknown document {ref['doc']!r}")
        elif not 0 <= int(ref["start"]) <= int(ref["end"]) <= len(text):
            errors.append(f"{where}: span {ref['start']}:{ref['end']} is outside its document")
    cited = [(f"summary[{n}]", item) for n, item in enumerate(data["summary"])]
    for section in ("timeline", "quotes", "figures"):
        cited += [(f"{section}[{n}]", item) for n, item in enumerate(data[section])]
    for n, disagreement in enumerate(data["disagreements"]):
        cited += [(f"disagreements[{n}].claims[{k}]", claim) for k, claim in enumerate(disagreement["claims"])]
    for where, item in cited:
        if _span(texts, item["support"][0]) != item["text"]:
            errors.append(f"{where}: text differs from its first cited span")
    for n, quote in enumerate(data["quotes"]):
        speaker_support = quote.get("speaker_support", [])
        if quote["speaker"] is not None and not speaker_support:
            errors.append(f"quotes[{n}]: speaker {quote['speaker']!r} has no cited span")
        for ref in speaker_support:
            if _span(texts, ref) != quote["speaker"]:
                errors.append(f"quotes[{n}]: speaker differs from its cited span")
    for n, entity in enumerate(data["entities"]):
        for ref in entity.get("support", []):
            if _span(texts, ref) not in entity["aliases"]:
                errors.append(f"entities[{n}]: {_span(texts, ref)!r} is not one of its aliases")
    return errors


def _paragraph_ends(doc: Document) -> dict[int, int]:
    """Where each paragraph ends: a Ref starts in its sentence and may run on to the end of that
    paragraph (a paragraph-long quotation cites the sentence it opens in), never beyond."""
    return {sentence.paragraph: sentence.end for sentence in doc.sentences}


def _span(texts: Mapping[str, str], ref: dict[str, Any]) -> str | None:
    text = texts.get(str(ref["doc"]))
    return text[int(ref["start"]) : int(ref["end"])] if text is not None else None


def _refs(node: object, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if {"doc", "sentence", "start", "end"} <= node.keys():
            yield where, node
        for key, value in node.items():
            if key != "documents":
                yield from _refs(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _refs(value, f"{where}[{n}]")
