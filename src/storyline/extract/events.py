"""What happened to what a figure counts: the verb that governs it, as a lemma ("kill", "arrest", "spend").

First from the sentence's dependency parse (:mod:`storyline.extract.event_parse`: the relation of the
figure's phrase to its governing verb) when spaCy is installed (the ``full`` extra). Where the parse
finds no governing relation (and does not show the phrase inside another noun's, "relatives of 40
miners gathered", which has none), and without spaCy, from the words around the figure (lemminflect's
dictionary says which words are verb forms and gives their lemma): the small parser attaches some
coordinations and prepositional phrases to the wrong word ("dispatched a cutter from the base and two
boats": the boats under "base"), which word order reads right. On the facts gold's dev articles added
after both readings were written, before their misses were read (bench/NOTES.md), value, unit and event
were right for 31 of 44 figures with the parse, 27 with word order alone (142 and 130 of 176 on all 30
added in the end). Each word-order reading is a construction of English grammar, tried in this order:

* **object**: a verb form stands right before the figure, past "by", an article or a particle
  ("killed 26 people", "declined by 23 percent", "won a $336 million jackpot", "set up two field
  hospitals"); a form equal to its base counts only after "to", a modal, a subject pronoun or a
  perfect ("able to kill 26 people", "he cut", "has set up"), since most base forms are also nouns.
  An amount "by" measures the change a verb made to its object: "cut taxes in the state by $2 billion";
* **subject**: a passive ("were arrested", "has been spent"), a perfect of a verb that takes no object
  (``lexicon/intransitive_events.txt``: "had died") or a past tense ("Twelve aircraft flew") follows
  the figure's phrase, past a short prepositional phrase ("Four people from one family were
  killed") or as a relative clause ("four stores that were robbed", "10 attempts ... -- all of which
  have failed"); a reported clause about it ("15 percent of seniors say they misuse ...");
* **nominal**: a noun that names the event governs it (``lexicon/event_nouns.txt``: "the arrests of
  12 protesters" is arrest, "the deaths of 60 people" die);
* **coordinated**: a figure joined by "and", "or" or "including" to an object of a verb before it
  shares that verb ("dispatched the helicopter ... and two boats", "killed 12 people, including
  three children").

No event for sizes and durations (a unit of measure or of time: "90 miles", "for 13 months"), and
none for light verbs that say nothing happened (``lexicon/light_verbs.txt``: "has", "includes",
"lasted", "is", modals). A verb in a passive is not the verb of a figure coordinated after it.
The words and verb forms these readings share are in :mod:`storyline.extract.event_words`, the
readings after the figure (its verb when it is a subject) in :mod:`storyline.extract.event_subjects`.
"""

from __future__ import annotations

import re

from storyline.extract.event_parse import parse_available, parsed_event, settled_none
from storyline.extract.event_subjects import starts_clause, subject_of
from storyline.extract.event_words import (
    ALL_PREPOSITIONS,
    AUX_PASSIVE,
    OBJECT_PRONOUNS,
    OBJECT_START,
    PHRASE_END,
    REPORTING,
    follows_cue,
    is_participle,
    is_verbal,
    lemmas_of,
    tokens,
    verb_lemma,
)
from storyline.lexicon import words
from storyline.lexicon.calendar import MONTHS, WEEKDAYS
from storyline.lexicon.groups import groups

__all__ = ["figure_event", "is_measure", "word_order_event"]

_SKIP_BEFORE = frozenset(
    {"by", "a", "an", "the", "another", "its", "their", "his", "her", "our", "your", "my", "some", "roughly", "all",
     "these", "those", "both"}
)  # fmt: skip
_PARTICLES = frozenset({"up", "out", "off", "away"})
# Words that end the clause a verb is looked for in, reading back from a coordinated figure.
_CLAUSE_WORDS = frozenset({"that", "which", "who", "whom", "where", "when", "while", "because", "but", "if"})
_COORDINATORS = frozenset({"and", "or", "including", "plus"})
# Words after which a new clause (and its subject) starts.
_CLAUSE_OPENERS = [
    [w] for w in ("and", "but", "after", "before", "when", "while", "because", "as", "since", "until", "that")
]
# Where a clause or a phrase ends (a full stop, not the point of "$735.2").
_CLAUSE_END = r"[;:!?()\"\u201c\u201d\u2014\u2013]|\.(?!\d)"
# Prepositions a verb takes its object with ("listened to", "voted for"), unlike "won with 20 points".
_VERB_PREPOSITIONS = frozenset({"to", "for", "about", "into"})
_CALENDAR = frozenset(m.lower() for m in MONTHS) | frozenset(w.lower() for w in WEEKDAYS) | {"today", "yesterday"}
# Prepositions of place and time, which may stand between a verb's object and a coordinated figure; any
# other preposition governs the object coordinated with the figure itself.
_ADJUNCT_PREPOSITIONS = frozenset({"from", "in", "at", "on"})


