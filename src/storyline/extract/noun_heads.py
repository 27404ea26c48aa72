"""The head noun of the phrase a number counts: the thing counted ("400 police officers" counts officers).

A number's unit is the head of the noun phrase after it (:mod:`storyline.extract.numbers`), read by
word classes from lemminflect's dictionary (which words can be nouns, adjectives or only verbs), not
by a parse: past its modifiers ("six weather-related cancellations"), noun adjuncts ("14 council
seats"), possessives ("10 victims' families"), names ("six University of Connecticut students"), a term
in quotation marks ('40 "navigators"') and two adjuncts joined before their head ("14 gas and water leaks").
"""

from __future__ import annotations

import re

from storyline.extract.events import is_measure
from storyline.extract.lemmas import getAllLemmas
from storyline.extract.number_units import TIME_UNITS
from storyline.extract.number_words import SCALES
from storyline.lexicon.calendar import MONTHS, WEEKDAYS
from storyline.text.normalize import COMBINING

__all__ = ["ADJECTIVES", "STOP", "head_noun", "is_plural", "noun_follows", "verb_only"]

_SCALE_WORDS = frozenset(SCALES) | {"m", "bn"}
STOP = frozenset(
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
        "but", "as", "than", "that", "which", "who", "since", "after", "before", "into", "over",
        "under", "per", "this", "these", "those", "is", "are", "was", "were", "be", "been", "has",
        "have", "had", "it", "its", "their", "them", "more", "less", "most", "other", "such", "each",
        "all", "still",
    }
)  # fmt: skip


def _words(text: str) -> frozenset[str]:
    """A word list written as one string (lowercase, space separated)."""
    return frozenset(text.split())


_IRREGULAR_PLURALS = _words("people children men women police staff cattle feet teeth mice data media")
# Modifiers that may stand between a number and its head noun ("1,353 small businesses").
ADJECTIVES = _words(
    """other small large big new old young major minor top healthy additional extra more few several total full
    average annual separate different main key local foreign domestic senior junior former current"""
)
_NOT_HEAD = frozenset(WEEKDAYS) | _words("a.m. p.m. am pm et gmt")
_ENDS_PHRASE = STOP | _NOT_HEAD
# Words that, before a time unit, say when, not what is counted: "rose to 22 million last year".
_TIME_DEICTICS = _words("last next this each every per")
_MONTH_WORDS = frozenset(m.lower() for m in MONTHS)
_MEASURES = _words("mph kph km kg mg ft lb lbs mm cm mi gb mb tb kw mw gw degrees")
# Combining marks inside words: an NFD "Zu\u0308rich" is one word, so a span never ends before its accent.
# A word in double quotation marks of its own is a word of the phrase ('40 "interrupters"', '122 “credible”
# objects'): the marks say the writer's term, not a quotation that ends the phrase.
_WORD_AFTER = re.compile(
    rf"\s+(?P<q>[\"\u201c])?(?P<w>(?:[A-Z]\.){{2,}}|(?:\d[\d,.]*(?:st|nd|rd|th)?-)?[A-Za-z][\w{COMBINING}'\u2019.-]*[\w{COMBINING}])"
    r"(?P<poss>['\u2019](?!\w))?(?(q)[\"\u201d])"
)
# "37 torpedo and bomb hits", "three state and federal agencies": two noun adjuncts joined before their head.
_JOINED_ADJUNCTS = frozenset({"and", "or"})


def is_plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "\u2019s"))
    )


def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    return dict(getAllLemmas(word.lower()))


def verb_only(word: str, *, first: bool = False) -> bool:
    """A word that is only ever a verb ("flew", "were", "killed"): it ends a noun phrase.

    Right after a number a word in -s is read as a plural noun the dictionary lacks ("12 vets"), not a verb.
    """
    lemmas = _lemmas(word)
    if first and is_plural(word.lower()):
        return False
    return bool(lemmas.get("VERB") or lemmas.get("AUX")) and not ({"NOUN", "ADJ", "PROPN"} & lemmas.keys())


def _nounish(word: str) -> bool:
    """A word that may carry on a noun phrase: a noun or adjective, a name, or a compound ("27-foot")."""
    lemmas = _lemmas(word)
    return bool({"NOUN", "ADJ", "PROPN"} & lemmas.keys()) or word[:1].isupper() or "-" in word or not lemmas


def _modifier(word: str, possessive: bool, value: float) -> bool:
    """Whether a word before another of its noun phrase modifies it rather than heads the phrase."""
    low = word.lower()
    if possessive or "-" in word or word[:1].isupper() or low in ADJECTIVES:
        return True  # "victims' families", "first-grade students", "U.S. military personnel"
    lemmas = _lemmas(word)
    if "ADJ" in lemmas and "NOUN" not in lemmas:
        return True  # "two missing girls"
    # After a number other than one the head is plural: a singular noun before another noun is a
    # noun adjunct ("14 council seats", "400 police officers", "30 news outlets").
    return value != 1 and not is_plural(low) or low in ("police", "news", "military")


