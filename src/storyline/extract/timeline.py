"""The story's timeline: sentences that say on which day something happened, one event per report.

"The same report" is the fold's: the members of one item (a sentence and its copies in other
documents, :mod:`storyline.text.fold`) are one event, cited with every copy that gives the day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.extract.mentions import Mentions
from storyline.model import DateMention, Document, Event, Item, Sentence
from storyline.text.fold import fold

__all__ = ["build_timeline"]

# A day told as the day of a statement ("said on Wednesday", "In a joint statement Wednesday"): the
# event is the saying. A day's events come first, then its statements.
_STATEMENT = re.compile(
    r"\b(?:said|says|told|announced|stated|statements?|comments?|remarks?|published|issued|reported|added|"
    r"interview)\W+(?:\w+\W+){0,2}$",
    re.I,
)


def build_timeline(
    documents: Sequence[Document],
    *,
    items: Sequence[Item] | None = None,
    per_day: int = 3,
    mentions: Mentions | None = None,
) -> tuple[Event, ...]:
    """Dated events in date order: each item of the fold (``items``; folded here when not given) whose
    sentences name a day, on its first member's first day-precision date mention.

    Sentences cleaning set aside (captions, credits) are skipped. At most ``per_day`` events a day: the
    most supported (distinct documents) first, then events before statements, then the earliest written.
    """
    layer = mentions or Mentions(documents)
    if items is None:
        _, items = fold(documents)
    ranked: dict[str, list[tuple[int, bool, int, list[Sentence]]]] = {}
    for item in items:
        dated = [(s, layer.first_day(s)) for s in item.members if s.selectable]
        found = [(s, day) for s, day in dated if day is not None]
        if not found:
            continue
        first, day = found[0]
        members = [s for s, d in found if d.value == day.value]
        statement = _is_statement(first, day)
        ranked.setdefault(day.value, []).append((-len({m.doc_id for m in members}), statement, item.id, members))
    out: list[Event] = []
    for date in sorted(ranked):
        for _, _, _, members in sorted(ranked[date], key=lambda e: e[:3])[:per_day]:
            out.append(Event(date=date, text=members[0].text, support=tuple(m.ref() for m in members)))
    return tuple(out)


def _is_statement(s: Sentence, day: DateMention) -> bool:
    return bool(_STATEMENT.search(s.text[: day.ref.start - s.start]))
