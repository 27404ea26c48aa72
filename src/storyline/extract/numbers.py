"""Numbers: each number a sentence writes, with what it counts (the mention layer's numbers).

A figure is a number written in digits ("100,000", "80%") or words ("Eleven", "three-week")
together with its head noun, the thing counted ("civilians", "percent", "day"). Its ``text`` is
the phrase as written, with a leading qualifier ("about", "almost", "some", "more than") and, for
percentages, the "of ..." phrase that says what the share is of ("about 80% of the county").

Deliberately left out (documented choices):

* years ("2011", "since 2012", "the 2020 election": a year-like number counts only a plural,
  "2000 people"), dates ("December 4", "19/10/2016") and clock times ("10:30", "9 a.m.");
* ages ("Ana Ortiz, 34,", "aged 40", "a 40-year-old driver": :mod:`storyline.extract.ages`);
* ordinals ("4th", "first", "second city") and numbers inside names ("Resolution 2254", "F-16");
* vague quantities with no value: "dozens of bodies", "hundreds", "tens of thousands";
* the word "one" standing alone ("one of the war's most ferocious"): almost never a figure.

``unit`` is the head noun lowercased, past its modifiers ("six weather-related cancellations" is
cancellations, "15 healthy volunteers" volunteers, "14 council seats" seats); time units are singular
("day", "week", "year"), "%" and "per cent" read as "percent", "percentage points" as "point"; money is
its currency's ISO code with the value in units ("$450 million" is 450000000 usd, "€15" eur, "£2bn" gbp,
"300 dollars" usd).
In a range or an "X of Y" ("3.5-4 percent", "between 51 and 59 percent", "12 of the state's 16
House seats") the first number takes the unit of the second. A number with no noun after it has
unit ``None`` (digits only: a bare number word is skipped), unless a verb of harm or of the police says
it counts people (:mod:`storyline.extract.elided`: "killing nine"); "one" with a person noun is a figure
only then ("one person was injured", not "one official said").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from storyline.extract.ages import is_age
from storyline.extract.elided import harm_event, harmed_head, person_noun, population_level
from storyline.extract.events import figure_event, is_measure
from storyline.extract.noun_heads import ADJECTIVES, STOP, head_noun, is_plural, verb_only
from storyline.extract.number_units import CURRENCY, CURRENCY_WORDS, GLUED_MEASURES, MEASURE_NAMES, TIME_UNITS, unit_of
from storyline.extract.number_words import NUMBER, longest_number, number_value
from storyline.lexicon import words
from storyline.lexicon.calendar import MONTH_PATTERN
from storyline.model import Document, Sentence
from storyline.text.graphemes import whole_graphemes

__all__ = ["Number", "find_numbers", "sentence_numbers"]

# "about", "at least", "up to", ...: the words before a number that belong to its phrase.
_QUALIFIERS = sorted(
    words("qualifiers_lower") | words("qualifiers_upper") | words("qualifiers_about") | words("qualifiers_exact"),
    key=len,
    reverse=True,
)
_QUALIFIER = "(?:(?:" + "|".join(q.replace(" ", r"\s+") for q in _QUALIFIERS) + r")\s+)"
_FRACTION_WORDS = r"(?:halves|halfs|thirds|quarters|fourths|fifths|sixths|eighths|tenths)"
_FIGURE = re.compile(
    rf"(?<![\w./:,])(?<![A-Za-z]-)(?P<qual>{_QUALIFIER})?(?P<cur>US\$|[CA]\$|[$€£¥])?{NUMBER}"
    rf"(?P<tail>-(?P<dunit>dollar|euro)s?(?![\w-])"
    rf"|-(?!{_FRACTION_WORDS}\b|plus\b)(?P<hunit>[a-z]+)(?:-(?:old|long))?(?![\w-])"
    rf"|-plus(?![\w-])|(?P<glued>{GLUED_MEASURES})(?![\w-])"
    rf"|\s+(?P<points>percentage\s+points?)(?!\w)|\s?%|\s+(?:percent|per\s+cent)(?!\w))?",
    re.IGNORECASE,
)
# "about a mile", "nearly an hour": one of a unit, written with an article, counts only after a qualifier.
_ONE_UNIT = re.compile(rf"(?<![\w-])(?P<qual>{_QUALIFIER})(?P<num>an?)\s+(?P<unit>[a-z]+)\b", re.IGNORECASE)
# "week-long": a unit standing for one of itself, with "-long" ("week-long" is 7 days).
_LONG = re.compile(r"(?<![\w-])(?P<unit>day|week|month|year|hour)-long\b", re.IGNORECASE)
# "of the", "of the state's", "of the city's most": the words between "of" and the head's own phrase.
_OF_DETERMINERS = re.compile(
    r"\s+of\s+(?:(?:the|those|these|its|their|his|her|our|all|[\w-]+['\u2019]s?)\s+){1,3}(?:(?:most|least)\s+)?"
)
_FRACTION = re.compile(r"(?:third|quarter|fifth)s?$", re.IGNORECASE)
_DURATIONS = frozenset(TIME_UNITS.values())
# The words around "one day" that make it a span of time: "for one day", "one day after".
_DURATION_BEFORE = frozenset({"for", "in", "within", "than", "over", "after", "last", "first", "next", "just", "only"})
_DURATION_AFTER = frozenset({"after", "before", "later", "earlier", "ago", "long", "old"})
_OF_PHRASE = re.compile(r"\s+of(?:\s+[\w’'-]+){1,4}")
# A month's name as written, capitalised: "4 May", not "$10 million may not".
_MONTH_NEAR = re.compile(rf"\b{MONTH_PATTERN}\s*$")
_MONTH_AFTER = re.compile(rf"^\s*(?i:st|nd|rd|th)?\s+(?i:of\s+)?{MONTH_PATTERN}(?![\w])")
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


def _is_excluded(text: str, m: re.Match[str], value: float, noun: str | None = None) -> bool:
    """Years, dates, ordinals and numbers in names: the digits that are not figures."""
    raw = m.group("num")
    before, after = text[: m.start("num")], text[m.end("num") :]
    if not raw[0].isdigit():
        return False
    if _MONTH_NEAR.search(before) or _MONTH_AFTER.match(after):
        return True  # "December 4", "4 December", "December 2, 2016"
    if not m.group("glued") and re.match(r"(?:st|nd|rd|th)\b|[:/]\d|\w", after):
        return True  # ordinal, time, part of a date or a code
    percent = m.group("tail") and not m.group("hunit") and not m.group("dunit") and not m.group("glued")
    counts = noun is not None and is_plural(noun.lower())  # "earned Newman 16 likes": a count after a name
    if (
        _NAME_BEFORE.search(before)
        and not m.group("qual")
        and not percent
        and not counts
        and not _SENTENCE_START_OK.search(before[:-1].rstrip())
    ):
        # A capitalised word right before the number: "Resolution 2254", "Route 66" (not "Obama 51 percent").
        prev = before.rstrip().split()[-1] if before.strip() else ""
        if prev and prev[0].isupper() and prev.lower() not in STOP and prev.lower() not in ADJECTIVES:
            return True
    return False


def _is_year(raw: str, value: float, noun: str | None) -> bool:
    """A four-digit number from 1800 to 2100 is a year unless it counts a plural ("2000 people"):
    "in 2011", "the 2020 election"."""
    year = re.fullmatch(r"\d{4}", raw) and 1800 <= value <= 2100
    return bool(year) and not (noun and is_plural(noun.lower()))


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (lowercase, space separated)."""
    return frozenset(text.split())