def is_measure(unit: str | None) -> bool:
    """Whether the unit measures a size or a duration (nothing happens to it)."""
    if unit is None:
        return False
    low = unit.lower().split()[-1] if unit.strip() else ""  # "square miles" measures as "miles" does
    return low in words("measure_units") or low.rstrip("s") in words("measure_units")


def figure_event(text: str, start: int, end: int, unit: str | None) -> str | None:
    """The event of the figure written at ``text[start:end]`` that counts ``unit``, or None."""
    if unit is None or (is_measure(unit) and unit.lower().rstrip("s") not in words("amount_units")):
        return None
    if parse_available():
        parsed = parsed_event(text, start, end, unit)
        if parsed or settled_none(text, start, end):
            return parsed
    return word_order_event(text, start, end, unit)


def word_order_event(text: str, start: int, end: int, unit: str) -> str | None:
    """The event read from the words around the figure, without a parser (the readings of the module docstring)."""
    before, after = text[:start], text[end:]
    governed, lemma = _object_of(before, unit.lower())
    if governed:  # the object of a verb (a light one included) is the subject of no verb after it
        return lemma or _participle(after)
    if starts_clause(after):
        return subject_of(after)
    starts = not before.strip() or before.rstrip()[-1] in ',;:"\u201c(' or tokens(before[-12:])[-1:] in _CLAUSE_OPENERS
    return _coordinated(before, unit.lower()) or subject_of(after, clause_start=starts) or _nominal(before)


def _participle(after: str) -> str | None:
    """The verb of a present participle right after the figure's phrase ("have 23 million people struggling")."""
    found = tokens(after[:40]) if re.match(r"\s+[A-Za-z]", after) else []
    if len(found) > 1 and found[1] not in ALL_PREPOSITIONS and found[1] not in OBJECT_START and found[1] != "#":
        return None  # "the 1,200-page spending measure": a modifier of the noun after it, not a participle
    return verb_lemma(found[0], base_ok=False) if found and is_participle(found[0]) else None


def _object_of(before: str, unit: str) -> tuple[bool, str | None]:
    """Whether a verb form stands right before the figure (its object), and that verb's event."""
    stripped = before.rstrip()
    if not stripped or stripped[-1:] in ',;:()\u201c\u201d"':
        return False, None
    found = tokens(before[-100:])
    by = bool(found) and found[-1] == "by"
    at = bool(found) and found[-1] == "at" and unit in words("change_units")  # "would cap spending at $1 trillion"
    if at:
        changed = _changed_object(found[:-1], object_needed=True)
        return changed is not None, changed
    skipped = 0
    while found and found[-1] in _SKIP_BEFORE and skipped < 2:
        found.pop()
        skipped += 1
    if not found:
        return False, None
    if found[-1] in _PARTICLES and len(found) > 1:
        found.pop()  # "set up two field hospitals": the verb before its particle
    elif len(found) > 1 and (found[-1] in OBJECT_PRONOUNS or _name_before(before)) and is_verbal(found[-2]):
        found.pop()  # "earned him 16 likes": the verb of a double object
    if by and len(found) > 2 and found[-2] == "and" and lemmas_of(found[-3]).get("VERB") and is_verbal(found[-1]):
        found = found[:-2]  # "hit and killed by two cars": what the agent did first
    word, cued = found[-1], follows_cue(found, len(found) - 1)
    if word in _COORDINATORS:
        return False, None  # "including": a preposition here, read as a coordination
    lemma = verb_lemma(word, base_ok=cued)
    if lemma is None and by and unit in words("change_units"):
        changed = _changed_object(found)
        return changed is not None, changed
    lemmas = lemmas_of(word)
    verb = lemmas.get("VERB")
    if lemma is None and verb and (word in words("speech_verbs") or verb[0] in words("clause_verbs")):
        return False, None  # "said 12 people were killed": the figure is the subject of the reported clause
    if verb and verb[0] == "be" and "there" in found[-3:-1]:
        return False, None  # "there have been 10 attempts ... which failed": the figure is the subject
    governed = (
        lemma is not None
        or bool(lemmas.get("AUX"))
        or (verb is not None and (cued or is_verbal(word) or verb[0] in words("light_verbs")) and "NOUN" not in lemmas)
    )
    return governed, lemma


