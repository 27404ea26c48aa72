"""Counts of people whose noun the text leaves out: "killing nine", "including 64 who died", "18 were hurt".

English drops the noun of a count of people when a verb of harm or of the police says what happened
to them: "the outbreak sickened 87 people, killing nine", "144 were killed, including 64 who died in
the village". Such a number is a figure of people (the dev2 gold labels "killing nine" as nine
persons killed); any other number with no noun stays without a unit and is no figure
(:mod:`storyline.extract.figures`). The same holds for "one" with a person noun ("one person was
injured"), and for a participle of harm that stands for the people it happened to ("30 injured",
"12 dead"): "one" is mostly an article ("one official said"), a count only when such a verb governs it.
A population counts people too: "the city's population has grown to around 22 million", "the
population may reach nine billion" (read from the parse: the number's verb has "population" as its
subject).
"""

from __future__ import annotations

from storyline.extract.event_parse import parse_available, phrase_head
from storyline.extract.events import figure_event
from storyline.extract.lemmas import getAllLemmas
from storyline.extract.parses import parse
from storyline.lexicon import words
from storyline.lexicon.groups import groups

__all__ = ["HARM", "harm_event", "harmed_head", "person_noun", "population_level"]

# The event classes (``lexicon/event_classes.txt``) whose verbs take people as their object or subject.
HARM = frozenset({"kill", "injure", "arrest", "evacuate", "displace", "miss"})


def harm_event(text: str, start: int, end: int) -> str | None:
    """The event of the number at ``text[start:end]`` read as a count of people, when it is one of harm."""
    event = figure_event(text, start, end, "people")
    return event if event and groups("event_classes").get(event, event) in HARM else None


def harmed_head(word: str | None) -> str | None:
    """The event of a participle or "dead" that stands for the people it happened to ("30 injured",
    "12 dead", "five wounded"), or None for any other word."""
    if word is None:
        return None
    low = word.lower()
    if low == "dead":
        return "kill"
    lemmas = dict(getAllLemmas(low))
    verb = lemmas.get("VERB")
    if verb is None or not low.endswith(("ed", "en", "t")) or "NOUN" in lemmas:
        return None
    lemma = str(verb[0])
    return lemma if groups("event_classes").get(lemma, lemma) in HARM else None


def person_noun(noun: str | None) -> bool:
    """Whether a noun names a person or people ("person", "man", "victim", "officers")."""
    if noun is None:
        return False
    low = noun.lower()
    single = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    known = words("generic_person_nouns") | words("person_nouns")
    return low in {"people", "persons", "men", "women", "children"} or low in known or single in known


# Relations that climb from a number to the verb it is the object or the level of: "reach nine billion",
# "grown to 22 million", "is 18 million".
_TO_VERB = frozenset({"dobj", "attr", "pobj", "prep", "npadvmod"})


def population_level(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is a level a population reaches or has (needs the parse)."""
    if not parse_available():
        return False
    token, _ = phrase_head(parse(text), start, end)
    for _ in range(4):
        if token is None or token.head is token or token.dep_ not in _TO_VERB:
            return False
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return subject is not None and subject.lower_ in ("population", "populations")
    return False
