"""Numbers: each number a sentence writes, with what it counts (the mention layer's numbers).

A figure is a number written in digits ("100,000", "80%") or words ("Eleven", "three-week")
together with its head noun, the thing counted ("civilians", "percent", "day"). Its ``text`` is
the phrase as written, with a leading qualifier ("about", "almost", "some", "more than") and, for
percentages, the "of ..." phrase that says what the share is of ("about 80% of east Aleppo").

Deliberately left out (documented choices):

* years ("2011", "since 2012", "the 2020 election": a year-like number counts only a plural,
  "2000 people"), dates ("December 4", "19/10/2016") and clock times ("10:30", "9 a.m.");
* ordinals ("4th", "first", "second city") and numbers inside names ("Resolution 2254", "F-16");
* vague quantities with no value: "dozens of bodies", "hundreds", "tens of thousands";
* the word "one" standing alone ("one of the war's most ferocious"): almost never a figure.

``unit`` is the head noun lowercased, past its modifiers ("six weather-related cancellations" is
cancellations, "15 healthy volunteers" volunteers, "14 council seats" seats); time units are singular
("day", "week", "year"), "%" and "per cent" read as "percent"; money is its currency's ISO code
with the value in units ("$450 million" is 450000000 usd, "€15" eur, "£2bn" gbp, "300 dollars" usd).
In a range or an "X of Y" ("3.5-4 percent", "between 51 and 59 percent", "12 of the state's 16
House seats") the first number takes the unit of the second. A number with no noun after it has
unit ``None`` (digits only: a bare number word is skipped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.lexicon import words
from storyline.lexicon.calendar import MONTHS, WEEKDAYS
from storyline.model import Document, Sentence

__all__ = ["Number", "find_numbers", "sentence_numbers"]

_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALE = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "m": 1_000_000, "bn": 1_000_000_000,
}  # fmt: skip
# A currency sign is the unit of the amount it precedes: ISO 4217 codes, "$" read as US dollars.
_CURRENCY = {"$": "usd", "us$": "usd", "c$": "cad", "a$": "aud", "€": "eur", "£": "gbp", "¥": "jpy"}
_CURRENCY_WORDS = {"dollar": "usd", "dollars": "usd", "euro": "eur", "euros": "eur"}
_TIME_UNITS = {
    "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute",
    "hour": "hour", "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year", "decade": "decade",
    "decades": "decade",
}  # fmt: skip
_MONTHS = "|".join(sorted(MONTHS, key=len, reverse=True))
# "about", "at least", "up to", ...: the words before a number that belong to its phrase.
_QUALIFIERS = sorted(
    words("qualifiers_lower") | words("qualifiers_upper") | words("qualifiers_about") | words("qualifiers_exact"),
    key=len,
    reverse=True,
)
_QUALIFIER = "(?:(?:" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+)"
_WORDNUM = "|".join(sorted(_SMALL, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = (
    rf"(?P<num>(?:{_DIGITS})(?:\s+(?:million|billion|trillion)|(?:bn|m)(?![\w-]))?"
    rf"|(?:(?:{_WORDNUM})(?:[-\s](?:{_WORDNUM}))?|a|one)\s+(?:hundred|thousand|million|billion)"
    rf"|(?:{_WORDNUM})(?:-(?:{_WORDNUM}))?|a\s+dozen)"
)
_FIGURE = re.compile(
    rf"(?<![\w./:,])(?<![A-Za-z]-)(?P<qual>{_QUALIFIER})?(?P<cur>US\$|[CA]\$|[$€£¥])?{_NUMBER}"
    rf"(?P<tail>-(?P<hunit>second|minute|hour|day|week|month|year|decade)s?(?:-old|-long)?"
    rf"|\s?%|\s+(?:percent|per\s+cent)(?!\w))?",
    re.IGNORECASE,
)
# "week-long": a unit standing for one of itself, with "-long" ("week-long" is 7 days).
_LONG = re.compile(r"(?<![\w-])(?P<unit>day|week|month|year|hour)-long\b", re.IGNORECASE)
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
class Number:
    """One number as written in one sentence, with what it counts; ``start``/``end`` are document offsets.

    ``event`` is what happened to what is counted ("killed", "injured"), None when the text does not say.
    """

    value: float
    unit: str | None
    text: str
    doc: str
    sentence: int
    start: int
    end: int
    event: str | None = None
    qualifier: str | None = None  # "at least", "about", ... as written before the number, lower-cased


def _number_value(raw: str) -> float | None:
    words = raw.lower().replace("-", " ").split()
    if raw[0].isdigit():
        digits = re.match(r"[\d,.]+", words[0])
        assert digits is not None
        scale = words[0][digits.end() :] or (words[1] if len(words) > 1 else "")
        return float(digits.group().replace(",", "")) * _SCALE.get(scale, 1)
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


def _is_year(raw: str, value: float, noun: str | None) -> bool:
    """A four-digit number from 1800 to 2100 is a year unless it counts a plural ("2000 people"):
    "in 2011", "the 2020 election"."""
    year = re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100
    return bool(year) and not (noun and _plural(noun.lower()))


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (lowercase, space separated)."""
    return frozenset(text.split())


