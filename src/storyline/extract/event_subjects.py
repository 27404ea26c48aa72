"""The event of a figure that is the subject of a verb after it (:mod:`storyline.extract.events`).

A passive ("were arrested", "has been spent"), a perfect of a verb that takes no object
(``lexicon/intransitive_events.txt``: "had died") or a past tense ("Twelve aircraft flew") after the
figure's phrase, past a short prepositional phrase ("Four people from one family were killed"), an
apposition ("More than 100 members, 40 percent of the caucus, opposed") or as a relative clause ("four
stores that were robbed", "10 attempts ... -- all of which have failed"); a reported clause about it
("15 percent of seniors say they misuse ...").
"""

from __future__ import annotations

import re

from storyline.extract.event_words import (
    AUX_PASSIVE,
    AUX_PERFECT,
    MODALS,
    OBJECT_START,
    PHRASE_END,
    PREPOSITIONS,
    REPORTING,
    SAME_FORM_PASTS,
    SUBJECT_PRONOUNS,
    is_participle,
    is_past,
    is_verbal,
    lemmas_of,
    skip_adverbs,
    tokens,
    verb_lemma,
)
from storyline.lexicon import words

__all__ = ["starts_clause", "subject_of"]

_RELATIVE = frozenset({"that", "which", "who"})
# "..., all of which have failed": a relative clause after the figure's phrase, past a short complement.
_OF_WHICH = re.compile(
    r"^[^.;:!?()\"\u201c\u201d]{0,80}?(?:,|--|\u2014|\u2013)\s*(?:all|most|many|some|none|each|both|several|half)"
    r"\s+of\s+(?:which|whom)\s+(?P<rest>.*)",
    re.I | re.S,
)
_PHRASE_END_OR_DASH = PHRASE_END + r"|\s-+\s"
# ", 40 percent of the caucus, opposed ...": an apposition between the figure's phrase and its verb.
_APPOSITION = re.compile(r"^,\s*(?P<np>[^,;:.!?()\"\u201c\u201d]{1,60}),\s+(?P<rest>.*)", re.S)


def _hearsay(word: str) -> bool:
    """Whether ``word`` is a participle of a hearsay verb (``lexicon/hearsay_verbs.txt``): "reported", "believed"."""
    lemma = lemmas_of(word).get("VERB", ("",))[0]
    return word != lemma and lemma in words("hearsay_verbs")


def starts_clause(after: str) -> bool:
    """Whether a verb group follows the figure's phrase at once: it is the subject of its own clause."""
    found = tokens(after[:40]) if re.match(r"\s+[A-Za-z]", after) else []
    i = skip_adverbs(found, 0)
    return i < len(found) and (
        found[i] in AUX_PASSIVE or found[i] in AUX_PERFECT or found[i] in MODALS or is_past(found[i])
    )


def _verb_group(found: list[str], i: int, *, base_ok: bool = False) -> str | None:
    """The event of a verb group starting at ``found[i]`` whose subject is the figure's phrase."""
    i = skip_adverbs(found, i)
    if i >= len(found):
        return None
    first = found[i]
    if first in AUX_PERFECT:
        i = skip_adverbs(found, i + 1)
        if i < len(found) and found[i] == "been":
            return _passive(found, i + 1)
        if i + 1 < len(found) and found[i] == "to":
            return verb_lemma(found[i + 1], base_ok=True)  # "had to sign off": what they had to do
        # An active perfect: only a verb that needs no object ("had died"), unless a pronoun is the subject.
        lemma = verb_lemma(found[i], base_ok=False) if i < len(found) else None
        return lemma if base_ok or lemma in words("intransitive_events") else None
    if first in AUX_PASSIVE:
        return _passive(found, i + 1)
    if base_ok:
        return verb_lemma(first, base_ok=True)
    if i + 1 < len(found) and found[i + 1] in OBJECT_START and (first in SAME_FORM_PASTS or first.endswith("ed")):
        return verb_lemma(first, base_ok=True)  # "two cars hit her", "three children accused them"
    return verb_lemma(first, base_ok=False) if is_past(first) or (i == 0 and is_participle(first)) else None


def _passive(found: list[str], i: int) -> str | None:
    """The participle of "were (reportedly) killed", "are being held", "were reported killed"."""
    i = skip_adverbs(found, i)
    if i < len(found) and found[i] == "being":
        i += 1
    if i + 1 < len(found) and (found[i] in words("speech_verbs") or _hearsay(found[i])) and is_verbal(found[i + 1]):
        i += 1  # "were reported killed", "were believed kidnapped": what is reported
    return verb_lemma(found[i], base_ok=False) if i < len(found) else None


def subject_of(after: str, *, clause_start: bool = False) -> str | None:
    """The verb whose subject the figure's phrase is; past an apposition only when the phrase starts its
    clause ("More than 100 members, 40 percent of the caucus, opposed ...")."""
    apposition = _APPOSITION.match(after) if clause_start else None
    if (
        apposition
        and not any(is_verbal(w) or (w.endswith("ing") and w != "including") for w in tokens(apposition.group("np")))
        and starts_clause(" " + apposition.group("rest"))
    ):
        return _verb_group(tokens(apposition.group("rest")[:60]), 0)  # "100 members, 40 percent of them, opposed"
    if not re.match(r"\s+[A-Za-z]", after):
        return _relative(after)
    head = re.split(_PHRASE_END_OR_DASH, after[:80], maxsplit=1)[0]
    found = tokens(head)
    if not found:
        return _relative(after)
    if found[0] in _RELATIVE:
        return _verb_group(found, 1)
    if found[0] in REPORTING and len(found) > 1:
        return _reported(found)
    direct = _verb_group(found, 0)
    if direct:
        return direct
    if found[0] in PREPOSITIONS:
        # Past a prepositional phrase only an auxiliary starts the verb group: a bare past form there is as
        # often a participle of the phrase ("70% of the money raised").
        for i in range(2, min(len(found), 7)):
            word = found[i]
            if word in REPORTING:
                return _reported(found[i:])
            if word == "to" or word in SUBJECT_PRONOUNS or word == "it":
                return None  # an infinitive or another clause's subject: not the figure's verb
            if word in AUX_PASSIVE or word in AUX_PERFECT:
                return _verb_group(found, i)
            if is_verbal(word) or word in MODALS:
                return None
    return _relative(after)


def _reported(found: list[str]) -> str | None:
    """ "15 percent of seniors say (that) they misuse ...": the verb of the reported clause about the figure."""
    if len(found) < 2:
        return None
    i = 2 if found[1] == "that" else 1
    if i < len(found) and found[i] in {"they", "it", "he", "she", "we"}:
        return _verb_group(found, i + 1, base_ok=True)
    return None


def _relative(after: str) -> str | None:
    of_which = _OF_WHICH.match(after)
    return _verb_group(tokens(of_which.group("rest")[:60]), 0) if of_which else None
