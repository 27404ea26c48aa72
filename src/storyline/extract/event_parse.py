"""What happened to what a figure counts, read from a dependency parse: the verb that governs its phrase.

The facts gold's definition (bench/facts_gold_news/README.md): a figure's ``event`` is the lower-case
verb lemma of what happened to the counted thing, none when nothing happens to it. Read off the
parse of spaCy's small English pipeline (``en_core_web_sm``, the ``full`` extra, loaded once:
:mod:`storyline.extract.nlp`; Honnibal & Johnson 2015, "An Improved Non-monotonic Transition System
for Dependency Parsing") by the grammatical relation of the figure's phrase, not by words fitted to
articles:

* **object** or **passive subject** of a verb: "killed 12 people", "12 people were killed", "12 were
  killed", "killing 12 people" (a participle clause), "fell 10 percent" (a measure of the change);
* **subject** of a verb: "Twelve aircraft flew"; of a verb of saying, the verb of the clause it
  reports about the figure ("15 percent of seniors say they misuse ..."); of a verb that says nothing
  happened ("had", "were": none), the verb it leads to ("had to sign off");
* a **participle or relative clause** on the phrase: "12 people held since the attack", "four stores
  that were robbed";
* a **result** of a light verb: "left 20 people dead" (dead: killed), "left 12 people injured";
* a **prepositional phrase**: the agent of a passive ("written by 17 people"; of coordinated verbs, the
  first: "hit and killed by two cars"), a change "by" an amount ("declined by 23 percent"), a cap "at"
  an amount of a verb's object ("cap spending at $1 trillion"), an "of" after a noun that names the
  event (``lexicon/event_nouns.txt``: "the arrests of 14 men") or a part of a whole that has one ("a total
  of 40 people", "all 12 of the men");
* a **coordination** or **apposition** shares the event of its first member ("killed 20 students and
  six adults"), as does "including" ("killed 9 people, including three children").

A verb of ``lexicon/light_verbs.txt`` ("has", "includes", "is", "lasted") says nothing happened;
a verb of saying or believing before a participle ("were reported killed") gives the participle.
Counts of an indictment take the verb whose prepositional phrase holds them ("charged with two
counts"), and a verb after "failed to" gives ``fail`` (what failed did not happen): both facts golds
label them so (bench/facts_gold_news/README.md, dev2/README.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from storyline.extract.lemmas import getAllLemmas
from storyline.extract.nlp import lemma_of, spacy_available
from storyline.extract.parses import parse
from storyline.lexicon import words
from storyline.lexicon.groups import groups

__all__ = ["parse_available", "parsed_event", "parsing", "phrase_head", "settled_none"]

# Relations of a figure's phrase to a noun it is part of ("a $336 million jackpot", "$3,000 cash").
_INSIDE_NOUN = frozenset({"nummod", "quantmod", "compound", "nmod", "amod"})
# Relations whose head verb says what happened to the phrase.
_OBJECT = frozenset({"dobj", "nsubjpass", "dative", "npadvmod", "obj"})
# Words that stand for a part of a whole: "a total of 40 people", "all 12 of the men" count the whole.
_PARTS = frozenset(
    {"total", "number", "group", "all", "some", "each", "most", "many", "none", "both", "half", "several", "majority",
     "minority", "handful", "one"}
)  # fmt: skip
# The counts of an indictment: the verb whose prepositional phrase holds them charged them ("charged with").
_CHARGES = frozenset({"count", "counts", "charge", "charges"})
_RELATIVE_PRONOUNS = frozenset({"that", "which", "who", "whom"})
# A light verb's result adjective: "left 20 people dead" says they were killed.
_RESULTS = {"dead": "kill"}
_MAX_DEPTH = 6
# Prefixes English writes before a verb with a hyphen ("co-wrote", "re-elected", "over-spent").
_VERB_PREFIXES = frozenset({"co", "re", "pre", "over", "under", "out", "mis", "un", "de", "dis", "cross", "self"})
# Classes of ``lexicon/event_classes.txt`` that change an amount: "increased ... to 25 beats", "fell from 9%".
_CHANGES = frozenset({"rise", "fall"})
# Whether the brief being built may load spaCy (a brief with rule-based entities loads none).
_ALLOWED: ContextVar[bool] = ContextVar("storyline_event_parse", default=True)


@contextmanager
def parsing(allowed: bool) -> Iterator[None]:
    """Within the block, events are read from the parse only if ``allowed`` (else by word order alone)."""
    token = _ALLOWED.set(allowed)
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def parse_available() -> bool:
    """Whether the parse can be read: allowed here, and spaCy and its small English pipeline installed."""
    return _ALLOWED.get() and spacy_available()


def parsed_event(text: str, start: int, end: int, unit: str) -> str | None:
    """The event of the figure at ``text[start:end]`` (one sentence) that counts ``unit``, or None.

    The parse is kept, or made in a batch with its story's other sentences
    (:func:`storyline.extract.parses.read_batched`).
    """
    head, noun = phrase_head(parse(text), start, end)
    if head is None:
        return None
    if noun is not None:  # "a 38% increase": the noun the figure measures names the event
        named = _event_noun(noun)
        if named:
            return named
    return _governor(head, unit.lower(), 0)


def settled_none(text: str, start: int, end: int) -> bool:
    """Whether the parse shows the figure's phrase inside another noun's phrase, where no verb governs it:
    "experts in 26 states", "relatives of 150 passengers", "two blocks from where", "coins valued at $10
    million": what happens there happens to the other noun, and no reading by word order should take a
    verb after it for the figure's.

    A phrase coordinated with another ("the base and two boats") is left to word order, which reads
    the coordinations the small parser attaches to the wrong word (:mod:`storyline.extract.events`).
    """
    head, noun = phrase_head(parse(text), start, end)
    if head is None or noun is not None:
        return False
    if head.dep_ == "npadvmod":
        return head.head.pos_ not in ("VERB", "AUX")
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.dep_ == "acl":
        return True  # "coins valued at $10 million were found": inside the participle's phrase on a noun
    return head.dep_ == "pobj" and _inside_noun(head.head)


def _inside_noun(preposition: Any) -> bool:
    """Whether a preposition joins its object to a noun that names no event and no part of a whole
    ("including" lists members of a set, which the parse may hang on the wrong noun: "killed 372 people
    in the city, including 45 children")."""
    owner = preposition.head
    return (
        preposition.dep_ == "prep"
        and preposition.lower_ != "including"
        and owner.pos_ in ("NOUN", "PROPN")
        and owner.lower_ not in _PARTS
        and _event_noun(owner) is None
    )


def phrase_head(doc: Any, start: int, end: int) -> tuple[Any, Any]:
    """The token that heads the figure's phrase, or the noun the phrase is part of ("a $336 million jackpot"),
    and that noun (None when the phrase is its own)."""
    inside = [t for t in doc if t.idx >= start and t.idx + len(t) <= end]
    if not inside:
        return None, None
    outer = [t for t in inside if t.head is t or not start <= t.head.idx < end]
    token = noun = outer[-1] if outer else inside[-1]
    while token.dep_ in _INSIDE_NOUN and token.head is not token and token.head.pos_ in ("NOUN", "PROPN"):
        token = token.head
    return token, (token if token is not noun else None)


def _event_noun(token: Any) -> str | None:
    """The event a noun names (``lexicon/event_nouns.txt``: "arrests" is arrest, "increase" increase)."""
    nouns = groups("event_nouns")
    return nouns.get(token.lower_) or nouns.get(lemma_of(token).lower())


def _verb_lemma(token: Any) -> str | None:
    """The lemma of a verb form, also where the tagger read a gerund as a noun ("spent $23 million building").

    lemminflect's dictionary lemma first, as the word-order reading has it ("retook" is retake, which the
    tagger may read as a present), then spaCy's.
    """
    if token.pos_ != "VERB" and not token.tag_.startswith("VB") and not token.lower_.endswith("ing"):
        return None
    word = token.lower_.replace("\u2019", "'")
    if word.startswith("'"):
        return "be"  # "it's", "they're" (or "it's been": have): a verb of being or having, either way
    verb = dict(getAllLemmas(word)).get("VERB")
    lemma = str(verb[0]) if verb else lemma_of(token).lower() if token.pos_ == "VERB" else None
    return _prefixed(token, lemma) if lemma and lemma.replace("-", "").isalpha() else None


def _prefixed(token: Any, lemma: str) -> str:
    """The lemma with the prefix the tokenizer split off by its hyphen: "co-wrote" is co-write,
    "re-released" re-release (English verb prefixes, ``_VERB_PREFIXES``)."""
    if token.i < 2:
        return lemma
    hyphen, prefix = token.doc[token.i - 1], token.doc[token.i - 2]
    if hyphen.text == "-" and not hyphen.whitespace_ and not prefix.whitespace_ and prefix.lower_ in _VERB_PREFIXES:
        return f"{prefix.lower_}-{lemma}"
    return lemma


def _verb_event(verb: Any, *, subject: bool = False) -> str | None:
    """What the verb says happened, past a verb of saying ("were reported killed") or a light verb (whose
    ``subject`` the phrase is: "had to sign off"; not its object, "urged 47 nations to prepare")."""
    lemma = _verb_lemma(verb)
    if lemma is None:
        return None
    if lemma in words("hearsay_verbs") or lemma in words("speech_verbs"):
        participle = next((c for c in verb.children if c.dep_ == "xcomp" and c.tag_ == "VBN"), None)
        if participle is not None:
            return _verb_event(participle)
    if lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children):
        return None  # "95 incidents have taken place": they happened, nothing was done to them
    if lemma not in words("light_verbs"):
        failed = verb.dep_ == "xcomp" and verb.head is not verb and _verb_lemma(verb.head) == "fail"
        return "fail" if failed else lemma  # "failed to attend 4 sessions": they were not attended
    for child in verb.children:
        if subject and child.dep_ == "xcomp" and child.tag_ == "VB":
            return _verb_event(child)  # "had to sign off": what they had to do
        if child.dep_ in ("oprd", "acomp", "ccomp") and child.lower_ in _RESULTS:
            return _RESULTS[child.lower_]  # "left 20 people dead"
        if child.dep_ in ("oprd", "acomp") and child.tag_ == "VBN":
            return _verb_lemma(child)  # "left 12 people injured"
    return None