_SAYS = _words("say says said")
# Capitalised words that open a noun phrase the number is inside: "The 12 injured workers", "Some 40 ...".
_CLAUSE_DETERMINERS = frozenset({"some", "about", "nearly", "almost", "only", "just", "all", "another", "those"})
_OR_MORE = re.compile(r"\s+or\s+(?:more|fewer|less)(?=\s)", re.IGNORECASE)
_CLOCK = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock)", re.IGNORECASE)
# "3.5-4 percent", "between 51 and 59 percent", "12 of the state's 16 House seats": the first number
# takes the unit of the second.
_RANGE = re.compile(
    r"\s*(?:-|–|—|to|or|and)\s*|\s+of\s+(?:(?:the|its|their|his|her|our|all|[\w-]+['\u2019]s?)\s+){0,3}",
    re.IGNORECASE,
)


def find_numbers(document: Document) -> list[Number]:
    """Every number in the document's sentences, in reading order, with exact document spans."""
    return [n for s in document.sentences for n in sentence_numbers(s)]


def sentence_numbers(s: Sentence) -> tuple[Number, ...]:
    """The numbers one sentence writes, in reading order, each with what it counts and its event."""
    text = s.text
    out: list[Number] = []
    for m in _FIGURE.finditer(text):
        found = _figure(text, m)
        if found is None:
            continue
        value, unit, end = found
        harmed = harmed_head(unit)  # "30 injured", "12 dead": people it happened to
        if harmed:
            unit = "people"
        one = m.group("num").lower() in ("one", "a", "an") and person_noun(unit)
        if unit is None or one:
            harm = harm_event(text, m.start(), end)  # "killing nine", "one person was injured"
            population = harm is None and population_level(text, m.start(), end)  # "grew to 40,000"
            if harm is None and not population and (one or not m.group("num")[0].isdigit()):
                continue  # "father of eight", "one official said": a bare number word, an article
            unit = unit or ("people" if harm or population else None)
        # A number inside a compound modifier ("a 550-member delegation") counts what the head noun is made
        # of: what happens to the head does not happen to it.
        compound = bool(m.group("hunit")) and end != m.end()
        event = harmed or (None if compound else figure_event(text, m.start(), end, unit))
        joined = out and re.fullmatch(r",?\s+(?:and|or)\s+|,\s+", text[out[-1].end - s.start : m.start()])
        counts = unit is not None and not is_measure(unit) and not compound  # a list of counts, not "7-year-old"
        if joined and event is None and (counts or "and" in joined.group() or "or" in joined.group()):
            event = out[-1].event  # "massacre 20 students and six adults", "earned 16 likes, 22 comments"
        qualifier = " ".join(m.group("qual").lower().split()) if m.group("qual") else None
        span = (s.doc_id, s.index, s.start + m.start(), s.start + end)
        out.append(Number(value, unit, text[m.start() : end], *span, event=event, qualifier=qualifier))
    taken = [(n.start - s.start, n.end - s.start) for n in out]
    for m in _LONG.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        unit = m.group("unit").lower()
        value, unit = (7.0, "day") if unit == "week" else (1.0, unit)
        out.append(Number(value, unit, m.group(), s.doc_id, s.index, s.start + m.start(), s.start + m.end()))
    for m in _ONE_UNIT.finditer(text):
        if is_measure(m.group("unit")) and not any(a <= m.start("num") < b for a, b in taken):
            qualifier = " ".join(m.group("qual").lower().split())
            span = (s.doc_id, s.index, s.start + m.start(), s.start + m.end())
            out.append(Number(1.0, unit_of(m.group("unit")), m.group(), *span, qualifier=qualifier))
    out.sort(key=lambda x: x.start)
    return tuple(_whole(s, n) for n in out)