def head_noun(text: str, end: int, value: float, *, subject: bool = False) -> tuple[str | None, int]:
    """The head noun of the phrase a number counts, and where it ends: the last word of its noun phrase
    ("six weather-related cancellations", "400 police officers", "10 victims' families", "Twelve aircraft flew").

    A unit of measure or of time is the head at once ("23 mph winds", "20 years of experience"); at most
    five words are read. Where the number may open a clause (``subject``: "... and OS 2.1 triggered
    grumblings"), a word in -ed after it is read as its verb, not as a participle of the phrase.
    """
    pos, head, head_end = end, None, end
    read = 0
    for _ in range(8):  # five words, names not counted ("Five Japanese Maritime Self Defense force ships")
        if read == 5:
            break
        m = _WORD_AFTER.match(text, pos)
        if m is None:
            break
        word = m.group("w").strip("'\u2019-")
        low = word.lower()
        read += not word[:1].isupper()
        stop = (low in STOP and low not in ADJECTIVES) or low in _SCALE_WORDS or low in _NOT_HEAD
        stop = stop or (low in _TIME_DEICTICS and _time_unit_follows(text, m.end()))  # "22 million last year"
        participle = low.endswith("ing") or (low.endswith(("ed", "en")) and not (subject and pos == end))
        if not stop and participle and verb_only(word) and _phrase_goes_on(text, m.end()):
            # "a 1,200-page spending plan", "3.5 billion defining attributes", "10 alleged smugglers",
            # "four endangered lynxes": a participle before a noun modifies it
            pos = m.end()
            continue
        if not stop and low.endswith("ly") and _adverb(word) and _describes(text, m.end()):
            pos = m.end()  # "the two nationally watched races": an adverb of the modifier after it
            continue
        if stop or verb_only(word, first=head is None):
            break
        head, head_end = word, m.end()
        if low in TIME_UNITS or low in _MEASURES or is_measure(low):
            break
        following = _WORD_AFTER.match(text, m.end())
        if following is None:
            break
        nxt = following.group("w").strip("'\u2019-")
        if nxt == "of" and word[:1].isupper() and not is_plural(low) and _name_follows(text, following.end()):
            pos = following.end()  # "six University of Connecticut students": a name with "of" in it
            continue
        joined = nxt.lower() in _JOINED_ADJUNCTS and value != 1 and not is_plural(low)
        if joined and _joined_head(text, following.end()):
            pos = following.end()  # "37 torpedo and bomb hits": a singular after a count is an adjunct
            continue
        if nxt.lower() in _ENDS_PHRASE or nxt.lower() in _SCALE_WORDS or verb_only(nxt) or not _nounish(nxt):
            break
        if not _modifier(word, bool(m.group("poss")), value):
            break
        if pos == end and word[:1].isupper() and is_plural(low) and nxt[:1].isupper() and not m.group("poss"):
            break  # "the four Americans Francis cited": a plural name, then a clause's subject, not one name
        pos = m.end()
    return head, head_end


def _time_unit_follows(text: str, end: int) -> bool:
    m = _WORD_AFTER.match(text, end)
    return m is not None and (m.group("w").lower() in TIME_UNITS or m.group("w").lower() in _NOT_HEAD)


def _phrase_goes_on(text: str, end: int) -> bool:
    """Whether a word that carries a noun phrase on follows ``end``: a noun, an adjective or a name ("alleged
    Nazis", "endangered northern rhinos"); not a function word, a verb, a weekday or a month."""
    m = _WORD_AFTER.match(text, end)
    if m is None:
        return False
    word = m.group("w").strip("'\u2019-")
    low = word.lower()
    if low in _ENDS_PHRASE or low in _MONTH_WORDS or verb_only(word) or word[0].isdigit():
        return False
    lemmas = _lemmas(word)
    return bool({"NOUN", "ADJ"} & lemmas.keys()) or word[:1].isupper() or not lemmas


def _adverb(word: str) -> bool:
    """A word in -ly that is no noun or adjective ("nationally", "newly"; not "family", "elderly")."""
    lemmas = _lemmas(word)
    return not ({"NOUN", "ADJ", "PROPN"} & lemmas.keys()) and not word[:1].isupper()


def _describes(text: str, end: int) -> bool:
    """Whether an adjective or a participle, then more of a noun phrase, follows ``end`` ("watched races")."""
    m = _WORD_AFTER.match(text, end)
    if m is None:
        return False
    word = m.group("w").strip("'\u2019-")
    lemmas = _lemmas(word)
    participle = word.lower().endswith(("ed", "ing", "en")) and "VERB" in lemmas
    return ("ADJ" in lemmas or participle) and _phrase_goes_on(text, m.end())


def _joined_head(text: str, end: int) -> bool:
    """Whether a second adjunct and a plural head follow "and" / "or" ("bomb hits" of "torpedo and bomb hits")."""
    second = _WORD_AFTER.match(text, end)
    if second is None or second.group("w").lower() in _ENDS_PHRASE or not _nounish(second.group("w")):
        return False
    head = _WORD_AFTER.match(text, second.end())
    return head is not None and is_plural(head.group("w").lower()) and noun_follows(text, second.end())


def _name_follows(text: str, end: int) -> bool:
    """Whether a capitalised word, then a word of a noun phrase, follow ``end``: the rest of a name before
    the head ("of Connecticut students"), not a name that ends the phrase ("Bank of America.")."""
    m = _WORD_AFTER.match(text, end)
    if m is None or not m.group("w")[:1].isupper():
        return False
    after = _WORD_AFTER.match(text, m.end())
    return after is not None and after.group("w")[:1].islower() and noun_follows(text, m.end())


def noun_follows(text: str, end: int) -> bool:
    """Whether a noun that can head a phrase follows ``end`` (not a function word, a verb or a number)."""
    m = _WORD_AFTER.match(text, end)
    if m is None:
        return False
    word = m.group("w").strip("'\u2019-")
    low = word.lower()
    return low not in _ENDS_PHRASE and not verb_only(word) and "NOUN" in _lemmas(word) and not word[0].isdigit()
