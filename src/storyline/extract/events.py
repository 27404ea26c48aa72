"""What happened to what a figure counts: the verb that governs it, as a lemma ("kill", "arrest", "spend").

Read from the words around the figure, without a parser (lemminflect's dictionary says which words
are verb forms and gives their lemma). Each reading is a construction of English grammar, tried in
this order:

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
"""

from __future__ import annotations

import re
from functools import cache

from storyline.extract.lemmas import getAllLemmas
from storyline.lexicon import words
from storyline.lexicon.calendar import MONTHS, WEEKDAYS
from storyline.lexicon.groups import groups

__all__ = ["figure_event", "is_measure"]

_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*|\d[\d,.]*")
_SKIP_BEFORE = frozenset(
    {"by", "a", "an", "the", "another", "its", "their", "his", "her", "our", "your", "my", "some", "roughly", "all",
     "these", "those", "both"}
)  # fmt: skip
_PARTICLES = frozenset({"up", "out", "off", "away"})
_SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "who"})
_PERFECT = frozenset({"has", "have", "had", "'ve", "\u2019ve"})
_BASE_FORM_CUES = (
    frozenset({"to", "will", "would", "could", "can", "may", "might", "must", "should", "did", "not"})
    | _SUBJECT_PRONOUNS
    | _PERFECT
)
_AUX_PASSIVE = frozenset({"was", "were", "is", "are", "be", "being", "been"})
_AUX_PERFECT = frozenset({"has", "have", "had"})
_ADVERBS = frozenset({"now", "also", "already", "since", "still", "just", "all", "both", "each", "so", "far", "not"})
# A prepositional phrase that may stand between a figure's noun and its verb ("from one family").
_PREPOSITIONS = frozenset({"in", "on", "at", "from", "aboard", "inside", "near", "across", "around", "of", "with"})
_RELATIVE = frozenset({"that", "which", "who"})
_REPORTING = frozenset({"say", "says", "said", "report", "reports", "reported"})
_CONTRACTIONS = {"'ve": "have", "'re": "are", "'d": "had"}  # not "'s": a possessive as often as "has"
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "should", "shall"})
# Words that end the clause a verb is looked for in, reading back from a coordinated figure.
_CLAUSE_WORDS = frozenset({"that", "which", "who", "whom", "where", "when", "while", "because", "but", "if"})
# The units of an amount: a "by" before one measures a change ("cut taxes by $2 billion").
_AMOUNT_UNITS = frozenset({"percent", "point", "usd", "eur", "gbp", "jpy", "cad", "aud"})
# "..., all of which have failed": a relative clause after the figure's phrase, past a short complement.
_OF_WHICH = re.compile(
    r"^[^.;:!?()\"\u201c\u201d]{0,80}?(?:,|--|\u2014|\u2013)\s*(?:all|most|many|some|none|each|both|several|half)"
    r"\s+of\s+(?:which|whom)\s+(?P<rest>.*)",
    re.I | re.S,
)
_COORDINATORS = frozenset({"and", "or", "including", "plus"})
# Words after which a new clause (and its subject) starts.
_CLAUSE_OPENERS = [
    [w] for w in ("and", "but", "after", "before", "when", "while", "because", "as", "since", "until", "that")
]
# Where a clause or a phrase ends (a full stop, not the point of "$735.2").
_CLAUSE_END = r"[;:!?()\"\u201c\u201d\u2014\u2013]|\.(?!\d)"
_PHRASE_END = r"[,;:!?()\"\u201c\u201d\u2014\u2013]|\.(?!\d)"
_PHRASE_END_OR_DASH = _PHRASE_END + r"|\s-+\s"
# ", 40 percent of the caucus, opposed ...": an apposition between the figure's phrase and its verb.
_APPOSITION = re.compile(r"^,\s*(?P<np>[^,;:.!?()\"\u201c\u201d]{1,60}),\s+(?P<rest>.*)", re.S)
_HEARSAY = frozenset({"believed", "thought", "feared", "said", "reported", "confirmed", "presumed", "known"})
# Prepositions a verb takes its object with ("listened to", "voted for"), unlike "won with 20 points".
_VERB_PREPOSITIONS = frozenset({"to", "for", "about", "into"})
# Past tenses written like their base form: after the figure's phrase and before an object, a verb.
_SAME_FORM_PASTS = frozenset(
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
_CALENDAR = frozenset(m.lower() for m in MONTHS) | frozenset(w.lower() for w in WEEKDAYS) | {"today", "yesterday"}
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "it"})
# Words that start a verb's object: after a form that is also a noun ("accused them", "hit her") it is a verb.
_OBJECT_START = _OBJECT_PRONOUNS | frozenset({"the", "a", "an", "his", "their", "its", "our", "my", "your"})
# Prepositions of place and time, which may stand between a verb's object and a coordinated figure; any
# other preposition governs the object coordinated with the figure itself.
_ADJUNCT_PREPOSITIONS = frozenset({"from", "in", "at", "on"})
_ALL_PREPOSITIONS = _PREPOSITIONS | frozenset(
    {"for", "to", "into", "onto", "about", "despite", "over", "under", "after", "before", "during", "against",
     "without", "through", "between", "among", "amid", "like", "than", "as", "per", "by", "toward", "towards"}
)  # fmt: skip


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
    if lemma in words("light_verbs") or "AUX" in lemmas:
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
    if unit is None or (is_measure(unit) and unit.lower().rstrip("s") not in words("amount_units")):
        return None
    before, after = text[:start], text[end:]
    governed, lemma = _object_of(before, unit.lower())
    if governed:  # the object of a verb (a light one included) is the subject of no verb after it
        return lemma or _participle(after)
    if _starts_clause(after):
        return _subject_of(after)
    starts = not before.strip() or before.rstrip()[-1] in ',;:"\u201c(' or _tokens(before[-12:])[-1:] in _CLAUSE_OPENERS
    return _coordinated(before, unit.lower()) or _subject_of(after, clause_start=starts) or _nominal(before)


