"""Figures: the numbers a story reports, each with what it counts and where it was written.

A figure is a number written in digits ("100,000", "80%") or words ("Eleven", "three-week")
together with its head noun, the thing counted ("civilians", "percent", "day"). Its ``text`` is
the phrase as written, with a leading qualifier ("about", "almost", "some", "more than") and, for
percentages, the "of ..." phrase that says what the share is of ("about 80% of east Aleppo").

Deliberately left out (documented choices):

* years ("2011", "since 2012") and dates ("December 4", "19/10/2016", "10:30");
* ordinals ("4th", "first", "second city") and numbers inside names ("Resolution 2254", "F-16");
* vague quantities with no value: "dozens of bodies", "hundreds", "tens of thousands";
* the word "one" standing alone ("one of the war's most ferocious"): almost never a figure.

``unit`` is the head noun lowercased; time units are singular ("day", "week", "year"),
"%" and "per cent" read as "percent"; a number with no noun after it has unit ``None``
(digits only: a bare number word is skipped). The same value and unit across documents is one
item with every Ref; different values for one unit stay separate items.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.model import Document, Sentence

__all__ = ["Mention", "extract_figures", "find_figures"]

_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_TIME_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade",
}  # fmt: skip
_MONTHS = (
    "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    "august|september|october|november|december"
)
_QUALIFIER = (
    r"(?:(?:about|almost|nearly|some|around|roughly|approximately|over|under|only|just|"
    r"more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to|as\s+many\s+as|an\s+estimated)\s+)"
)
_WORDNUM = "|".join(sorted(_SMALL, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = (
    rf"(?P<num>(?:{_DIGITS})(?:\s+(?:million|billion))?"
    rf"|(?:(?:{_WORDNUM})(?:[-\s](?:{_WORDNUM}))?|a|one)\s+(?:hundred|thousand|million|billion)"
    rf"|(?:{_WORDNUM})(?:-(?:{_WORDNUM}))?|a\s+dozen)"
)
_FIGURE = re.compile(
    rf"(?<![\w./:,-])(?P<qual>{_QUALIFIER})?{_NUMBER}"
    rf"(?P<tail>-(?P<hunit>second|minute|hour|day|week|month|year|decade)s?(?:-old|-long)?"
    rf"|\s?%|\s+(?:percent|per\s+cent)(?!\w))?",
    re.IGNORECASE,
)
# "week-long": a unit standing for one of itself, with "-long" ("week-long" is 7 days).
_LONG = re.compile(r"(?<![\w-])(?P<unit>day|week|month|year|hour)-long\b", re.IGNORECASE)
_HEAD = re.compile(r"\s+(?P<noun>[a-z][a-z'-]*)")
_OF_PHRASE = re.compile(r"\s+of(?:\s+[\w’'-]+){1,4}")
_STOP = frozenset(
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
        "but", "as", "than", "that", "which", "who", "since", "after", "before", "into", "over",
        "under", "per", "this", "these", "those", "is", "are", "was", "were", "be", "been", "has",
        "have", "had", "it", "its", "their", "them", "more", "less", "most", "other", "such", "each",
        "all", "still",
    }
)  # fmt: skip
_MONTH_NEAR = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^\s*(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w-]*|No\.)\s+$")
_SENTENCE_START_OK = re.compile(r"(?:^|[.!?“\"(]\s*)$")


@dataclass(frozen=True)
class Mention:
    """One figure as written in one sentence; ``start``/``end`` are document offsets."""

    value: float
    unit: str | None
    text: str
    doc: str
    sentence: int
    start: int
    end: int


def _number_value(raw: str) -> float | None:
    words = raw.lower().replace("-", " ").split()
    if raw[0].isdigit():
        value = float(words[0].replace(",", ""))
        return value * _SCALE[words[1]] if len(words) > 1 else value
    if words == ["a", "dozen"]:
        return 12.0
    total = 0.0
    for w in words:
        if w in _SMALL:
            total += _SMALL[w]
        elif w in _SCALE:
            total = (total or 1.0) * _SCALE[w]
        elif w in ("a", "one"):
            total += 1
    return total or None


def _unit_of(word: str) -> str:
    w = word.lower()
    return _TIME_UNITS.get(w, w)


def _is_excluded(text: str, m: re.Match[str], value: float) -> bool:
    """Years, dates, ordinals and numbers in names: the digits that are not figures."""
    raw = m.group("num")
    before, after = text[: m.start("num")], text[m.end("num") :]
    if not raw[0].isdigit():
        return False
    if _MONTH_NEAR.search(before) or _MONTH_AFTER.match(after):
        return True  # "December 4", "4 December", "December 2, 2016"
    if re.match(r"(?:st|nd|rd|th)\b|[:/]\d|\w", after):
        return True  # ordinal, time, part of a date or a code
    if _NAME_BEFORE.search(before) and not m.group("qual") and not _SENTENCE_START_OK.search(before[:-1].rstrip()):
        # A capitalised word right before the number: "Resolution 2254", "Route 66".
        prev = before.rstrip().split()[-1] if before.strip() else ""
        if prev and prev[0].isupper():
            return True
    return False


def _is_year(raw: str, value: float, has_unit: bool) -> bool:
    return bool(re.fullmatch(r"\d{4}", raw)) and 1800 <= value <= 2100 and not has_unit


def find_figures(document: Document) -> list[Mention]:
    """Every figure in the document's sentences, in reading order, with exact document spans."""
    found: list[Mention] = []
    for s in document.sentences:
        found.extend(_sentence_figures(document.id, s))
    return found


