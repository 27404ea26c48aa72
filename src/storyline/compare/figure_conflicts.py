"""Figure conflicts: two figures for one quantity whose values cannot both hold.

See :mod:`storyline.compare.disagreements` for the rule; this module reads each number of the
mention layer as a quantity (what it counts, the event, the bounds its qualifier sets) and compares
two sentences' quantities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.extract.numbers import Number
from storyline.lexicon import words as lexicon
from storyline.model import Sentence
from storyline.text.content import content_words, words

__all__ = ["Conflict", "Quantity", "figure_conflict", "quantities"]

# Values closer than this (relative) are one figure written two ways ("about 80%" and "80 percent").
TOLERANCE = 0.10
# Words of a figure's neighbourhood searched for what it counts.
WINDOW = 10

_EVENTS = {
    "killed": r"kill\w*|dead|deaths?|died|die|toll|fatalities|lives",
    "injured": r"injur\w*|wounded|hurt",
    "missing": r"missing",
    "evacuated": r"evacuat\w*",
    "displaced": r"displaced|fled|homeless",
    "arrested": r"arrest\w*|detained",
    "truce": r"truce|cease-?fire|pause|halt",
}
_EVENT_RE = {k: re.compile(rf"^(?:{v})$") for k, v in _EVENTS.items()}
_TOLL = re.compile(r"\b(?:death toll|toll|deaths|death count|casualty count|number of dead)\b", re.I)
_TIME = {"second", "minute", "hour", "day", "week", "month", "year"}
_PEOPLE = {"people": "people", "persons": "people", "person": "people"}
_RISING = re.compile(r"\b(?:rose|risen|rises|rising|increased|climbed|grown|jumped)\s+(?:by\s+\w+\s+)?to\b", re.I)
_DISPUTED = re.compile(r"\b(?:but said|disputed|put the (?:number|toll|figure)|contradict\w*)\b", re.I)

_PROPOSERS = {
    "the UN Security Council": r"resolution|security council|u\.?n\.?|united nations",
    "the rebels": r"rebels?|opposition|factions|insurgents",
    "the government": r"government|damascus|regime|army|assad",
    "Russia": r"russia\w*|moscow|kremlin",
    "the United States": r"washington|u\.s\.|united states|americans",
}


def _bound_words(name: str) -> re.Pattern[str]:
    """A qualifier list as a pattern for the end of the text before a figure."""
    alternatives = "|".join(q.replace(" ", r"\s+") for q in sorted(lexicon(name), key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})\s*$", re.I)


_LOWER = _bound_words("qualifiers_lower")
_UPPER = _bound_words("qualifiers_upper")
_ABOUT = _bound_words("qualifiers_about")


@dataclass(frozen=True)
class Quantity:
    """A number read as the size of something: what it counts, the event, and the range its wording allows."""

    number: Number
    event: str
    thing: str | None
    low: float
    high: float
    proposer: str | None


@dataclass(frozen=True)
class Conflict:
    """Two quantities compared: ``disagree`` False when the pair was set aside (``why`` says why)."""

    topic: str
    why: str
    disagree: bool


def quantities(sentence: Sentence, numbers: Iterable[Number]) -> list[Quantity]:
    """The sentence's numbers that count something an event happened to (or a truce's length)."""
    text = sentence.text
    out = []
    for m in numbers:
        start, end = m.start - sentence.start, m.end - sentence.start
        before, after = text[:start], text[end:]
        near = words(before)[-WINDOW:] + words(after)[:WINDOW]
        thing = _PEOPLE.get(m.unit, m.unit) if m.unit else None
        if thing in _TIME:
            event = "truce" if any(_EVENT_RE["truce"].match(w) for w in near) else ""
        else:
            hits = [k for k, rx in _EVENT_RE.items() if k != "truce" and any(rx.match(w) for w in near)]
            event = hits[0] if len(hits) == 1 else ""
            if thing is None and not (event == "killed" and _TOLL.search(text)):
                event = ""  # a bare number is a toll only where a toll word names it
        if not event:
            continue
        prefix = (before + (m.qualifier or "")).rstrip()
        low, high = m.value, m.value
        if _LOWER.search(prefix):
            high = float("inf")
        elif _UPPER.search(prefix):
            low = 0.0
        elif _ABOUT.search(prefix):
            low, high = m.value * (1 - TOLERANCE), m.value * (1 + TOLERANCE)
        out.append(Quantity(m, event, thing, low, high, _proposer(before) if event == "truce" else None))
    return out


def _proposer(before: str) -> str | None:
    """Who proposes the truce: the nearest proposer word in the eight words before its length."""
    for w in reversed(words(before)[-8:]):
        for name, rx in _PROPOSERS.items():
            if re.fullmatch(rf"(?:{rx})", w):
                return name
    return None


def _compatible(x: Quantity, y: Quantity) -> bool:
    """Both values can hold at once: overlapping ranges, or within the tolerance of each other."""
    if max(x.low, y.low) <= min(x.high, y.high):
        return True
    a, b = x.number.value, y.number.value
    return abs(a - b) <= TOLERANCE * max(a, b)


def figure_conflict(a: Sentence, qa: list[Quantity], b: Sentence, qb: list[Quantity]) -> Conflict | None:
    """The first pair of the two sentences' quantities that measure one thing with values that cannot both hold."""
    if _RISING.search(a.text) and _RISING.search(b.text):
        return None  # two reports of a rising count: an update
    values_a = {q.number.value for q in qa}
    values_b = {q.number.value for q in qb}
    for x in qa:
        for y in qb:
            if x.event != y.event or not _same_thing(x, y) or _compatible(x, y):
                continue
            if y.number.value in values_a or x.number.value in values_b:
                continue  # one sentence holds both numbers: a part and its whole
            topic = _topic(x)
            if x.event == "truce":
                if x.proposer is None or y.proposer is None:
                    continue
                if x.proposer != y.proposer:
                    why = (
                        f"Not a disagreement: {x.number.text!r} is proposed by {x.proposer} and "
                        f"{y.number.text!r} by {y.proposer}, two different proposals."
                    )
                    return Conflict(topic, why, False)
            elif not (content_words(a.text) & content_words(b.text) - _quantity_words(x)) and not (
                _DISPUTED.search(a.text) or _DISPUTED.search(b.text)
            ):
                continue
            why = f"{x.number.text!r} and {y.number.text!r} give different values for the same {topic}."
            return Conflict(topic, why, True)
    return None


def _same_thing(x: Quantity, y: Quantity) -> bool:
    if x.thing == y.thing:
        return True
    return x.event == "killed" and (x.thing is None or y.thing is None)


def _quantity_words(q: Quantity) -> set[str]:
    return {q.event, q.thing or "", "killed", "people", "toll"}


def _topic(q: Quantity) -> str:
    if q.event == "truce":
        return f"truce length ({q.thing}s)"
    names = {"killed": "death toll", "injured": "number injured", "missing": "number missing"}
    return names.get(q.event, f"number {q.event}")
