"""Provenance checks: every Ref in a brief must cite exactly its sentence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from storyline.model import Brief


def provenance_errors(brief: Brief) -> list[str]:
    """Every way the brief's Refs fail ``document_text[start:end] == cited sentence``.

    Checks all sections of the JSON form (summary, timeline, quotes, figures,
    disagreements), so later stages are held to the same rule. Empty: all good.
    """
    documents = {d.id: d for d in brief.documents}
    errors = []
    for where, ref in _refs(brief.to_dict()):
        doc = documents.get(str(ref["doc"]))
        if doc is None:
            errors.append(f"{where}: unknown document {ref['doc']!r}")
            continue
        index, start, end = int(ref["sentence"]), int(ref["start"]), int(ref["end"])
        if not 0 <= index < len(doc.sentences):
            errors.append(f"{where}: {doc.id} has no sentence {index}")
            continue
        sentence = doc.sentences[index]
        if not sentence.start <= start <= end <= sentence.end:
            errors.append(f"{where}: span {start}:{end} is outside sentence {doc.id}#{index}")
        elif doc.article.text[sentence.start : sentence.end] != sentence.text:
            errors.append(f"{where}: sentence {doc.id}#{index} does not match its span")
    for n, item in enumerate(brief.summary):
        first = item.support[0]
        if documents[first.doc].article.text[first.start : first.end] != item.text:
            errors.append(f"summary[{n}]: text differs from its first cited span")
    return errors


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
