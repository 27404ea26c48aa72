"""Counts of people whose noun the text leaves out: "killing nine", "including 64 who died", "18 were hurt".

English drops the noun of a count of people when a verb of harm or of the police says what happened
to them: "the outbreak sickened 87 people, killing nine", "144 were killed, including 64 who died in
the village". Such a number is a figure of people (the dev2 gold labels "killing nine" as nine
persons killed); any other number with no noun stays without a unit and is no figure
(:mod:`storyline.extract.figures`). The same holds for "one" with a person noun ("one person was
injured"): "one" is mostly an article ("one official said"), a count only when such a verb governs it.
"""

from __future__ import annotations

from storyline.extract.events import figure_event
from storyline.lexicon import words
from storyline.lexicon.groups import groups

__all__ = ["HARM", "harm_event", "person_noun"]

# The event classes (``lexicon/event_classes.txt``) whose verbs take people as their object or subject.
HARM = frozenset({"kill", "injure", "arrest", "evacuate", "displace", "miss"})


def harm_event(text: str, start: int, end: int) -> str | None:
    """The event of the number at ``text[start:end]`` read as a count of people, when it is one of harm."""
    event = figure_event(text, start, end, "people")
    return event if event and groups("event_classes").get(event, event) in HARM else None


def person_noun(noun: str | None) -> bool:
    """Whether a noun names a person or people ("person", "man", "victim", "officers")."""
    if noun is None:
        return False
    low = noun.lower()
    single = low[:-1] if low.endswith("s") and not low.endswith("ss") else low
    known = words("generic_person_nouns") | words("person_nouns")
    return low in {"people", "persons", "men", "women", "children"} or low in known or single in known
