"""Figures: the numbers a story reports, each with what it counts and every place it is written.

The numbers come from the mention layer (:mod:`storyline.extract.numbers`, read once per
sentence). A figure's identity is its value, what it counts and its event: the same three across
documents are one figure with every Ref; "killed 12 people" and "injured 12 people" are two figures,
and different values for one unit stay separate figures. Events are compared by their class
(``lexicon/event_classes.txt``): "seized 80%" and "retook 80%" are one figure.

A number the text gives nothing counted for (no noun, no currency, no "%": "vote of 54 to 45", a phone
number, "Squadron (VP) 16") stays in the mention layer (a toll's "rose to 40" is read there) but is no
figure: it tells a reader nothing, and the facts gold leaves such numbers out. On its dev split, 80 of the
812 numbers were such (ages aside), none of them a gold figure.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.extract.mentions import Mentions
from storyline.extract.numbers import Number
from storyline.lexicon.groups import groups
from storyline.model import Document, Figure, Ref

__all__ = ["event_class", "extract_figures", "find_figures"]


def event_class(event: str | None) -> str | None:
    """The event a verb lemma names ("die" and "massacre" name "kill"); a lemma in no class names itself."""
    return groups("event_classes").get(event, event) if event else None


def find_figures(document: Document) -> list[Number]:
    """Every figure of one document, in reading order, with exact document spans."""
    layer = Mentions((document,))
    return [n for s in document.sentences for n in layer.numbers(s) if n.unit is not None]


def extract_figures(documents: Sequence[Document], *, mentions: Mentions | None = None) -> tuple[Figure, ...]:
    """The brief's figures: one per (value, unit, event), with a Ref for every place it is written."""
    layer = mentions or Mentions(documents)
    layer.read_numbers(s for d in documents for s in d.sentences)
    found: dict[tuple[float, str | None, str | None], list[Number]] = {}
    for d in documents:
        for s in d.sentences:
            for n in layer.numbers(s):
                if n.unit is None:
                    continue  # counts nothing the text names: no figure (the module docstring)
                found.setdefault((n.value, n.unit, event_class(n.event)), []).append(n)
    return tuple(
        Figure(
            value=value,
            unit=unit,
            text=numbers[0].text,
            support=tuple(Ref(n.doc, n.sentence, n.start, n.end) for n in numbers),
            event=numbers[0].event,
        )
        for (value, unit, _), numbers in found.items()
    )