def _own_clause(token: Any, *, passive_only: bool = False) -> str | None:
    """The verb of a participle or relative clause on the phrase: "12 people held", "stores that were robbed".

    With ``passive_only`` (a phrase inside another noun's: "relatives of 150 passengers clashing with
    police"), only a past participle, which says what was done to it ("results from 43 subjects tested");
    a present participle there is what the phrase does, no event of the figure.
    """
    for child in token.children:
        if child.dep_ == "acl" and child.tag_ in (("VBN",) if passive_only else ("VBN", "VBG")):
            return _verb_event(child)
        if child.dep_ == "relcl" and any(_relative_subject(c) for c in child.children):
            return _verb_event(child)
        if child.dep_ == "prep" and child.lower_ == "of" and (token.pos_ == "NUM" or token.lower_ in _PARTS):
            whole = next((c for c in child.children if c.dep_ == "pobj"), None)
            if whole is not None and whole is not token:  # "eight of the children killed": what the whole had
                return _own_clause(whole)
    return None


def _relative_subject(token: Any) -> bool:
    """A relative clause's subject that is the phrase itself: "that", "which", or a part of it ("all of which")."""
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if token.lower_ in _RELATIVE_PRONOUNS:
        return True
    return token.lower_ in _PARTS and any(
        c.lower_ == "of" and any(o.lower_ in _RELATIVE_PRONOUNS for o in c.children) for c in token.children
    )