_IRREGULAR_PLURALS = _words("people children men women police staff cattle feet teeth mice data media")
# Modifiers that may stand between a number and its head noun ("1,353 small businesses").
_ADJECTIVES = _words(
    """other small large big new old young major minor top healthy additional extra more few several total full
    average annual separate different main key local foreign domestic senior junior former current"""
)
_NOT_HEAD = frozenset(WEEKDAYS) | _words("a.m. p.m. am pm et gmt")
_ENDS_PHRASE = _STOP | _NOT_HEAD
_MEASURES = _words("mph kph km kg mg ft lb lbs mm cm mi gb mb tb kw mw gw degrees")
_WORD_AFTER = re.compile(r"\s+(?P<w>[A-Za-z][\w'\u2019.-]*[\w])")
_CLOCK = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)", re.IGNORECASE)
# "3.5-4 percent", "between 51 and 59 percent", "12 of the state's 16 House seats": the first number
# takes the unit of the second.
_RANGE = re.compile(
    r"\s*(?:-|–|—|to|or|and)\s*|\s+of\s+(?:(?:the|its|their|his|her|our|all|[\w-]+['\u2019]s?)\s+){0,3}",
    re.IGNORECASE,
)


def _plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "\u2019s"))
    )


def _head_noun(text: str, end: int, value: float) -> tuple[str | None, int]:
    """The head noun of the phrase a number counts, and where it ends: the first word that is not a
    modifier ("six weather-related cancellations", "three New York-area airports", "15 healthy volunteers").

    After a number other than one the head is plural, so a singular word followed by another word of the
    phrase is taken for a modifier ("14 council seats"), unless it is a unit of measure ("23 mph winds");
    at most three modifiers are skipped.
    """
    pos = end
    for _ in range(4):
        m = _WORD_AFTER.match(text, pos)
        if m is None:
            return None, end
        word = m.group("w").strip("'\u2019-")
        low = word.lower()
        if (low in _STOP and low not in _ADJECTIVES) or low in _SCALE or low in _NOT_HEAD:
            return None, end
        following = _WORD_AFTER.match(text, m.end())
        modifier = value != 1 or "-" in word or word[:1].isupper() or low in _ADJECTIVES
        last = (
            following is None
            or following.group("w").lower() in _ENDS_PHRASE
            or (value != 1 and _plural(low))
            or low in _TIME_UNITS
            or low in _MEASURES
            or not modifier
        )
        if last:
            return word, m.end()
        pos = m.end()
    return None, end


def find_numbers(document: Document) -> list[Number]:
    """Every number in the document's sentences, in reading order, with exact document spans."""
    return [n for s in document.sentences for n in sentence_numbers(s)]


def sentence_numbers(s: Sentence) -> tuple[Number, ...]:
    """The numbers one sentence writes, in reading order, each with what it counts."""
    doc_id = s.doc_id
    text = s.text
    out: list[Number] = []
    taken: list[tuple[int, int]] = []
    for m in _FIGURE.finditer(text):
        raw = m.group("num")
        value = _number_value(raw)
        if value is None or _CLOCK.match(text, m.end()):
            continue
        end = m.end()
        noun: str | None = None
        unit: str | None
        if m.group("cur"):
            unit = _CURRENCY[m.group("cur").lower()]
        elif raw[-1:] in "mM" or raw.endswith("bn"):
            continue  # "100m": metres, not millions, without a currency sign
        elif m.group("hunit"):
            unit = _unit_of(m.group("hunit"))
        elif m.group("tail"):
            unit = "percent"
            end = _of_phrase(text, end)
        else:
            noun, end = _head_noun(text, end, value)
            unit = _CURRENCY_WORDS.get(noun.lower(), _unit_of(noun)) if noun else None
        if _is_excluded(text, m, value) or _is_year(raw, value, noun):
            continue
        if raw.lower() in {"one", "a"}:
            continue
        if unit is None:
            unit = _range_unit(text, m.end())
        if unit is None and not raw[0].isdigit():
            continue  # "father of eight", "one of": a bare number word
        taken.append((m.start(), end))
        qualifier = " ".join(m.group("qual").lower().split()) if m.group("qual") else None
        span = (doc_id, s.index, s.start + m.start(), s.start + end)
        out.append(Number(value, unit, text[m.start() : end], *span, qualifier=qualifier))
    for m in _LONG.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        unit = m.group("unit").lower()
        value, unit = (7.0, "day") if unit == "week" else (1.0, unit)
        out.append(Number(value, unit, m.group(), doc_id, s.index, s.start + m.start(), s.start + m.end()))
    out.sort(key=lambda x: x.start)
    return tuple(out)


def _of_phrase(text: str, end: int) -> int:
    """The end of "80% of east Aleppo": the "of ..." phrase after a percentage, up to a function word."""
    of = _OF_PHRASE.match(text, end)
    if not of:
        return end
    words = re.findall(r"\s+[\w’'-]+", of.group())
    keep = 1  # "of"
    for w in words[1:]:
        if w.strip().lower() in _STOP:
            break
        keep += 1
    return end + sum(len(w) for w in words[:keep]) if keep > 1 else end


def _range_unit(text: str, end: int) -> str | None:
    """The unit of the number a range or "X of Y" leads to, for the number before it that has none."""
    link = _RANGE.match(text, end)
    if link is None:
        return None
    nxt = _FIGURE.match(text, link.end())
    if nxt is None or _number_value(nxt.group("num")) is None:
        return None
    if nxt.group("cur"):
        return _CURRENCY[nxt.group("cur").lower()]
    if nxt.group("hunit"):
        return _unit_of(nxt.group("hunit"))
    if nxt.group("tail"):
        return "percent"
    value = _number_value(nxt.group("num")) or 0.0
    noun, _ = _head_noun(text, nxt.end(), value)
    return _CURRENCY_WORDS.get(noun.lower(), _unit_of(noun)) if noun else None