def _sentence_figures(doc_id: str, s: Sentence) -> list[Mention]:
    text = s.text
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _FIGURE.finditer(text):
        raw = m.group("num")
        value = _number_value(raw)
        if value is None:
            continue
        end = m.end()
        unit: str | None
        if m.group("hunit"):
            unit = _unit_of(m.group("hunit"))
        elif m.group("tail"):
            unit = "percent"
            of = _OF_PHRASE.match(text, end)
            if of:
                words = re.findall(r"\s+[\w’'-]+", of.group())
                keep = 1  # "of"
                for w in words[1:]:
                    if w.strip().lower() in _STOP:
                        break
                    keep += 1
                if keep > 1:
                    end += sum(len(w) for w in words[:keep])
        else:
            head = _HEAD.match(text, end)
            noun = head.group("noun") if head else None
            if noun and noun.lower() not in _STOP and noun.lower() not in _SCALE:
                unit = _unit_of(noun.rstrip("'’-"))
                end = head.end() if head else end
            else:
                unit = None
        if _is_excluded(text, m, value) or _is_year(raw, value, unit is not None):
            continue
        if unit is None and not raw[0].isdigit():
            continue  # "father of eight", "one of": a bare number word
        if raw.lower() == "one" or raw.lower() == "a":
            continue
        phrase = text[m.start() : end]
        taken.append((m.start(), end))
        out.append(Mention(value, unit, phrase, doc_id, s.index, s.start + m.start(), s.start + end))
    for m in _LONG.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        unit = m.group("unit").lower()
        value, unit = (7.0, "day") if unit == "week" else (1.0, unit)
        out.append(Mention(value, unit, m.group(), doc_id, s.index, s.start + m.start(), s.start + m.end()))
    out.sort(key=lambda x: x.start)
    return out


def extract_figures(documents: Iterable[Document]) -> tuple[dict[str, object], ...]:
    """The brief's ``figures``: one item per (value, unit), with a Ref for every place it is written."""
    groups: dict[tuple[float, str | None], list[Mention]] = {}
    for d in documents:
        for f in find_figures(d):
            groups.setdefault((f.value, f.unit), []).append(f)
    items: list[dict[str, object]] = []
    for (value, unit), mentions in groups.items():
        items.append(
            {
                "value": int(value) if value.is_integer() else value,
                "unit": unit,
                "text": mentions[0].text,
                "support": [{"doc": f.doc, "sentence": f.sentence, "start": f.start, "end": f.end} for f in mentions],
            }
        )
    return tuple(items)