def _participle(after: str) -> str | None:
    """The verb of a present participle right after the figure's phrase ("have 23 million people struggling")."""
    found = _tokens(after[:40]) if re.match(r"\s+[A-Za-z]", after) else []
    if len(found) > 1 and found[1] not in _ALL_PREPOSITIONS and found[1] not in _OBJECT_START and found[1] != "#":
        return None  # "the 1,200-page spending measure": a modifier of the noun after it, not a participle
    return _verb(found[0], base_ok=False) if found and _ing(found[0]) else None


def _ing(word: str) -> bool:
    """A present participle that is no noun: "struggling", "stemming" (not "building", "meeting")."""
    lemmas = _lemmas(word)
    return word.endswith("ing") and bool(lemmas.get("VERB")) and "NOUN" not in lemmas and "ADJ" not in lemmas


def _starts_clause(after: str) -> bool:
    """Whether a verb group follows the figure's phrase at once: it is the subject of its own clause."""
    found = _tokens(after[:40]) if re.match(r"\s+[A-Za-z]", after) else []
    i = _skip_adverbs(found, 0)
    return i < len(found) and (
        found[i] in _AUX_PASSIVE or found[i] in _AUX_PERFECT or found[i] in _MODALS or _past(found[i])
    )


def _tokens(text: str) -> list[str]:
    """The words of ``text``, lower-cased, a contraction ("they've") split into its pronoun and verb, a
    number in digits as ``#``."""
    out: list[str] = []
    for word in _WORD.findall(text):
        if word[0].isdigit():
            out.append("#")  # a number in digits: one token, so words either side are not read as neighbours
            continue
        low = word.lower().replace("\u2019", "'")
        tail = next((c for c in _CONTRACTIONS if low.endswith(c) and len(low) > len(c)), None)
        if tail:
            out += [low[: -len(tail)], _CONTRACTIONS[tail]]
        else:
            out.append(low)
    return out


def _cued(found: list[str], i: int) -> bool:
    """Whether the word at ``found[i]`` follows a word after which a base form is a verb: "to", a modal, a
    subject pronoun, a perfect, or a passive auxiliary before a past written like its base ("was hit")."""
    if i == 0:
        return False
    return found[i - 1] in _BASE_FORM_CUES or (found[i - 1] in _AUX_PASSIVE and found[i] in _SAME_FORM_PASTS)