def _whole(s: Sentence, number: Number) -> Number:
    """``number`` with a span of whole grapheme clusters ("1\u0591" in "1\u05912", not "1")."""
    start, end = whole_graphemes(s.text, number.start - s.start, number.end - s.start)
    if (start, end) == (number.start - s.start, number.end - s.start):
        return number
    return replace(number, text=s.text[start:end], start=s.start + start, end=s.start + end)


def _figure(text: str, m: re.Match[str]) -> tuple[float, str | None, int] | None:
    """The value, unit and end of the figure a match starts, or None when it is no figure."""
    raw = m.group("num")
    value = number_value(raw)
    end = m.end()
    if value is None:  # "twenty and thirty": the longest number it starts with
        longest = longest_number(raw)
        if longest is None:
            return None
        value, end = longest[0], m.start("num") + longest[1]
    elif _CLOCK.match(text, m.end()):
        return None
    noun: str | None = None
    unit: str | None
    tail = end == m.end()
    if m.group("cur"):
        unit = CURRENCY[m.group("cur").lower()]
    elif tail and m.group("dunit"):
        unit = CURRENCY_WORDS[m.group("dunit").lower()]
    elif tail and m.group("hunit"):
        unit = unit_of(m.group("hunit"))
        if unit not in TIME_UNITS.values():
            _, end = head_noun(text, end, 1)  # "a 550-member delegation": members, of a delegation
    elif tail and m.group("glued"):
        unit = MEASURE_NAMES[m.group("glued").lower()]
    elif tail and m.group("tail") == "-plus":  # "sixty-plus attorneys": a lower bound, then its noun
        noun, end = head_noun(text, end, value)
        unit = unit_of(noun) if noun else None
    elif tail and m.group("points"):
        unit = "point"  # "by 0.41 percentage points", "a 0.07 percentage point lead": a difference of shares
    elif tail and m.group("tail"):
        unit = "percent"
        end = _of_phrase(text, end)
    else:
        more = _OR_MORE.match(text, end)  # "30 or more points": the bound's noun after its "or more"
        subject = _opens_clause(text[: m.start()])
        noun, head_end = head_noun(text, more.end() if more else end, value, subject=subject)
        end = head_end if noun else end
        unit = CURRENCY_WORDS.get(noun.lower(), unit_of(noun)) if noun else None
        if re.search(r"\d(?:m|bn)$", raw, re.IGNORECASE) and not (noun and is_plural(noun.lower())):
            if not raw.lower().endswith("m") or m.group("cur") or noun is not None:
                return None  # "the 100m final": a name's modifier
            # "15m": metres, not millions, unless it counts a plural ("1.2m refugees")
            value, unit, end = float(number_value(raw[:-1]) or 0), "meter", m.start("num") + len(raw)
        square = re.search(r"\b(square|cubic)\s+\S+$", text[m.end() : end], re.IGNORECASE)
        if square and unit and is_measure(unit):
            unit = f"{square.group(1).lower()} {unit}"  # "187,000 square miles"
    if _is_excluded(text, m, value, noun) or _is_year(raw, value, noun):
        return None
    if _FRACTION.search(raw) and unit is None:  # "two-thirds of the vote": a share of what "of" names
        share = _of_head(text, end, value, any_noun=True)
        if share is None:
            return None
        unit, end = share[0].lower(), share[1]
    elif (raw.lower() in {"one", "a", "an"} and not _duration_of_one(text, m, unit, end) and not person_noun(noun)) or (
        value < 1 and noun is None and unit is None
    ):
        return None  # "one of the ...": no figure ("one person", kept for now, is a figure only when harmed)
    if unit is None:
        unit = _range_unit(text, m.end()) or _of_unit(text, end, value) or _body_before(text[: m.start()])
    if is_age(text, m.start(), end, raw, unit):
        return None  # "Ana Ortiz, 34,", "a 40-year-old driver": an age counts nothing
    if not math.isfinite(value):
        return None  # over 300 digits: past what a float holds, no count anyone reports (and JSON has no infinity)
    return value, unit, end


