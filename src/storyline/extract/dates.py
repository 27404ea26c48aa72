"""Date mentions: the dates a sentence mentions, each resolved against its document's date, with a precision.

Mentions are found by the patterns of :mod:`~storyline.extract.date_patterns` (so every span is exact:
``text[start:end] == text``) and resolved here against an anchor, the document's date. Conventions (news style):

* "December 4" takes the anchor's year, unless that puts it more than 183 days after the
  anchor (then the year before: a January story's "December 30" is last December);
* a weekday ("on Wednesday", "Monday") is the most recent such day on or before the anchor;
  "last Wednesday" is strictly before it, "next Wednesday" strictly after;
* a weekday in a clause about the future ("will", "is to", "expected to", "tomorrow": "a decision
  will be made Thursday") is the next such day after the anchor instead;
* "overnight", "today", "tonight", "this morning" are the anchor day (the night that ended on the
  report day); "yesterday" and "last night" the day before, "tomorrow" the day after; "last week",
  "this week", "next week" are the month holding that week;
* "N days ago" is a day; "N weeks ago" and "N months ago" / "last month" / "mid-November" /
  "early December" are month precision; "N years ago", "last year", "in 2011" year precision;
* "19/10/2016" is read day first;
* without an anchor only absolute mentions that carry a year resolve.

The "... ago" phrases are this calendar arithmetic alone: dateparser (``PREFER_DATES_FROM="past"``,
``RELATIVE_BASE`` the anchor), which read them before, gave the same date for every count, unit and
anchor tried (tests/extract/test_dates.py), and cost a cold brief about 0.25 s of CPU (its import and
its first call's timezone patterns).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.extract.date_patterns import (
    AGO_COUNT_WORDS,
    AMBIGUOUS_MONTHS,
    BY_KIND,
    FULL_DATE_KINDS,
    PATTERNS,
    future_clause,
    kinds_possible,
    planned_clause,
)
from storyline.lexicon.calendar import WEEKDAY_PATTERN as _WEEKDAY
from storyline.lexicon.calendar import WEEKDAYS, month_number
from storyline.model import DAY, MONTH, YEAR, DateMention, Document, Ref, Sentence

__all__ = [
    "FULL_DATE_KINDS",
    "Context",
    "document_contexts",
    "full_dates",
    "future_clause",
    "planned_clause",
    "resolve_mentions",
    "sentence_dates",
    "weekdays_reported",
]


def _valid(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _with_year(m: int, d: int, anchor: dt.date) -> dt.date | None:
    day = _valid(anchor.year, m, d)
    if day is not None and (day - anchor).days > 183:
        day = _valid(anchor.year - 1, m, d)
    return day


def _month_with_year(m: int, anchor: dt.date) -> tuple[int, int]:
    """A month without a year: the most recent such month on or before the anchor's month."""
    return (anchor.year, m) if m <= anchor.month else (anchor.year - 1, m)


