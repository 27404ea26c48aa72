"""Definite descriptions that stand for a named person: "the lawyer said", "the 67-year-old added".

A description whose head is a role (``lexicon/person_nouns.txt``, ``lexicon/titles.txt``) or an age,
after "the" and up to two lower-case words, is taken as anaphoric: it refers to someone the text has
named. Resolution follows the head-matching heuristics for definite descriptions of Vieira & Poesio
(2000, "An empirically based system for processing definite descriptions", Computational Linguistics
26(4)): the antecedent is a mention whose role has the description's head. :func:`role_names` finds
whom a document gives a role, by the three shapes news writes it in; :mod:`storyline.extract.speakers`
resolves the description with them, precision first.
"""

from __future__ import annotations

import bisect
import functools
import re

from storyline.extract.affiliations import affiliation_nouns
from storyline.extract.people import PRONOUNS, Mention, People, is_person_like
from storyline.extract.speaker_phrase import main_subject
from storyline.lexicon import words
from storyline.model import Document

__all__ = [
    "ANAPHORIC",
    "is_message",
    "is_role_description",
    "message_issuer",
    "name_given",
    "names_an_office",
    "role_noun",
    "role_names",
    "runs_holding",
]

# A definite description in lower case after "the" ("the statement", "the former governor", "The lawyer"
# opening a sentence): the shape a message's description has (:func:`is_message`).
ANAPHORIC = re.compile(r"[Tt]he\s+(?:[a-z][\w-]*\s+){0,2}(?P<noun>[a-z0-9][\w-]*)")


# A role description ("the lawyer", "the 67-year-old") may also qualify its head with capitalised words
# ("the White House spokesman", "the Spirit owner"), coordinate a second role ("the bus driver and mother
# of four"), or have for its head a member of a party or a nation, which English writes with a capital
# ("the Ohio Democrat", "the German"): each is as anaphoric as "the lawyer".
_ROLE_DESCRIPTION = re.compile(
    r"[Tt]he\s+(?:[A-Za-z][\w.-]*\s+){0,3}?(?P<noun>[\w-]+)"
    r"(?:\s+and\s+(?:[a-z][\w-]*\s+){0,2}?(?P<second>[a-z][\w-]*)(?:\s+of\s+[\w-]+)?)?"
)


def role_noun(description: str) -> str:
    """The role the description gives ("the lawyer" -> "lawyer", "the Ohio Democrat" -> "democrat", "the
    67-year-old"), lower case; "" when its head is no person's role."""
    m = _ROLE_DESCRIPTION.fullmatch(description)
    for noun in (m.group("noun"), m.group("second")) if m else ():
        if noun is None:
            continue
        if noun.islower() and (noun in words("person_nouns") or noun in words("titles")):
            return noun
        if noun.islower() and re.fullmatch(r"\d+-year-old", noun):
            return noun
        if noun[:1].isupper() and noun[1:].islower() and noun.lower() in affiliation_nouns():
            return noun.lower()
    return ""


def names_an_office(description: str) -> bool:
    """Whether a capitalised word qualifies the description's lower-case role ("the German chancellor", "the
    NBC spokesperson"): the office of a body or a country, which may name its holder by itself, so when no
    antecedent is found it stays the speaker as written (an epithet, "the Ohio Democrat", does not)."""
    noun = role_noun(description)
    words_before = description.split()[1:-1] if noun and noun in description.split() else []
    return any(w[:1].isupper() for w in words_before)


def is_role_description(description: str) -> bool:
    """Whether the description's head is a person's role or an age ("the 67-year-old")."""
    return bool(role_noun(description))


# A name: capitalised words, initials with their dot ("Lou B. Olivera"), never past a sentence's full stop.
_NAME = r"(?P<name>(?:(?:[A-Z]\.|[A-Z][\w\u2019'-]*)\s+){0,3}[A-Z][\w\u2019'-]*[a-z])"


def role_names(text: str, noun: str) -> set[str]:
    """The last words of the names ``text`` gives the role ``noun``: before the name ("Judge Lou Olivera",
    "defense attorney Ann Lee"), or in apposition ("Ann Lee, the city's attorney," / "the attorney, Ann Lee")."""
    if not noun or not noun.isalpha():
        return set()
    role = rf"(?i:{re.escape(noun)})"
    shapes = [
        re.compile(shape)
        for shape in (
            rf"(?<![\w-]){role}\s+{_NAME}",
            rf"{_NAME},\s+(?:an?|the|his|her|its|their)\s+(?:[\w\u2019'-]+\s+){{0,4}}{role}(?![\w-])",
            rf"(?:an?|the)\s+(?:[\w\u2019'-]+\s+){{0,3}}{role},?\s+{_NAME}",
        )
    ]
    names = set()
    for part in runs_holding(text, re.compile(role)):
        for shape in shapes:
            for m in shape.finditer(part):
                last = m.group("name").split()[-1]
                if is_person_like(m.group("name")) and last.lower() not in words("titles"):
                    names.add(re.sub(r"[\u2019']s$", "", last))
    return names


