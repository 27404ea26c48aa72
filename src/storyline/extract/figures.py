"""Figures: the numbers a story reports, each with what it counts and every place it is written.

The numbers come from the mention layer (:mod:`storyline.extract.numbers`, read once per
sentence). The same value and unit across documents is one figure with every Ref; different values
for one unit stay separate figures.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.extract.mentions import Mentions
from storyline.extract.numbers import Number
from storyline.model import Document, Figure, Ref

__all__ = ["extract_figures", "find_figures"]


def find_figures(document: Document) -> list[Number]:
    """Every figure of one document, in reading order, with exact document spans."""
    layer = Mentions((document,))
    return [n for s in document.sentences for n in layer.numbers(s)]


def extract_figures(documents: Sequence[Document], *, mentions: Mentions | None = None) -> tuple[Figure, ...]:
    """The brief's figures: one per (value, unit), with a Ref for every place it is written."""
    layer = mentions or Mentions(documents)
    groups: dict[tuple[float, str | None], list[Number]] = {}
    for d in documents:
        for s in d.sentences:
            for n in layer.numbers(s):
                groups.setdefault((n.value, n.unit), []).append(n)
    return tuple(
        Figure(
            value=value,
            unit=unit,
            text=numbers[0].text,
            support=tuple(Ref(n.doc, n.sentence, n.start, n.end) for n in numbers),
        )
        for (value, unit), numbers in groups.items()
    )
