"""Verb forms and the words around a figure, for reading its event without a parser (:mod:`storyline.extract.events`).

lemminflect's dictionary says which words are verb forms and gives their lemma; the word sets here
are closed classes of English (auxiliaries, pronouns, prepositions, modals) that the readings of
:mod:`storyline.extract.events` and :mod:`storyline.extract.event_subjects` both key on.
"""

from __future__ import annotations

import re
from functools import cache

from storyline.extract.lemmas import getAllLemmas
from storyline.lexicon import words

__all__ = [
    "ADVERBS", "ALL_PREPOSITIONS", "AUX_PASSIVE", "AUX_PERFECT", "BASE_FORM_CUES", "MODALS", "OBJECT_PRONOUNS",
    "OBJECT_START", "PHRASE_END", "PREPOSITIONS", "REPORTING", "SAME_FORM_PASTS", "SUBJECT_PRONOUNS", "follows_cue",
    "is_participle", "is_past", "is_verbal", "lemmas_of", "skip_adverbs", "tokens", "verb_lemma",
]  # fmt: skip

WORD = re.compile(r"[A-Za-z][\w'\u2019-]*|\d[\d,.]*")
CONTRACTIONS = {"'ve": "have", "'re": "are", "'d": "had"}  # not "'s": a possessive as often as "has"
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})
PERFECT = frozenset({"has", "have", "had", "'ve", "\u2019ve"})
BASE_FORM_CUES = (
    frozenset({"to", "will", "would", "could", "can", "may", "might", "must", "should", "did", "not"})
    | SUBJECT_PRONOUNS
    | PERFECT
)
AUX_PASSIVE = frozenset({"was", "were", "is", "are", "be", "being", "been"})
AUX_PERFECT = frozenset({"has", "have", "had"})
ADVERBS = frozenset({"now", "also", "already", "since", "still", "just", "all", "both", "each", "so", "far", "not"})
MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "should", "shall"})
# Past tenses written like their base form: after the figure's phrase and before an object, a verb.
SAME_FORM_PASTS = frozenset(
    [
        "hit",
        "cut",
        "put",
        "set",
        "let",
        "shut",
        "hurt",
        "cost",
        "quit",
        "spread",
        "beat",
        "bet",
        "burst",
        "cast",
        "split",
        "thrust",
        "upset",
        "broadcast",
        "shed",
    ]
)
OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "it"})
# Words that start a verb's object: after a form that is also a noun ("accused them", "hit her") it is a verb.
OBJECT_START = OBJECT_PRONOUNS | frozenset({"the", "a", "an", "his", "their", "its", "our", "my", "your"})
# A prepositional phrase that may stand between a figure's noun and its verb ("from one family").
PREPOSITIONS = frozenset({"in", "on", "at", "from", "aboard", "inside", "near", "across", "around", "of", "with"})
ALL_PREPOSITIONS = PREPOSITIONS | frozenset(
    {"for", "to", "into", "onto", "about", "despite", "over", "under", "after", "before", "during", "against",
     "without", "through", "between", "among", "amid", "like", "than", "as", "per", "by", "toward", "towards"}
)  # fmt: skip
REPORTING = frozenset({"say", "says", "said", "report", "reports", "reported"})
PHRASE_END = r"[,;:!?()\"\u201c\u201d\u2014\u2013]|\.(?!\d)"


@cache
def lemmas_of(word: str) -> dict[str, tuple[str, ...]]:
    return dict(getAllLemmas(word.lower()))


def verb_lemma(word: str, *, base_ok: bool) -> str | None:
    """The verb lemma of ``word`` when it is a verb form (an inflected one, or a base form where ``base_ok``)."""
    lemmas = lemmas_of(word)
    verb = lemmas.get("VERB")
    if not verb:
        return None
    lemma = verb[0]
    inflected = word.lower() != lemma
    if not inflected and not base_ok:
        return None
    if lemma in words("light_verbs") or "AUX" in lemmas:
        return None
    return lemma


def tokens(text: str) -> list[str]:
    """The words of ``text``, lower-cased, a contraction ("they've") split into its pronoun and verb, a
    number in digits as ``#``."""
    out: list[str] = []
    for word in WORD.findall(text):
        if word[0].isdigit():
            out.append("#")  # a number in digits: one token, so words either side are not read as neighbours
            continue
        low = word.lower().replace("\u2019", "'")
        tail = next((c for c in CONTRACTIONS if low.endswith(c) and len(low) > len(c)), None)
        if tail:
            out += [low[: -len(tail)], CONTRACTIONS[tail]]
        else:
            out.append(low)
    return out


def follows_cue(found: list[str], i: int) -> bool:
    """Whether the word at ``found[i]`` follows a word after which a base form is a verb: "to", a modal, a
    subject pronoun, a perfect, or a passive auxiliary before a past written like its base ("was hit")."""
    if i == 0:
        return False
    return found[i - 1] in BASE_FORM_CUES or (found[i - 1] in AUX_PASSIVE and found[i] in SAME_FORM_PASTS)


def skip_adverbs(found: list[str], i: int) -> int:
    while i < len(found) and (found[i] in ADVERBS or found[i].endswith("ly")):
        i += 1
    return i


def is_participle(word: str) -> bool:
    """A present participle that is no noun: "struggling", "stemming" (not "building", "meeting")."""
    lemmas = lemmas_of(word)
    return word.endswith("ing") and bool(lemmas.get("VERB")) and "NOUN" not in lemmas and "ADJ" not in lemmas


def is_verbal(word: str) -> bool:
    """A finite or participle form that is no noun: "dispatched", "flew" (not "taxes", "boats")."""
    lemmas = lemmas_of(word)
    verb = lemmas.get("VERB")
    return verb is not None and "NOUN" not in lemmas and word not in verb and not word.endswith("ing")


def is_past(word: str) -> bool:
    """A past tense form: "flew", "died" (not a present "say", a plural noun "stops", a gerund "stemming")."""
    lemmas = lemmas_of(word)
    return (
        bool(lemmas.get("VERB"))
        and "NOUN" not in lemmas
        and "AUX" not in lemmas
        and word.lower() not in lemmas["VERB"]
        and not word.lower().endswith("ing")
    )
