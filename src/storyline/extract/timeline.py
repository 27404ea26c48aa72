"""The story's timeline: sentences that say on which day something happened, folded across sources."""

from __future__ import annotations

from collections.abc import Sequence

from storyline.extract.mentions import Mentions
from storyline.model import Document, Event, Sentence
from storyline.text.normalize import jaccard, tokens

__all__ = ["build_timeline"]

# Content-word Jaccard above which two sentences on one day report one event.
SAME_EVENT = 0.6


def build_timeline(
    documents: Sequence[Document], *, per_day: int = 3, mentions: Mentions | None = None
) -> tuple[Event, ...]:
    """Dated events: sentences with a day-precision date, folded across documents, in date order.

    A sentence's date is its first day-precision mention (``mentions``: the story's layer). Sentences
    cleaning set aside (captions, credits) are skipped. Two sentences on one date fold when their word
    sets have a Jaccard of at least ``SAME_EVENT``. At most ``per_day`` events per day, the most supported
    (distinct documents) first, then the earliest written.
    """
    layer = mentions or Mentions(documents)
    events: dict[str, list[tuple[set[str], list[Sentence]]]] = {}
    for d in documents:
        for s in d.sentences:
            day = layer.first_day(s) if s.selectable else None
            if day is None:
                continue
            words = set(tokens(s.text))
            groups = events.setdefault(day.value, [])
            for words_g, members in groups:
                if jaccard(words, words_g) >= SAME_EVENT:
                    members.append(s)
                    break
            else:
                groups.append((words, [s]))
    out: list[Event] = []
    for date in sorted(events):
        ranked = sorted(enumerate(events[date]), key=lambda e: (-len({m.doc_id for m in e[1][1]}), e[0]))
        for _, (_, members) in ranked[:per_day]:
            out.append(Event(date=date, text=members[0].text, support=tuple(m.ref() for m in members)))
    return tuple(out)