def _object_of(before: str, unit: str) -> tuple[bool, str | None]:
    """Whether a verb form stands right before the figure (its object), and that verb's event."""
    stripped = before.rstrip()
    if not stripped or stripped[-1:] in ',;:()\u201c\u201d"':
        return False, None
    found = _tokens(before[-100:])
    by = bool(found) and found[-1] == "by"
    at = bool(found) and found[-1] == "at" and unit in _AMOUNT_UNITS  # "would cap spending at $1 trillion"
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
    elif len(found) > 1 and (found[-1] in _OBJECT_PRONOUNS or _name_before(before)) and _verbal(found[-2]):
        found.pop()  # "earned him 16 likes": the verb of a double object
    if by and len(found) > 2 and found[-2] == "and" and _lemmas(found[-3]).get("VERB") and _verbal(found[-1]):
        found = found[:-2]  # "hit and killed by two cars": what the agent did first
    word, cued = found[-1], _cued(found, len(found) - 1)
    if word in _COORDINATORS:
        return False, None  # "including": a preposition here, read as a coordination
    lemma = _verb(word, base_ok=cued)
    if lemma is None and by and unit in _AMOUNT_UNITS:
        changed = _changed_object(found)
        return changed is not None, changed
    lemmas = _lemmas(word)
    verb = lemmas.get("VERB")
    if lemma is None and verb and (word in words("speech_verbs") or verb[0] in words("clause_verbs")):
        return False, None  # "said 12 people were killed": the figure is the subject of the reported clause
    if verb and verb[0] == "be" and "there" in found[-3:-1]:
        return False, None  # "there have been 10 attempts ... which failed": the figure is the subject
    governed = (
        lemma is not None
        or bool(lemmas.get("AUX"))
        or (verb is not None and (cued or _verbal(word) or verb[0] in words("light_verbs")) and "NOUN" not in lemmas)
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
        if inflected or _cued(found, i):
            if i > 0 and found[i - 1] in _AUX_PASSIVE:
                return None
            lemma = _verb(word, base_ok=_cued(found, i))
            if lemma and object_needed:
                following = found[i + 1] if i + 1 < len(found) else "#"
                calendar = following in _CALENDAR or following == "#"
                return None if calendar or following in _ALL_PREPOSITIONS else lemma
            if lemma:
                return lemma
    return None


def _skip_adverbs(found: list[str], i: int) -> int:
    while i < len(found) and (found[i] in _ADVERBS or found[i].endswith("ly")):
        i += 1
    return i


def _verb_group(found: list[str], i: int, *, base_ok: bool = False) -> str | None:
    """The event of a verb group starting at ``found[i]`` whose subject is the figure's phrase."""
    i = _skip_adverbs(found, i)
    if i >= len(found):
        return None
    first = found[i]
    if first in _AUX_PERFECT:
        i = _skip_adverbs(found, i + 1)
        if i < len(found) and found[i] == "been":
            return _passive(found, i + 1)
        if i + 1 < len(found) and found[i] == "to":
            return _verb(found[i + 1], base_ok=True)  # "had to sign off": what they had to do
        # An active perfect: only a verb that needs no object ("had died"), unless a pronoun is the subject.
        lemma = _verb(found[i], base_ok=False) if i < len(found) else None
        return lemma if base_ok or lemma in words("intransitive_events") else None
    if first in _AUX_PASSIVE:
        return _passive(found, i + 1)
    if base_ok:
        return _verb(first, base_ok=True)
    if i + 1 < len(found) and found[i + 1] in _OBJECT_START and (first in _SAME_FORM_PASTS or first.endswith("ed")):
        return _verb(first, base_ok=True)  # "two cars hit her", "three children accused them"
    return _verb(first, base_ok=False) if _past(first) or (i == 0 and _ing(first)) else None


def _passive(found: list[str], i: int) -> str | None:
    """The participle of "were (reportedly) killed", "are being held", "were reported killed"."""
    i = _skip_adverbs(found, i)
    if i < len(found) and found[i] == "being":
        i += 1
    if i + 1 < len(found) and (found[i] in words("speech_verbs") or found[i] in _HEARSAY) and _verbal(found[i + 1]):
        i += 1  # "were reported killed", "were believed kidnapped": what is reported
    return _verb(found[i], base_ok=False) if i < len(found) else None


def _subject_of(after: str, *, clause_start: bool = False) -> str | None:
    """The verb whose subject the figure's phrase is; past an apposition only when the phrase starts its
    clause ("More than 100 members, 40 percent of the caucus, opposed ...")."""
    apposition = _APPOSITION.match(after) if clause_start else None
    if (
        apposition
        and not any(_verbal(w) or (w.endswith("ing") and w != "including") for w in _tokens(apposition.group("np")))
        and _starts_clause(" " + apposition.group("rest"))
    ):
        return _verb_group(_tokens(apposition.group("rest")[:60]), 0)  # "100 members, 40 percent of them, opposed"
    if not re.match(r"\s+[A-Za-z]", after):
        return _relative(after)
    head = re.split(_PHRASE_END_OR_DASH, after[:80], maxsplit=1)[0]
    found = _tokens(head)
    if not found:
        return _relative(after)
    if found[0] in _RELATIVE:
        return _verb_group(found, 1)
    if found[0] in _REPORTING and len(found) > 1:
        return _reported(found)
    direct = _verb_group(found, 0)
    if direct:
        return direct
    if found[0] in _PREPOSITIONS:
        # Past a prepositional phrase only an auxiliary starts the verb group: a bare past form there is as
        # often a participle of the phrase ("70% of the money raised").
        for i in range(2, min(len(found), 7)):
            word = found[i]
            if word in _REPORTING:
                return _reported(found[i:])
            if word == "to" or word in _SUBJECT_PRONOUNS or word == "it":
                return None  # an infinitive or another clause's subject: not the figure's verb
            if word in _AUX_PASSIVE or word in _AUX_PERFECT:
                return _verb_group(found, i)
            if _verbal(word) or word in _MODALS:
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
    return _verb_group(_tokens(of_which.group("rest")[:60]), 0) if of_which else None


def _nominal(before: str) -> str | None:
    """The event of a figure after "of": the event its noun names ("the arrests of 12 protesters"), else the
    verb whose object that noun is, with its determiner ("wash the feet of 12 inmates", "killed a total of 40
    people"; not "alleged embezzlement of", where the word before the noun is no verb of it)."""
    head = re.split(_PHRASE_END, before[-80:])[-1]
    found = _tokens(head)
    if len(found) < 2 or found[-1] != "of" or not head.strip():
        return None
    named = groups("event_nouns").get(found[-2])
    if named:
        return named
    if len(found) < 4 or found[-3] not in _SKIP_BEFORE or found[-3] == "by":
        return None
    return _verb(found[-4], base_ok=_cued(found, len(found) - 4))


def _coordinated(before: str, unit: str) -> str | None:
    """The verb whose object the figure is coordinated with: "dispatched the helicopter ... and two boats".

    "and" / "or" join two objects only with no comma before them (a comma and "and" join clauses in news
    style: "..., and 4.8 times more likely"), and not after a number ("two or three networks" is a range,
    read by the numbers themselves); "including" lists members of a counted set, not prices. The verb is
    looked for within 12 words, past one preposition at most, and not inside a gerund's phrase.
    """
    stripped = before.rstrip()
    head = re.split(_CLAUSE_END, stripped[-140:])[-1]
    found = _tokens(head)
    if not found or found[-1] not in _COORDINATORS:
        return None
    if found[-1] in {"and", "or", "plus"}:
        if re.search(r",\s*\w+$", head) or len(found) < 2 or found[-2] == "#" or found[-2] in words("number_words"):
            return None
    elif unit in _AMOUNT_UNITS:
        return None
    prepositions = 0
    for i in range(len(found) - 2, max(-1, len(found) - 14), -1):
        word = found[i]
        if word in _CLAUSE_WORDS or word in _REPORTING or word.endswith("ing"):
            return None
        if word in _ADJUNCT_PREPOSITIONS and prepositions == 0 and i < len(found) - 2:
            prepositions += 1  # "dispatched the helicopter from the air station and two boats"
            continue
        if word in _ALL_PREPOSITIONS:
            if word in _VERB_PREPOSITIONS and i > 0 and _verbal(found[i - 1]) and found[i - 2 : i - 1] != ["#"]:
                return _verb(found[i - 1], base_ok=False)  # "listened to the chancellor and 34 leaders"
            return None  # "despite the scandals and four trials": the object of a preposition
        if i > 0 and found[i - 1] == "#":
            continue  # a number's noun ("13 assists and 11 rebounds"), whatever else the word can be
        if _verbal(word) or (_cued(found, i) and _lemmas(word).get("VERB")):
            if i == len(found) - 2:
                return None  # "53 percent opposed and 47 percent": two clauses, not two objects
            if i > 0 and found[i - 1] in _AUX_PASSIVE:
                return None  # "was founded in the city and ...": a passive has no object to share
            return _verb(word, base_ok=_cued(found, i))
    return None


def _name_before(before: str) -> bool:
    """Whether a capitalised word that starts no sentence stands right before the figure ("earned Newman 16")."""
    return re.search(r"[a-z,]\s+[A-Z][a-z]+\s*$", before) is not None


def _verbal(word: str) -> bool:
    """A finite or participle form that is no noun: "dispatched", "flew" (not "taxes", "boats")."""
    lemmas = _lemmas(word)
    verb = lemmas.get("VERB")
    return verb is not None and "NOUN" not in lemmas and word not in verb and not word.endswith("ing")


def _past(word: str) -> bool:
    """A past tense form: "flew", "died" (not a present "say", a plural noun "stops", a gerund "stemming")."""
    lemmas = _lemmas(word)
    return (
        bool(lemmas.get("VERB"))
        and "NOUN" not in lemmas
        and "AUX" not in lemmas
        and word.lower() not in lemmas["VERB"]
        and not word.lower().endswith("ing")
    )
