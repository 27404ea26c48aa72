"""A document's own date, when the input gave none: inferred once per story, from evidence of publication only.

A date the input gave (JSONL, HTML metadata) is kept. Otherwise the date is inferred, marked
``date_inferred``, and ``date_evidence`` names what it rests on. Background dates (a war's start, a
coming election) are never taken for it. The evidence, in order:

1. a stated publication ("Published Tuesday, June 23, 2015", "Updated: Dec. 5, 2016"): that day;
2. bounds and weekdays. *Lower bounds*: a photo caption's date (the picture was taken before the report;
   a file photo says nothing), a past "December 4" of the body in the caption's year, and a day another
   document of the story gives to an event this one reports in the past. *Upper bounds*: a day the body
   puts in the future ("is due to vote on December 5"). *Weekdays*: the past weekdays the report names
   ("said on Wednesday"); a weekday named for an event another document dates pins that weekday to
   that day (only when the day is that weekday).

   With weekdays and a lower bound L, the report's day is the day D in L..L+6 for which the weekdays,
   each read as the last such day on or before D, lie closest before D (a report names the days just
   past), the earliest D on a tie. Without weekdays, a lower and an upper bound at most a day apart
   give the lower one. Anything else leaves the document undated: undated is better than wrong.

Documents are dated in rounds: each round's dates give the next round the events of the newly dated
documents to match (news-tls reads dates the same way: each sentence's mentions against its
article's date). Two sentences report one event when they share at least ``SHARED_WORDS`` content
words that are not common to most of the story's documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from storyline.extract.dates import full_dates, future_clause, sentence_dates, weekdays_reported
from storyline.lexicon.calendar import WEEKDAY_PATTERN
from storyline.model import CAPTION, DAY, DateMention, Document, Sentence
from storyline.text.content import shared_content_words

# A day-dated sentence of a dated document: its content words, the day, and where it is said.
_Event = tuple[frozenset[str], dt.date, str]

__all__ = ["date_documents"]

# Content words two sentences must share (beyond the story's common words) to report one event.
SHARED_WORDS = 3
# A word in more than this share of the story's documents (of four or more) ties nothing to one event.
COMMON_SHARE = 0.6

_PUBLISHED = re.compile(
    r"\b(?:Published|Updated|Posted|First\s+published|Last\s+updated)\s*(?:on\s*|:\s*)?"
    r"(?:" + WEEKDAY_PATTERN + r",?\s+)?(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
)
_FILE_PHOTO = re.compile(r"\b(?:file|archive)\s+(?:photo|picture|image)\b|^FILE\b", re.I)


@dataclass
class _Evidence:
    """What one document's text (and the story's dated documents) say about when it was written."""

    lower: list[tuple[dt.date, str]] = field(default_factory=list)
    upper: list[tuple[dt.date, str]] = field(default_factory=list)
    weekdays: list[tuple[int, str]] = field(default_factory=list)
    pins: list[tuple[int, dt.date, str]] = field(default_factory=list)


def date_documents(documents: Iterable[Document]) -> tuple[Document, ...]:
    """The documents, each undated one dated from the evidence of publication when it has some."""
    docs = list(documents)
    common = _common_words(docs)
    # What an undated document says by itself is read once; each round adds only the events of the
    # documents dated in the round before (a document's date, once set, never changes).
    readings = {n: _Reading(d, common) for n, d in enumerate(docs) if d.article.date is None}
    matched: set[int] = set()
    for _ in range(len(docs)):
        fresh = [n for n, d in enumerate(docs) if d.article.date is not None and n not in matched]
        matched.update(fresh)
        events = [e for n in fresh for e in _dated_events(docs[n], common)]
        index = _event_index(events)
        changed = False
        for n, reading in list(readings.items()):
            reading.meet(events, index)
            found = reading.published or _solve(reading.evidence)
            if found is not None:
                date, why = found
                d = docs[n]
                docs[n] = replace(d, article=replace(d.article, date=date, date_inferred=True, date_evidence=why))
                del readings[n]
                changed = True
        if not changed:
            break
    return tuple(docs)


def _published(d: Document) -> tuple[dt.date, str] | None:
    for s in d.sentences:
        m = _PUBLISHED.search(s.text)
        days = full_dates(m.group("date")) if m else []
        if m and days:
            return days[0], f"stated: {m.group(0)!r}"
    return None


def _body(d: Document) -> list[Sentence]:
    return [s for s in d.sentences if CAPTION not in s.exclude]


class _Reading:
    """An undated document's evidence: what its own text says, read once, and the events it meets.

    The order in which events are met does not matter: :func:`_solve` reads bounds by their maximum
    and minimum, weekdays and pins as sets.
    """

    def __init__(self, d: Document, common: frozenset[str]) -> None:
        self.published = _published(d)
        ev = self.evidence = _Evidence()
        captions = [s for s in d.sentences if CAPTION in s.exclude and not _FILE_PHOTO.search(s.text)]
        caption_days = [day for s in captions for day in full_dates(s.text)]
        if caption_days:
            ev.lower.append((max(caption_days), f"a photo caption is dated {max(caption_days).isoformat()}"))
        year = max(caption_days).year if caption_days else None
        # Each body sentence: its content words beyond the common ones, and the weekdays it reports.
        self._body: list[tuple[Sentence, frozenset[str], list[tuple[int, DateMention]]]] = []
        for s in _body(d):
            for day in full_dates(s.text, year=year, past_only=True) if year else ():
                ev.lower.append((day, f"the body reports {day.isoformat()} as past"))
            for day in _future_days(s, year):
                ev.upper.append((day, f"the body expects {day.isoformat()}"))
            reported = weekdays_reported(s)
            ev.weekdays += [(w, m.text) for w, m in reported]
            self._body.append((s, shared_content_words(s.text) - common, reported))

    def meet(self, events: list[_Event], index: dict[str, list[int]]) -> None:
        """Add what ``events`` (indexed by :func:`_event_index`) say about the report's day."""
        ev = self.evidence
        for s, words, reported in self._body:
            for n in _sharing(words, index):
                _, day, where = events[n]
                pinned = [m.text for w, m in reported if w == day.weekday()]
                if pinned:
                    ev.pins.append((day.weekday(), day, f"{pinned[0]!r} is {day.isoformat()}, the day {where}"))
                    ev.lower.append((day, f"{pinned[0]!r} is {day.isoformat()}, the day {where}"))
                elif not reported and not future_clause(s.text, len(s.text)):
                    ev.lower.append((day, f"it reports what {where} dates {day.isoformat()}"))


