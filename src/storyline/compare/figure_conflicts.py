"""Figure conflicts: two figures for one quantity whose values cannot both hold.

See :mod:`storyline.compare.disagreements` for the rule; this module reads each number of the
mention layer as a quantity (what it counts, its event, the bounds its qualifier sets, when) and
compares two sentences' quantities.

:func:`figure_disputes` never compares all pairs: the quantities are indexed by what they measure
(event and counted thing), so only figures for one quantity meet, and within one quantity only its
``TOP_VALUES`` most reported values, each by its first ``PER_VALUE`` reports from distinct documents:
the work is linear in the story's figures. A rare value reported once among many is more often
another thing counted than a source in dispute.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from storyline.budget import checkpoint
from storyline.extract.figures import event_class
from storyline.extract.lemmas import getLemma
from storyline.extract.number_units import CURRENCY, CURRENCY_WORDS
from storyline.extract.numbers import Number
from storyline.lexicon import words as lexicon
from storyline.lexicon.calendar import MONTH_PATTERN, month_number
from storyline.model import DateMention, Sentence
from storyline.text.content import content_words, shared_content_words, words

__all__ = ["Conflict", "Quantity", "figure_disputes", "quantities"]

# Values closer than this (relative) are one figure written two ways ("about 80%" and "80 percent").
TOLERANCE = 0.10
# Words before a truce's length read for who proposes it.
PROPOSER_WINDOW = 8
# The values of one quantity compared, most reported first, and the reports of each value compared.
TOP_VALUES = 8
PER_VALUE = 4
PER_DOCUMENT = 2
# A document's reports of one quantity read to find the one told like another document's report.
MATCH_WINDOW = 24

# A sentence's date mentions (the mention layer's).
Dates = Callable[[Sentence], tuple[DateMention, ...]]

_TIME = {"second", "minute", "hour", "day", "week", "month", "year"}
_TRUCE = re.compile(r"\b(?:truce|cease-?fire|pause|halt|armistice)\b", re.I)
# A count with no event verb is a toll when the sentence says so: "the death toll rose to 60", "60 dead".
_TOLL = re.compile(r"\b(?:death toll|toll|deaths|death count|casualty count|number of dead)\b", re.I)
# One side says the figure is disputed: the pair is a dispute whatever words they share.
_DISPUTED = re.compile(r"\b(?:but said|disputed|put the (?:number|toll|figure)|contradict\w*)\b", re.I)
_DEAD_AFTER = re.compile(r"^\s+(?:people\s+)?(?:dead|deaths|fatalities)\b", re.I)
# "13 people are in custody": held, an arrest by its result.
_CUSTODY_AFTER = re.compile(
    r"^\s+(?:people\s+)?(?:(?:are|were|is|was|remain(?:ed|s)?|have\s+been|had\s+been)\s+)?(?:held\s+)?in\s+"
    r"(?:police\s+)?custody\b",
    re.I,
)
# "six of those arrested", "seven of them": a part of a count, never the count itself.
_PART_AFTER = re.compile(r"^\s+of\s+(?:the|those|these|them|whom|which)\b", re.I)
_PART_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+them)\s*$", re.I)
# What an event-less figure measures, read after it: its noun's "of" phrase ("six counts of criminal mischief":
# mischief, the head before any list goes on) or a word of position ("eight stories below").
_OF_HEAD = re.compile(
    r"^\s+of\s+(?:[a-z-]+\s+){0,3}?(?P<head>[a-z-]+)(?=\s*(?:[,;.:)]|\b(?:and|or|against|in|at|on|for|from|with|by)\b|$))",
    re.I,
)
# "$500,000 in tax revenues", "$3 million in sales": what a sum of money is (its head noun, singular).
_IN_HEAD = re.compile(
    r"^\s+in\s+(?:[a-z-]+\s+){0,2}?(?P<head>[a-z-]+)(?=\s*(?:[,;.:)\u2014\u2013]|\b(?:and|or|between|from|for|in|on|at|by|over|during|since)\b|$))",
    re.I,
)
_MONEY = frozenset(CURRENCY.values()) | frozenset(CURRENCY_WORDS.values())
_POSITION = re.compile(
    r"^\s+(?P<head>below|above|beneath|underground|underwater|deep|tall|high|long|wide|away|apart|downriver|upriver"
    r"|offshore|inland)\b",
    re.I,
)
# Values below this, both integers with no qualifier, are counted, not estimated: compared exactly
# ("12 arrested" / "13 in custody"); larger ones are often rounded and get the tolerance.
EXACT_BELOW = 100
# Content words (beyond the figure's and the topic's) two sentences of an event-less figure share to be one setting.
SETTING_WORDS = 2
_RISING = re.compile(r"\b(?:rose|risen|rises|rising|increased|climbed|grown|jumped)\s+(?:by\s+\w+\s+)?to\b", re.I)
# A month as written, with the day after it ("May 7-9", "March 3"), and a year: the time a sentence names
# whether or not its document's date lets the mention layer resolve it.
_NAMED_MONTH = re.compile(rf"\b({MONTH_PATTERN})(?:\s+(\d{{1,2}})\b)?")
_NAMED_YEAR = re.compile(r"(?<![\d$.,])\b(1[89]\d\d|20\d\d)\b(?![\d,])")
_TOPICS = {"kill": "death toll", "injure": "number injured", "miss": "number missing", "arrest": "number arrested"}


def _bound_words(name: str) -> re.Pattern[str]:
    """A qualifier list as a pattern for the end of the text before a figure."""
    alternatives = "|".join(q.replace(" ", r"\s+") for q in sorted(lexicon(name), key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})\s*$", re.I)


_LOWER = _bound_words("qualifiers_lower")
_UPPER = _bound_words("qualifiers_upper")
_ABOUT = _bound_words("qualifiers_about")


@dataclass(frozen=True)
class Quantity:
    """A number read as the size of something: what it counts (singular), the event's class, the range its
    wording allows, and (a truce's length) the words naming who proposes it."""

    number: Number
    event: str
    thing: str | None
    low: float
    high: float
    proposer: frozenset[str] = frozenset()
    # What an event-less figure measures besides its noun ("mischief" of "counts of criminal mischief",
    # "below" of "stories below"); empty for a figure with an event.
    frame: str = ""


@dataclass(frozen=True)
class Conflict:
    """Two quantities compared: ``disagree`` False when the pair was set aside (``why`` says why)."""

    topic: str
    why: str
    disagree: bool
    values: frozenset[float]


def _singular(unit: str | None) -> str | None:
    if unit is None:
        return None
    low = unit.lower()
    return "person" if low in ("people", "persons") else getLemma(low, upos="NOUN")[0] if low.isalpha() else low


def quantities(sentence: Sentence, numbers: Iterable[Number]) -> list[Quantity]:
    """The sentence's numbers that count something an event happened to, or a truce's length."""
    text = sentence.text
    out = []
    for m in numbers:
        start, end = m.start - sentence.start, m.end - sentence.start
        before, after = text[:start], text[end:]
        thing = _singular(m.unit)
        proposer: frozenset[str] = frozenset()
        frame = ""  # what an event-less figure measures; empty when the figure has an event
        if thing in _TIME:
            if not _TRUCE.search(text[max(0, start - 40) : end + 40]):
                continue
            event = "truce"
            proposer = frozenset(content_words(" ".join(words(before)[-PROPOSER_WINDOW:])) - _TRUCE_WORDS)
        else:
            if _PART_AFTER.match(after) or _PART_BEFORE.search(before):
                continue
            frame = _frame(thing, after)
            # A sum of money is what it is "in" ("$1 million in tax revenue"), whatever verb brought it.
            event = "" if thing in _MONEY and frame else event_class(m.event) or ""
            if not event and (_DEAD_AFTER.match(after) or (thing is None and _TOLL.search(text))):
                event = "kill"
            elif not event and _CUSTODY_AFTER.match(after):
                event = "arrest"
            if event:
                frame = ""
            elif not frame:
                continue
        prefix = (before + (m.qualifier or "")).rstrip()
        low, high = m.value, m.value
        if _LOWER.search(prefix):
            high = float("inf")
        elif _UPPER.search(prefix):
            low = 0.0
        elif _ABOUT.search(prefix):
            low, high = m.value * (1 - TOLERANCE), m.value * (1 + TOLERANCE)
        out.append(Quantity(m, event, thing, low, high, proposer, frame))
    return out


_TRUCE_WORDS = frozenset(
    {"truce", "cease-fire", "ceasefire", "pause", "halt", "armistice", "immediate", "humanitarian"}
)


def _frame(thing: str | None, after: str) -> str:
    """What an event-less figure measures, read after it ("of mischief", "below", "in revenue"), or ""."""
    if thing is None:
        return ""
    if thing in _MONEY:
        spent = _IN_HEAD.match(after)
        return f"in {_singular(spent.group('head')) or ''}" if spent else ""
    of_head = _OF_HEAD.match(after)
    if of_head:
        return f"of {of_head.group('head').lower()}"
    position = _POSITION.match(after)
    return position.group("head").lower() if position else ""


def _compatible(x: Quantity, y: Quantity) -> bool:
    """Both values can hold at once: overlapping ranges, or within the tolerance of each other."""
    if max(x.low, y.low) <= min(x.high, y.high):
        return True
    a, b = x.number.value, y.number.value
    if _counted(x) and _counted(y):
        return False
    return abs(a - b) <= TOLERANCE * max(a, b)


def _counted(q: Quantity) -> bool:
    """A small exact count: an integer below ``EXACT_BELOW`` with no bound or "about" on it."""
    v = q.number.value
    return v == int(v) and v < EXACT_BELOW and q.low == q.high


def _quantity_conflict(
    a: Sentence,
    x: Quantity,
    qa: list[Quantity],
    b: Sentence,
    y: Quantity,
    qb: list[Quantity],
    dates: Dates,
    document_dates: dict[str, date | None],
    topic_words: frozenset[str],
) -> Conflict | None:
    """Whether quantity ``x`` of report ``a`` and ``y`` of report ``b`` (another document) measure one thing
    with values that cannot both hold; None when they are not comparable (another thing, time or place).

    A past event's toll is not today's (the sentences' dates); two reports of a rising count, or two values
    from documents dated differently, are an update: set aside with ``disagree`` False and said so.
    """
    if x.event != y.event or not _same_thing(x, y) or _compatible(x, y):
        return None
    if y.number.value in {q.number.value for q in qa} or x.number.value in {q.number.value for q in qb}:
        return None  # one sentence holds both numbers: a part and its whole
    if not _same_time(dates(a), dates(b)) or _named_times(a.text) != _named_times(b.text):
        return None
    topic = _topic(x)
    values = frozenset({x.number.value, y.number.value})
    if x.event == "truce":
        if not x.proposer or not y.proposer:
            return None
        if not x.proposer & y.proposer:
            why = (
                f"Not a disagreement: {x.number.text!r} and {y.number.text!r} are proposed by different "
                f"parties ({_names(x.proposer)} / {_names(y.proposer)}), two different proposals."
            )
            return Conflict(topic, why, False, values)
    elif not x.event:
        if not _same_setting(a, b, x, topic_words):
            return None
    elif not (
        _same_place_or_actor(a, b, x, topic_words)
        or _shared_figure(x, qa, y, qb)
        or _DISPUTED.search(f"{a.text} {b.text}")
    ):
        return None
    day_a, day_b = document_dates.get(a.doc_id), document_dates.get(b.doc_id)
    if (_RISING.search(a.text) and _RISING.search(b.text)) or (day_a and day_b and day_a != day_b):
        when = f" ({day_a} / {day_b})" if day_a and day_b and day_a != day_b else ""
        why = f"Not a disagreement: {x.number.text!r} and {y.number.text!r} are a count reported as it changed{when}."
        return Conflict(topic, why, False, values)
    why = f"{x.number.text!r} and {y.number.text!r} give different values for the same {topic}."
    return Conflict(topic, why, True, values)


def _names(words_: frozenset[str]) -> str:
    return ", ".join(sorted(words_)[:3])


def _same_time(da: tuple[DateMention, ...], db: tuple[DateMention, ...]) -> bool:
    """Neither sentence dates its figure to another time than the other: no year or day only one of them names,
    and no two different ones ("20 people died in a 1978 fire" is not today's toll)."""
    ya = {m.value[:4] for m in da}
    yb = {m.value[:4] for m in db}
    days_a = {m.value for m in da if m.precision == "day"}
    days_b = {m.value for m in db if m.precision == "day"}
    return ya == yb and (not days_a or not days_b or bool(days_a & days_b))


def _named_times(text: str) -> frozenset[str]:
    """The months (with their day, when one follows) and years a sentence names, as written.

    In an undated document the mention layer resolves no month or day, so a past event ("since the March 3-5
    attacks ... left 20 people dead" against "killed 17 people in March") would look like today's: two
    figures are one occurrence only when they name the same times, or none.
    """
    months = {f"{month_number(m.group(1))}-{m.group(2) or ''}" for m in _NAMED_MONTH.finditer(text)}
    return frozenset(months | set(_NAMED_YEAR.findall(text)))


def _same_thing(x: Quantity, y: Quantity) -> bool:
    if x.frame != y.frame:
        return False
    if x.thing == y.thing:
        return True
    return x.event == "kill" and (x.thing is None or y.thing is None)


def _same_place_or_actor(a: Sentence, b: Sentence, q: Quantity, topic_words: frozenset[str]) -> bool:
    """Both sentences name one place or actor (a shared capitalised word) and share another content word that
    is neither the quantity's own nor one of the story's topic words: one shared word ties nothing (a bus crash
    and a factory fire in one state)."""
    shared = content_words(a.text) & content_words(b.text) - {q.event, q.thing or "", "people", "toll", "person"}
    names = _capitalised(a.text) & _capitalised(b.text)
    return bool(names & shared) and len(shared - topic_words) >= 2


def _shared_figure(x: Quantity, qa: list[Quantity], y: Quantity, qb: list[Quantity]) -> bool:
    """Both sentences also give one other figure alike (value, event, thing): "12 people were arrested" and "13 people
    are in custody" each beside "three people stabbed" tell one brawl."""
    others = {(q.number.value, q.event, q.thing) for q in qa if q is not x and q.event}
    return any((q.number.value, q.event, q.thing) in others for q in qb if q is not y and q.event)


def _same_setting(a: Sentence, b: Sentence, q: Quantity, topic_words: frozenset[str]) -> bool:
    """An event-less figure ("eight stories below", "six counts of criminal mischief") names no event to tie two
    sentences: they must also share ``SETTING_WORDS`` content words beyond the figure's own and the story's topic."""
    own = {q.thing or "", "people", "person"} | content_words(q.frame) | content_words(q.number.text)
    shared = content_words(a.text) & content_words(b.text) - own - topic_words
    return len(shared) >= SETTING_WORDS


def _capitalised(text: str) -> set[str]:
    """Capitalised words that do not start a sentence: names of places, people, bodies."""
    found = re.findall(r"(?<=[\w,;:]\s)([A-Z][a-z]+(?:[A-Z][a-z]+)?)", text)
    return {w.lower() for w in found}


def _topic(q: Quantity) -> str:
    if q.event == "truce":
        return f"truce length ({q.thing}s)"
    if q.frame:
        return f"number of {(q.number.unit or q.thing or '').lower()} {q.frame}"
    return _TOPICS.get(q.event, f"number of {q.thing or 'people'} ({q.event})")


def figure_disputes(
    counted: Sequence[tuple[Sentence, list[Quantity]]],
    dates: Dates,
    *,
    document_dates: dict[str, date | None] | None = None,
    topic_words: frozenset[str] = frozenset(),
) -> list[tuple[Conflict, Sentence, Sentence]]:
    """Every quantity two documents give values for that cannot both hold, once per (quantity, values), with
    the pair of reports that shows it; pairs set aside (an update, two proposals) come with ``disagree`` False.

    ``counted`` holds each report with its quantities, in reading order; ``dates`` gives a sentence's date
    mentions; ``document_dates`` each document's date: two values from documents dated differently are an
    update of a count, not a dispute.
    """
    by_quantity: dict[tuple[str, str | None, str], list[tuple[Sentence, Quantity, list[Quantity]]]] = {}
    for sentence, qs in counted:
        for q in qs:
            by_quantity.setdefault((q.event, q.thing, q.frame), []).append((sentence, q, qs))
    out: list[tuple[Conflict, Sentence, Sentence]] = []
    seen: set[tuple[str, frozenset[float]]] = set()
    for (event, thing, _), rows in by_quantity.items():
        if event == "kill" and thing is not None:
            rows = rows + by_quantity.get(("kill", None, ""), [])  # a toll with no noun counts the dead
        in_document: dict[str, list[Sentence]] = {}
        for sentence, _, _ in rows:
            in_document.setdefault(sentence.doc_id, []).append(sentence)
        for a, x, qa, b, y, qb in _candidate_pairs(rows):
            checkpoint()
            if not (
                _best_match(a, in_document[b.doc_id], b, topic_words)
                and _best_match(b, in_document[a.doc_id], a, topic_words)
            ):
                continue
            conflict = _quantity_conflict(a, x, qa, b, y, qb, dates, document_dates or {}, topic_words)
            if conflict is None or (conflict.topic, conflict.values) in seen:
                continue
            seen.add((conflict.topic, conflict.values))
            out.append((conflict, a, b))
    return out


def _best_match(a: Sentence, others: list[Sentence], b: Sentence, topic_words: frozenset[str]) -> bool:
    """Whether ``b`` is (one of) the report(s) of ``others`` (one document's reports of the quantity) sharing the
    most content words with ``a``: a document giving several values of a quantity reports several occurrences
    ("125 died across the country" on Monday, "four killed" as Tuesday broke), and only the one told like ``a`` is
    its rival. The story's topic words tell no occurrence from another; the first ``MATCH_WINDOW`` reports are
    read."""
    stop = lexicon("english_stop_words")
    words = {w for w in shared_content_words(a.text) - topic_words if w not in stop and w + "s" not in stop}
    score = len(words & shared_content_words(b.text))
    return all(len(words & shared_content_words(o.text)) <= score for o in others[:MATCH_WINDOW])


def _candidate_pairs(
    rows: list[tuple[Sentence, Quantity, list[Quantity]]],
) -> Iterable[tuple[Sentence, Quantity, list[Quantity], Sentence, Quantity, list[Quantity]]]:
    """The pairs of reports of two different values of one quantity worth comparing (see the module docstring)."""
    by_value: dict[float, list[tuple[Sentence, Quantity, list[Quantity]]]] = {}
    documents: dict[float, set[str]] = {}
    for row in rows:
        value = row[1].number.value
        reports = by_value.setdefault(value, [])
        from_document = sum(r[0].doc_id == row[0].doc_id for r in reports)
        if from_document < PER_DOCUMENT and len(reports) < PER_VALUE:
            reports.append(row)
        documents.setdefault(value, set()).add(row[0].doc_id)
    ranked = sorted(by_value, key=lambda v: -len(documents[v]))[:TOP_VALUES]  # stable: first reported first
    for i, v in enumerate(ranked):
        for w in ranked[i + 1 :]:
            if documents[v] & documents[w]:
                continue  # one source gives both values: an update of the count, or a part and its whole
            for a, x, qa in by_value[v]:
                for b, y, qb in by_value[w]:
                    if a.doc_id != b.doc_id:
                        yield a, x, qa, b, y, qb