# The characters a role's shapes (and speakers' roles before a name) can match: words, spaces, apostrophes,
# hyphens, full stops and commas. No match crosses any other character (a quotation mark, a bracket, a
# colon), so a shape finds, in the runs of text between them that hold the role, what it finds in the text.
_RUN = re.compile(r"[\w\s\u2019'.,-]+")


@functools.lru_cache(maxsize=2)
def _runs(text: str) -> tuple[list[int], list[int]]:
    """Where each run of :data:`_RUN` in ``text`` starts and ends."""
    runs = [m.span() for m in _RUN.finditer(text)]
    return [start for start, _ in runs], [end for _, end in runs]


def runs_holding(text: str, word: re.Pattern[str]) -> list[str]:
    """The runs of :data:`_RUN` in ``text`` that hold a match of ``word``, in order (the whole text when a
    match crosses a run's end): a long document is searched for the word, and only those runs by the
    shapes (each shape tried at every capital of the text cost ~0.1 s a MB a role)."""
    starts, ends = _runs(text)
    parts: list[int] = []
    for m in word.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or m.end() > ends[i]:
            return [text]
        if not parts or parts[-1] != i:
            parts.append(i)
    return [text[starts[i] : ends[i]] for i in parts]


# A name given after a description: "a group called Citizens for Fair Rents", "a company named Acme Tools",
# "a man who identified himself as Ray D.", "a woman who gave her name as Ann".
_CALLED = re.compile(
    r",?\s+(?:called|named|(?:who\s+)?identified\s+(?:himself|herself)\s+(?:only\s+)?as|"
    r"who\s+gave\s+(?:his|her)\s+name\s+as)\s+(?P<name>[A-Z][\w\u2019'.-]*(?:\s+(?:(?:of|for|and|the)\s+)?[A-Z][\w\u2019'.-]*)*)"
)


def name_given(text: str, m: Mention) -> Mention:
    """The name a description is given right after it ("a group called Citizens for Fair Rents" -> the name):
    who "it" or "they" stands for is the body named, not its kind, and "said a man who identified himself
    as Ray D." is Ray D.'s words."""
    after = _CALLED.match(text, m.end) if re.match(r"(?:[Aa]n?|[Tt]he)\s+[a-z]", m.text) else None
    if after is None:
        return m
    name = after.group("name")
    if name.endswith(".") and not re.search(r"(?<![\w.])[A-Z]\.$", name):
        name = name[:-1]  # "… as Ruben." ends the sentence; "as Dana K." keeps its initial
    return Mention(m.at, name, after.start("name"), after.start("name") + len(name))


# A message as the speaker: "“…,” the statement said", "the email read". News gives such words to who issued
# the message ("Police said in a news release …. “…,” the statement said" are the police's words), so the
# message is resolved to its issuer, or, when the text leaves the issuer open, not given as the speaker.
def is_message(description: str) -> bool:
    """Whether the description's head is a message noun (``lexicon/message_nouns.txt``)."""
    m = ANAPHORIC.fullmatch(description)
    return m is not None and m.group("noun") in words("message_nouns")


def message_issuer(doc: Document, people: People, window: list[int], limit: int) -> Mention | None:
    """Who issued the message a quotation's cue names: the subject opening the last sentence of ``window``
    (before ``limit``) that speaks of a message ("The city council issued a statement saying …", "Police
    said in a news release …"), or the one named with it ("a statement from the city council"), when it is
    a name or a description that can speak; None otherwise. A sentence whose subject is the message itself
    ("The statement added that …") looks one sentence further back."""
    order = list(reversed(window))
    while order:
        s = doc.sentences[order.pop(0)]
        head = doc.article.text[s.start : min(s.end, limit)]
        if not any(_of_a_message(w) for w in re.findall(r"[a-z][\w-]*", head.lower())):
            continue
        sent_by = [m for m in _SENT_BY.finditer(head) if m.group("noun").lower() in words("message_nouns")]
        if sent_by:  # "… according to a statement from the Seventh Fleet."
            name = sent_by[-1].group("name").rstrip(".")
            start = s.start + sent_by[-1].start("name")
            return Mention(start, name, start, start + len(name))
        found = main_subject(head)
        opening = re.match(r"[Tt]he((?:\s+[a-z][\w-]*){1,3})", head)
        if opening is not None and words("message_nouns") & set(opening.group(1).split()):
            order = order or ([s.index - 1] if s.index > 0 else [])
            continue
        if found is None or found[0].lower() in PRONOUNS or not people.can_speak(found[0]):
            return None
        start = s.start + found[1]
        return Mention(start, found[0], start, start + len(found[0]))
    return None


def _of_a_message(word: str) -> bool:
    """A message noun, or the verb made of one ("emailed", "tweeted", "posted": "X emailed the order to Y")."""
    nouns = words("message_nouns")
    return word in nouns or (word.endswith("ed") and (word[:-2] in nouns or word[:-1] in nouns))


# "a statement from the Seventh Fleet", "a letter by Ann Lee": the issuer named with its message.
_SENT_BY = re.compile(
    r"\b(?P<noun>[a-z][\w-]*)\s+(?:from|by|issued\s+by|released\s+by)\s+"
    r"(?P<name>(?:the\s+)?[A-Z0-9][\w.\u2019'-]*(?:\s+(?:of\s+)?[A-Z0-9][\w.\u2019'-]*)*)"
)