def _opens_clause(before: str) -> bool:
    """Whether a number after ``before`` may open a clause as its subject: at the sentence's start, after
    punctuation, or after a name ("OS 2.1 triggered ..."; not "the 12 ...", "detained 10 ...")."""
    words_before = before.split()
    if not words_before or before.rstrip()[-1] in ',;:.!?"\u201c(\u2014\u2013-':
        return True
    last = words_before[-1]
    return last[:1].isupper() and last.lower() not in STOP and last.lower() not in _CLAUSE_DETERMINERS


def _duration_of_one(text: str, m: re.Match[str], unit: str | None, end: int) -> bool:
    """Whether "one" and a time unit write a duration: "a one-day program", "for one week", "only one day
    after"; not the adverb of an indefinite time ("may one day have to", "One day, she left")."""
    if unit not in _DURATIONS:
        return False
    if m.group("hunit") or m.group("qual"):
        return True
    before, after = text[: m.start()].split()[-1:], text[end:].split()[:1]
    return bool(before and before[0].lower() in _DURATION_BEFORE) or bool(after and after[0].lower() in _DURATION_AFTER)


def _of_unit(text: str, end: int, value: float) -> str | None:
    """The unit of "all 99 of the state's counties", "Thirty-nine of those shops": the head after "of"."""
    found = _of_head(text, end, value)
    return found[0].lower() if found else None


