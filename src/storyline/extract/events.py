"""What happened to what a figure counts: the verb that governs it, as a lemma ("kill", "arrest", "spend").

Read from the words around the figure, without a parser (lemminflect's dictionary says which words
are verb forms and gives their lemma):

* the figure is the verb's object when a verb form stands right before it, past "by" or an article
  ("killed 26 people", "declined by 23 percent", "won a $336 million jackpot"); a base form counts only
  after "to" or a modal ("able to kill 26 people"), since most base forms are also nouns;
* the figure is the verb's subject when a passive ("were arrested", "has been spent"), a perfect of a
  verb that takes no object (``lexicon/intransitive_events.txt``: "had died") or a past tense
  ("Twelve aircraft flew") follows its phrase;
* a figure coordinated with the one before ("20 students and six adults") shares its event.

No event for sizes and durations (a unit of measure or of time: "90 miles", "for 13 months"), and
none for light verbs that say nothing happened (``lexicon/light_verbs.txt``: "has", "includes",
"lasted", "is").
"""

from __future__ import annotations

import re
from functools import cache

from storyline.extract.lemmas import getAllLemmas
from storyline.lexicon import words

__all__ = ["figure_event", "is_measure"]

_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_SKIP_BEFORE = frozenset({"by", "a", "an", "the", "another", "its", "their", "his", "her", "some", "roughly"})
_BASE_FORM_CUES = frozenset({"to", "will", "would", "could", "can", "may", "might", "must", "should", "did", "not"})
_AUX_PASSIVE = frozenset({"was", "were", "is", "are", "be", "being"})
_AUX_PERFECT = frozenset({"has", "have", "had"})


@cache
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return dict(getAllLemmas(word.lower()))


def _verb(word: str, *, base_ok: bool) -> str | None:
    """The verb lemma of ``word`` when it is a verb form (an inflected one, or a base form where ``base_ok``)."""
    lemmas = _lemmas(word)
    verb = lemmas.get("VERB")
    if not verb:
        return None
    lemma = verb[0]
    inflected = word.lower() != lemma
    if not inflected and not base_ok:
        return None
    if lemma in words("light_verbs"):
        return None
    return lemma


def is_measure(unit: str | None) -> bool:
    """Whether the unit measures a size or a duration (nothing happens to it)."""
    if unit is None:
        return False
    low = unit.lower()
    return low in words("measure_units") or low.rstrip("s") in words("measure_units")


def figure_event(text: str, start: int, end: int, unit: str | None) -> str | None:
    """The event of the figure written at ``text[start:end]`` that counts ``unit``, or None."""
    if unit is None or is_measure(unit):
        return None
    return _object_of(text[:start]) or _subject_of(text[end:])


def _object_of(before: str) -> str | None:
    found = _WORD.findall(before[-80:])
    if not before.rstrip() or before.rstrip()[-1:] in ',;:()\u201c\u201d"':
        return None
    skipped = 0
    while found and found[-1].lower() in _SKIP_BEFORE and skipped < 2:
        found.pop()
        skipped += 1
    if not found:
        return None
    word = found[-1]
    base_ok = len(found) > 1 and found[-2].lower() in _BASE_FORM_CUES
    return _verb(word, base_ok=base_ok)


def _subject_of(after: str) -> str | None:
    found = _WORD.findall(after[:60])
    if not found or not re.match(r"\s+[A-Za-z]", after):
        return None
    first = found[0].lower()
    rest = found[1:]
    if first in _AUX_PERFECT and rest and rest[0].lower() == "been":
        rest = rest[1:]
    elif first in _AUX_PERFECT:  # an active perfect: only a verb that needs no object ("had died")
        lemma = _verb(rest[0], base_ok=False) if rest else None
        return lemma if lemma in words("intransitive_events") else None
    elif first in _AUX_PASSIVE:
        pass
    else:
        return _verb(found[0], base_ok=False) if _past(found[0]) else None
    if rest and rest[0].lower().endswith("ly"):
        rest = rest[1:]  # "were reportedly killed"
    return _verb(rest[0], base_ok=False) if rest else None


def _past(word: str) -> bool:
    """A past tense form: "flew", "died" (not a present "say" or a plural noun "stops")."""
    lemmas = _lemmas(word)
    return bool(lemmas.get("VERB")) and "NOUN" not in lemmas and word.lower() not in lemmas["VERB"]
