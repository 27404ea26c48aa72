"""Where date mentions are: the patterns that find them, a cheap pre-test of which can match a sentence, and the
clause cues (future, plan) that decide how a weekday resolves.

Split from :mod:`storyline.extract.dates`, which resolves what these patterns find against a document's
date. Every pattern matches the text as written, so every span is exact (``text[start:end] == text``).
"""

from __future__ import annotations

import re

from storyline.lexicon.calendar import MONTH_PATTERN, MONTHS, WEEKDAYS
from storyline.lexicon.calendar import WEEKDAY_PATTERN as _WEEKDAY

__all__ = [
    "AGO_COUNT_WORDS",
    "AMBIGUOUS_MONTHS",
    "BY_KIND",
    "FULL_DATE_KINDS",
    "PATTERNS",
    "future_clause",
    "kinds_possible",
    "planned_clause",
]

_MONTH = MONTH_PATTERN
AGO_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_ORD = r"(?:st|nd|rd|th)?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<![\w/-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w/-])")),
    ("dmy_num", re.compile(r"(?<![\w/])(?<!\d\.)(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\w/])")),
    (
        "dmy_dash",
        re.compile(rf"(?<![\w-])(?P<d>\d{{1,2}})-(?P<mon>{_MONTH})-(?P<y>\d{{4}})(?![\w-])", re.IGNORECASE),
    ),
    (
        "mdy",
        re.compile(rf"\b(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}}){_ORD}(?:,?\s+(?P<y>\d{{4}}))?(?![\w:])"),
    ),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?(?!\w)")),
    (
        "month",
        re.compile(
            rf"(?:\b(?P<part>mid-|early\s+|late\s+|earlier\s+|)(?P<mon>{_MONTH})(?:,?\s+(?P<y>\d{{4}}))?)(?![\w-])"
        ),
    ),
    ("weekday", re.compile(rf"\b(?:(?P<mod>last|next|this)\s+)?(?P<wd>{_WEEKDAY})(?!\w)", re.IGNORECASE)),
    (
        "deictic",
        re.compile(
            r"\b(?P<w>today|tonight|overnight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b",
            re.IGNORECASE,
        ),
    ),
    ("lastweek", re.compile(r"\b(?P<mod>last|this|next)\s+week\b", re.IGNORECASE)),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]+"
            r"(?P<u>day|week|month|year)s?\s+ago\b",
            re.IGNORECASE,
        ),
    ),
    ("lastthis", re.compile(r"\b(?P<mod>last|this|next)\s+(?P<u>month|year)\b", re.IGNORECASE)),
    (
        "year",
        re.compile(
            r"(?<![\w/.,:-])(?P<y>(?:19|20)\d{2}|(?:(?<=\bin )|(?<=\bsince )|(?<=\bfrom )|(?<=\buntil )|(?<=\bby )"
            r"|(?<=\bthe )|(?<=\byear ))1[6-8]\d{2})(?![\w/%-]|,\d)"
        ),
    ),
]
BY_KIND = dict(PATTERNS)
# What each pattern cannot match without, tested on the sentence lower-cased before any pattern runs:
# most sentences hold no date, and these substring tests cost a fraction of the patterns' scans.
# Every month name and abbreviation begins with the first three letters of one.
_MONTH_STEMS = tuple(sorted({name[:3] for name in MONTHS}))
_DIGIT, _FOUR_DIGITS = re.compile(r"\d"), re.compile(r"\d{4}")
# The characters re.IGNORECASE matches to an ASCII letter that str.lower() does not turn into it.
_FOLDED = "\u0130\u0131\u017f"
_CASE_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def kinds_possible(text: str) -> frozenset[str]:
    """The pattern kinds that may match ``text``: a pattern left out here cannot match it."""
    lower = text.lower()
    if not text.isascii() and any(c in text for c in _FOLDED):
        lower = text.translate(_CASE_FOLD).lower()
    four = _FOUR_DIGITS.search(text) is not None
    digit = four or _DIGIT.search(text) is not None
    month = any(stem in lower for stem in _MONTH_STEMS)
    possible = {
        "iso": four and "-" in text,
        "dmy_num": four and "/" in text,
        "dmy_dash": four and month and "-" in text,
        "mdy": digit and month,
        "dmy": digit and month,
        "month": month,
        "weekday": any(day in lower for day in WEEKDAYS),
        "deictic": any(w in lower for w in ("today", "night", "yesterday", "tomorrow", "this")),
        "lastweek": "week" in lower,
        "ago": "ago" in lower,
        "lastthis": "month" in lower or "year" in lower,
        "year": four,
    }
    return frozenset(kind for kind, may in possible.items() if may)


# Month names that are also ordinary words: only dates when a day or a year is written.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "jan", "mar", "jun", "aug", "sep", "oct", "dec", "nov"})


# The patterns of a date written in full (with its year possibly left out): day, month and year.
FULL_DATE_KINDS = ("iso", "dmy_num", "dmy_dash", "mdy", "dmy")


# A weekday in a clause about what is to come ("will be made Thursday", "agreed to meet on Saturday") is the
# next such day; the cue must stand before it ("said on Monday that they would meet" is a past Monday).
_FUTURE = re.compile(
    r"\b(?:will|won't|shall|is\s+to|are\s+to|is\s+due|are\s+due|scheduled|expected\s+to|tomorrow"
    r"|would|agreed\s+to|agreement\s+to|plans?\s+to|planned\s+to)\b",
    re.I,
)
# A plan told in the past ("was to hold talks on Wednesday", "were set to take place on Tuesday") is a
# past day when read against the report, but no evidence of when the report was written.
_PLANNED = re.compile(r"\b(?:was|were)\s+(?:set\s+|due\s+)?to\b|\bset\s+to\b", re.I)


def _clause_before(text: str, at: int) -> tuple[int, int]:
    """The span of the clause holding position ``at``, up to ``at`` (clauses end at ";", ". " and quote marks)."""
    return max(text.rfind(sep, 0, at) for sep in (";", ". ", "\u201c", "\u201d", '"')) + 1, at


def future_clause(text: str, at: int) -> bool:
    """Whether the clause holding position ``at`` speaks of the future before it ("will", "is to", "tomorrow")."""
    start, end = _clause_before(text, at)
    return bool(_FUTURE.search(text, start, end))


def planned_clause(text: str, at: int) -> bool:
    """Whether the clause before ``at`` speaks of the future or of a plan told in the past ("was to", "set to")."""
    start, end = _clause_before(text, at)
    return bool(_FUTURE.search(text, start, end) or _PLANNED.search(text, start, end))