def _of_head(text: str, end: int, value: float, *, any_noun: bool = False) -> tuple[str, int] | None:
    """The head noun after "of" ("of the city's most violent neighborhoods") and where it ends: a plural or
    a body of people ("1,000 of the ship's crew"), or with ``any_noun`` any noun (a share: "of the vote")."""
    of = _OF_DETERMINERS.match(text[end:])
    if of is None:
        return None
    noun, noun_end = head_noun(text, end + of.end() - 1, value)
    if noun is None:
        return None
    low = noun.lower()
    return (noun, noun_end) if any_noun or is_plural(low) or low in words("collective_nouns") else None


_BODY_OF = re.compile(r"\b(?:a|an|the|its|their)\s+(?P<body>[a-z]+)\s+of\s+$", re.IGNORECASE)


def _body_before(before: str) -> str | None:
    """The unit of "a crew of 20", "the staff of 300": a body of people counted by the number after its "of"."""
    body = _BODY_OF.search(before)
    return body.group("body").lower() if body and body.group("body").lower() in words("collective_nouns") else None


def _of_phrase(text: str, end: int) -> int:
    """The end of "80% of the county": the "of ..." phrase after a percentage, up to a function word or a
    verb ("15 percent of seniors say they ...")."""
    of = _OF_PHRASE.match(text, end)
    if not of:
        return end
    words = re.findall(r"\s+[\w’'-]+", of.group())
    keep = 1  # "of"
    for w in words[1:]:
        word = w.strip()
        if word.lower() in STOP or word.lower() in _SAYS or word.endswith("ly") or (keep > 1 and verb_only(word)):
            break
        keep += 1
    return end + sum(len(w) for w in words[:keep]) if keep > 1 else end


def _range_unit(text: str, end: int) -> str | None:
    """The unit of the number a range or "X of Y" leads to, for the number before it that has none."""
    link = _RANGE.match(text, end)
    if link is None:
        return None
    nxt = _FIGURE.match(text, link.end())
    if nxt is None or number_value(nxt.group("num")) is None:
        return None
    if nxt.group("cur"):
        return CURRENCY[nxt.group("cur").lower()]
    if nxt.group("hunit"):
        return unit_of(nxt.group("hunit"))
    if nxt.group("glued"):
        return MEASURE_NAMES[nxt.group("glued").lower()]
    if nxt.group("points"):
        return "point"
    if nxt.group("tail") and nxt.group("tail") != "-plus":
        return "percent"
    value = number_value(nxt.group("num")) or 0.0
    noun, _ = head_noun(text, nxt.end(), value)
    return CURRENCY_WORDS.get(noun.lower(), unit_of(noun)) if noun else None