def _add_months(d: dt.date, months: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


@dataclass(frozen=True)
class Context:
    """What an undated document's text says about the year of a month and day written without one.

    ``years``: the years its full dates and months name ("October 2017"); ``narrative``: the last month
    with a year named just before (this sentence or the two before it: "by July 1955. On July 25, ...").
    """

    years: frozenset[int] = frozenset()
    narrative: tuple[int, int] | None = None


def _undated_year(mon: int, d: int, weekday: str | None, context: Context) -> int | None:
    """The year of an undated document's "July 25": the narrative's, when the month is not before its month;
    for "Wednesday, November 21" the one year of those the text names (or the year after one) whose
    November 21 is a Wednesday."""
    if weekday is not None:
        fits = {y for base in context.years for y in (base, base + 1) if _weekday_fits(y, mon, d, weekday)}
        return fits.pop() if len(fits) == 1 else None
    if context.narrative is not None and mon >= context.narrative[1]:
        return context.narrative[0]
    return None


def _weekday_fits(year: int, mon: int, d: int, weekday: str) -> bool:
    day = _valid(year, mon, d)
    return day is not None and WEEKDAYS[day.weekday()] == weekday


def _resolve(
    kind: str, m: re.Match[str], anchor: dt.date | None, *, future: bool = False, context: Context | None = None
) -> tuple[str, str] | None:
    """(ISO date, precision) of one candidate, or None when it does not resolve."""
    g = m.groupdict()
    if kind in ("iso", "dmy_num"):
        day = _valid(int(g["y"]), int(g["m"]), int(g["d"]))
        return (day.isoformat(), DAY) if day else None
    if kind in ("mdy", "dmy", "dmy_dash"):
        mon, d = month_number(g["mon"]), int(g["d"])
        if g.get("y"):
            day = _valid(int(g["y"]), mon, d)
        elif anchor is not None:
            day = _with_year(mon, d, anchor)
        else:
            before = m.string[max(0, m.start() - 12) : m.start()]
            named = re.search(rf"({_WEEKDAY}),?\s+$", before)
            year = _undated_year(mon, d, named.group(1).lower() if named else None, context or Context())
            day = _valid(year, mon, d) if year else None
        return (day.isoformat(), DAY) if day else None
    if kind == "month":
        name = g["mon"]
        if not g.get("y") and not g.get("part") and name.rstrip(".").lower() in AMBIGUOUS_MONTHS:
            return None
        if not name[0].isupper():
            return None
        mon = month_number(name)
        if g.get("y"):
            return f"{int(g['y']):04d}-{mon:02d}", MONTH
        if anchor is None:
            return None
        y, mo = _month_with_year(mon, anchor)
        return f"{y:04d}-{mo:02d}", MONTH
    if kind == "year":
        return g["y"], YEAR
    if anchor is None:
        return None
    if kind == "weekday":
        target = WEEKDAYS.index(g["wd"].lower())
        mod = (g.get("mod") or "").lower()
        back = (anchor.weekday() - target) % 7
        if mod == "last" and back == 0:
            back = 7
        if mod == "next" or (future and not mod and back):
            forward = (target - anchor.weekday()) % 7 or 7
            return (anchor + dt.timedelta(days=forward)).isoformat(), DAY
        return (anchor - dt.timedelta(days=back)).isoformat(), DAY
    if kind == "deictic":
        w = " ".join(g["w"].lower().split())
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
        return (anchor + dt.timedelta(days=shift)).isoformat(), DAY
    if kind == "lastweek":
        step = {"last": -7, "this": 0, "next": 7}[g["mod"].lower()]
        day = anchor + dt.timedelta(days=step)
        return f"{day.year:04d}-{day.month:02d}", MONTH
    if kind == "ago":
        n = int(g["n"]) if g["n"].isdigit() else AGO_COUNT_WORDS[g["n"].lower()]
        unit = g["u"].lower()
        if unit == "day":
            return (anchor - dt.timedelta(days=n)).isoformat(), DAY
        if unit == "week":
            day = anchor - dt.timedelta(weeks=n)
            return f"{day.year:04d}-{day.month:02d}", MONTH
        if unit == "month":
            y, mo = _add_months(anchor, -n)
            return f"{y:04d}-{mo:02d}", MONTH
        return str(anchor.year - n), YEAR
    if kind == "lastthis":
        step = {"last": -1, "this": 0, "next": 1}[g["mod"].lower()]
        if g["u"].lower() == "month":
            y, mo = _add_months(anchor, step)
            return f"{y:04d}-{mo:02d}", MONTH
        return str(anchor.year + step), YEAR
    return None  # pragma: no cover


def sentence_dates(s: Sentence, anchor: dt.date | None, context: Context | None = None) -> tuple[DateMention, ...]:
    """The date mentions of one sentence, in reading order, resolved against ``anchor`` (exact document spans);
    in an undated document, ``context`` gives a month and day their year when the text ties one to them."""
    text = s.text
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    possible = kinds_possible(text)
    for kind, pattern in PATTERNS:
        if kind not in possible:
            continue
        for m in pattern.finditer(text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            if kind == "year" and re.match(r"\s+(?:people|civilians|children|troops|fighters|dead)\b", text[b:]):
                continue
            try:
                future = kind == "weekday" and future_clause(text, a)
                resolved = _resolve(kind, m, anchor, future=future, context=_narrated(context, out))
            except (OverflowError, ValueError):  # "3,000,000 days ago", or an anchor at the calendar's edge
                resolved = None
            if resolved is None:
                continue
            taken.append((a, b))
            ref = Ref(s.doc_id, s.index, s.start + a, s.start + b)
            out.append(DateMention(m.group(), ref, resolved[0], resolved[1]))
    out.sort(key=lambda x: x.ref.start)
    return tuple(out)


def _narrated(context: Context | None, earlier: list[DateMention]) -> Context | None:
    """The context, its narrative month moved to the last month with a year this sentence named before."""
    named = [m.value for m in earlier if m.precision in (DAY, MONTH)]
    if context is None or not named:
        return context
    return Context(context.years, (int(named[-1][:4]), int(named[-1][5:7])))


def document_contexts(sentences: Sequence[Sentence]) -> list[Context]:
    """The context of each sentence of an undated document (see :class:`Context`), in one pass."""
    named = [[m.value for m in sentence_dates(s, None) if m.precision in (DAY, MONTH)] for s in sentences]
    years = frozenset(int(v[:4]) for values in named for v in values)
    out = []
    for n in range(len(sentences)):
        recent = [v for values in named[max(0, n - 2) : n] for v in values]
        out.append(Context(years, (int(recent[-1][:4]), int(recent[-1][5:7])) if recent else None))
    return out


def resolve_mentions(document: Document, anchor: dt.date | None) -> list[DateMention]:
    """Every date mention in the document's sentences, resolved against ``anchor``.

    With ``anchor=None`` only absolute mentions resolve: those carrying a year (or a bare year), and a month
    and day the text ties to a year (:class:`Context`).
    """
    if anchor is not None:
        return [x for s in document.sentences for x in sentence_dates(s, anchor)]
    contexts = document_contexts(document.sentences)
    return [x for s, c in zip(document.sentences, contexts, strict=True) for x in sentence_dates(s, None, c)]


def full_dates(text: str, *, year: int | None = None, past_only: bool = False) -> list[dt.date]:
    """The full dates (day, month, year) written in ``text``.

    With ``year``, a month and day written without one ("December 4") takes it; ``past_only`` leaves out
    those in a clause about the future ("a vote is due on March 9").
    """
    found: list[dt.date] = []
    possible = kinds_possible(text)
    for kind in FULL_DATE_KINDS:
        if kind not in possible:
            continue
        for m in BY_KIND[kind].finditer(text):
            if m.groupdict().get("y") is not None:
                r = _resolve(kind, m, None)
                if r is not None:
                    found.append(dt.date.fromisoformat(r[0]))
            elif year is not None and kind in ("mdy", "dmy") and not (past_only and future_clause(text, m.start())):
                day = _valid(year, month_number(m.group("mon")), int(m.group("d")))
                if day is not None:
                    found.append(day)
    return found


def weekdays_reported(s: Sentence) -> list[tuple[int, DateMention]]:
    """The weekdays a sentence reports as past days of its report ("said on Wednesday", "On Thursday, ..."):
    each with its index (Monday 0), leaving out "last"/"next"/"this" Monday and weekdays of plans or of the
    future. The mentions are unresolved (``value`` is the weekday's name)."""
    out: list[tuple[int, DateMention]] = []
    if "weekday" not in kinds_possible(s.text):
        return out
    for m in BY_KIND["weekday"].finditer(s.text):
        if m.group("mod") or planned_clause(s.text, m.start()):
            continue
        ref = Ref(s.doc_id, s.index, s.start + m.start(), s.start + m.end())
        out.append((WEEKDAYS.index(m.group("wd").lower()), DateMention(m.group(), ref, m.group("wd").lower(), DAY)))
    return out