def _changed_object(found: list[str], *, object_needed: bool = False) -> str | None:
    """The verb of "cut taxes in the state by": the nearest verb form within six words before the "by".

    With ``object_needed`` ("cap spending at"), only a verb whose object follows it: "closed Friday at $13"
    and "peaked in September at $19" name a price, not a change made to something.
    """
    for i in range(len(found) - 1, max(-1, len(found) - 7), -1):
        word = found[i]
        if word in _CLAUSE_WORDS:
            return None
        inflected = re.search(r"ed$", word) is not None
        if inflected or follows_cue(found, i):
            if i > 0 and found[i - 1] in AUX_PASSIVE:
                return None
            lemma = verb_lemma(word, base_ok=follows_cue(found, i))
            if lemma and object_needed:
                following = found[i + 1] if i + 1 < len(found) else "#"
                calendar = following in _CALENDAR or following == "#"
                return None if calendar or following in ALL_PREPOSITIONS else lemma
            if lemma:
                return lemma
    return None


def _nominal(before: str) -> str | None:
    """The event of a figure after "of": the event its noun names ("the arrests of 12 protesters"), else the
    verb whose object that noun is, with its determiner ("wash the feet of 12 inmates", "killed a total of 40
    people"; not "alleged embezzlement of", where the word before the noun is no verb of it)."""
    head = re.split(PHRASE_END, before[-80:])[-1]
    found = tokens(head)
    if len(found) < 2 or found[-1] != "of" or not head.strip():
        return None
    named = groups("event_nouns").get(found[-2])
    if named:
        return named
    if len(found) < 4 or found[-3] not in _SKIP_BEFORE or found[-3] == "by":
        return None
    return verb_lemma(found[-4], base_ok=follows_cue(found, len(found) - 4))


def _coordinated(before: str, unit: str) -> str | None:
    """The verb whose object the figure is coordinated with: "dispatched the helicopter ... and two boats".

    "and" / "or" join two objects only with no comma before them (a comma and "and" join clauses in news
    style: "..., and 4.8 times more likely"), and not after a number ("two or three networks" is a range,
    read by the numbers themselves); "including" lists members of a counted set, not prices. The verb is
    looked for within 12 words, past one preposition at most, and not inside a gerund's phrase.
    """
    stripped = before.rstrip()
    head = re.split(_CLAUSE_END, stripped[-140:])[-1]
    found = tokens(head)
    if not found or found[-1] not in _COORDINATORS:
        return None
    if found[-1] in {"and", "or", "plus"}:
        if re.search(r",\s*\w+$", head) or len(found) < 2 or found[-2] == "#" or found[-2] in words("number_words"):
            return None
    elif unit in words("change_units"):
        return None
    prepositions = 0
    for i in range(len(found) - 2, max(-1, len(found) - 14), -1):
        word = found[i]
        if word in _CLAUSE_WORDS or word in REPORTING or word.endswith("ing"):
            return None
        if word in _ADJUNCT_PREPOSITIONS and prepositions == 0 and i < len(found) - 2:
            prepositions += 1  # "dispatched the helicopter from the air station and two boats"
            continue
        if word in ALL_PREPOSITIONS:
            if word in _VERB_PREPOSITIONS and i > 0 and is_verbal(found[i - 1]) and found[i - 2 : i - 1] != ["#"]:
                return verb_lemma(found[i - 1], base_ok=False)  # "listened to the chancellor and 34 leaders"
            return None  # "despite the scandals and four trials": the object of a preposition
        if i > 0 and found[i - 1] == "#":
            continue  # a number's noun ("13 assists and 11 rebounds"), whatever else the word can be
        if is_verbal(word) or (follows_cue(found, i) and lemmas_of(word).get("VERB")):
            if i == len(found) - 2:
                return None  # "53 percent opposed and 47 percent": two clauses, not two objects
            if i > 0 and found[i - 1] in AUX_PASSIVE:
                return None  # "was founded in the city and ...": a passive has no object to share
            return verb_lemma(word, base_ok=follows_cue(found, i))
    return None


def _name_before(before: str) -> bool:
    """Whether a capitalised word that starts no sentence stands right before the figure ("earned Newman 16")."""
    return re.search(r"[a-z,]\s+[A-Z][a-z]+\s*$", before) is not None
