"""How many independent sources report a thing, and which copies were folded into one.

A syndicated or spun copy (``Document.duplicate_of``) repeats its original: citing both is one
source, not two. Every section of the brief states its count the same way, through :func:`agreement`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Protocol, TypeVar

from storyline.model import Document, Ref

__all__ = ["count_sources", "with_agreement", "with_sources"]

Folded = tuple[tuple[str, str], ...]


def count_sources(support: Iterable[Ref | Mapping[str, object]], documents: Sequence[Document]) -> tuple[int, Folded]:
    """The number of distinct originals among the documents cited in ``support``, and the folded copies.

    Each folded copy is a pair ``(doc, copy_of)``: a cited document counted as the original it copies.
    """
    return _count(support, _originals(documents))


def _originals(documents: Sequence[Document]) -> dict[str, str]:
    """Each document's original (itself, unless it is a folded copy): built once for a section's facts,
    not once per fact (a 1,000-document story's thousands of facts would scan every document each)."""
    return {d.id: d.duplicate_of or d.id for d in documents}


def _count(support: Iterable[Ref | Mapping[str, object]], original: Mapping[str, str]) -> tuple[int, Folded]:
    cited = sorted({r.doc if isinstance(r, Ref) else str(r["doc"]) for r in support})
    folded = tuple((doc, original[doc]) for doc in cited if original.get(doc, doc) != doc)
    return len({original.get(doc, doc) for doc in cited}), folded


def with_agreement(
    items: Iterable[Mapping[str, object]], documents: Sequence[Document]
) -> tuple[dict[str, object], ...]:
    """Each item with ``sources`` and ``folded`` (``[{"doc", "copy_of"}]``) counted from its ``support``."""
    out = []
    original = _originals(documents)
    for item in items:
        support = item["support"]
        assert isinstance(support, list)
        sources, folded = _count(support, original)
        out.append({**item, "sources": sources, "folded": [{"doc": d, "copy_of": c} for d, c in folded]})
    return tuple(out)


class _Sourced(Protocol):
    @property
    def support(self) -> tuple[Ref, ...]: ...


Fact = TypeVar("Fact", bound=_Sourced)


def with_sources(facts: Iterable[Fact], documents: Sequence[Document]) -> tuple[Fact, ...]:
    """Each typed fact (a dataclass with ``support``, ``sources`` and ``folded``) with its sources counted."""
    out = []
    original = _originals(documents)
    for fact in facts:
        sources, folded = _count(fact.support, original)
        out.append(replace(fact, sources=sources, folded=folded))  # type: ignore[type-var]
    return tuple(out)