def _governor(token: Any, unit: str, depth: int) -> str | None:
    """The event of the phrase headed by ``token``, by its relation to its head (the module docstring)."""
    if depth > _MAX_DEPTH:
        return None
    dep, head = token.dep_, token.head
    if dep in ("conj", "appos") and head is not token:
        return _governor(head, unit, depth + 1) if _verb_lemma(head) is None else None
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        return _prepositional(head, unit, depth) or _own_clause(token, passive_only=_inside_noun(head))
    if dep in _OBJECT and _verb_lemma(head):
        return _verb_event(head) or _own_clause(token)
    if dep == "nsubj" and _verb_lemma(head):
        if _verb_lemma(head) in words("speech_verbs"):
            return _reported(head)
        return _verb_event(head, subject=True) or _own_clause(token)
    return _own_clause(token)


def _prepositional(preposition: Any, unit: str, depth: int) -> str | None:
    """The event of a phrase inside a prepositional phrase (the module docstring's last but one reading)."""
    head, word = preposition.head, preposition.lower_
    if preposition.dep_ == "agent":
        first = head.head if head.dep_ == "conj" else None
        if first is not None and _verb_lemma(first) and not any(c.dep_ == "agent" for c in first.children):
            return _verb_event(first)  # "hit and killed by two cars": coordinated verbs share their agent
        return _verb_event(head)
    if word == "of" and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "DET"):
        named = _event_noun(head)
        if named:
            return named
        if head.lower_ == "one":
            return None  # "one of just four rhinos left died": the one died, not the four
        if head.pos_ == "NUM" or head.lower_ in _PARTS:
            return _governor(head, unit, depth + 1)
        return None
    if word == "including":
        return _verb_event(head) if _verb_lemma(head) else _governor(head, unit, depth + 1)
    lemma = _verb_lemma(head)
    if lemma is None:
        return None
    if unit in _CHARGES:
        return _verb_event(head)  # "was charged with eight counts", "indicted on two counts"
    if word in ("to", "from") and groups("event_classes").get(lemma, lemma) in _CHANGES:
        return _verb_event(head)  # "increased the discrepancy to 25 beats per minute"
    changed = word == "by" or (word == "at" and any(c.dep_ == "dobj" for c in head.children))
    return _verb_event(head) if changed and unit in words("change_units") else None


def _reported(verb: Any) -> str | None:
    """ "15 percent of seniors say they misuse ...": the verb of the reported clause, when a pronoun is its
    subject (the figure's phrase again); any other subject makes it a clause about something else."""
    for clause in verb.children:
        if clause.dep_ != "ccomp":
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ == "PRON":
            return _verb_event(clause)
    return None