def _future_days(s: Sentence, year: int | None) -> list[dt.date]:
    if year is None:
        return []
    every = set(full_dates(s.text, year=year))
    past = set(full_dates(s.text, year=year, past_only=True))
    return sorted(every - past)


def _solve(ev: _Evidence) -> tuple[dt.date, str] | None:
    """The report's day from its bounds and weekdays (rule 2 of the module docstring), with the evidence."""
    if not ev.lower:
        return None
    low, low_why = max(ev.lower)
    high = min((day for day, _ in ev.upper if day >= low), default=None)
    if not ev.weekdays:
        if high is not None and (high - low).days <= 1:
            return low, f"{low_why}; {min(ev.upper)[1]}"
        return None
    best: tuple[int, dt.date] | None = None
    for offset in range(7):
        day = low + dt.timedelta(days=offset)
        if high is not None and day > high:
            break
        if any(_last(day, w) != pinned for w, pinned, _ in ev.pins):
            continue
        earliest = min(_last(day, w) for w, _ in ev.weekdays)
        if best is None or (day - earliest).days < best[0]:
            best = ((day - earliest).days, day)
    if best is None:
        return None
    day = best[1]
    names = ", ".join(sorted({text for _, text in ev.weekdays}))
    pins = "; ".join(sorted({why for _, _, why in ev.pins}))
    why = f"{low_why}; the weekdays it reports ({names}) lie just before {day.isoformat()}"
    return day, why + (f"; {pins}" if pins and pins not in low_why else "")


def _last(day: dt.date, weekday: int) -> dt.date:
    """The last such weekday on or before ``day`` (how a report's "on Wednesday" reads)."""
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _event_index(events: list[_Event]) -> dict[str, list[int]]:
    """Each content word's events, in event order: a sentence meets only the events it shares words with,
    so dating a story costs its shared words, not its sentences times its dated sentences."""
    index: dict[str, list[int]] = {}
    for n, (words, _, _) in enumerate(events):
        for w in words:
            index.setdefault(w, []).append(n)
    return index


def _sharing(words: Iterable[str], index: dict[str, list[int]]) -> list[int]:
    """The events sharing at least ``SHARED_WORDS`` content words with ``words``, in event order."""
    counts = Counter(n for w in words for n in index.get(w, ()))
    return sorted(n for n, shared in counts.items() if shared >= SHARED_WORDS)


def _dated_events(d: Document, common: frozenset[str]) -> list[_Event]:
    """The day-dated sentences of a dated document: their content words, the day, and where it is said."""
    out = []
    assert d.article.date is not None
    for s in _body(d):
        day = next((m for m in sentence_dates(s, d.article.date) if m.precision == DAY), None)
        if day is not None:
            where = f"{d.id} gives {day.text!r}"
            out.append((shared_content_words(s.text) - common, dt.date.fromisoformat(day.value), where))
    return out


def _common_words(docs: list[Document]) -> frozenset[str]:
    """Content words in more than ``COMMON_SHARE`` of the documents (of a story of four or more)."""
    if len(docs) < 4:
        return frozenset()
    df = Counter(w for d in docs for w in frozenset().union(*(shared_content_words(s.text) for s in d.sentences)))
    return frozenset(w for w, n in df.items() if n > COMMON_SHARE * len(docs))
