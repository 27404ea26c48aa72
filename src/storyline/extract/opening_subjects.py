"""The person a sentence opens with as its subject, whatever its verb: an antecedent for a pronoun after it.

"A year later, Ann Lee quit the band. “…,” she said": the sentence before the pronoun is about Ann Lee,
though no speech verb makes her a speaker there. :func:`opening_person` reads the subject opening the
sentence (:func:`storyline.extract.speaker_phrase.main_subject`: past one short opening phrase, with a
short apposition) and keeps it only when it is a person's name of the people layer, not a description,
a number word or a sentence word a scraped page capitalised ("Bullying is …", "Twenty-four hours
later"). :mod:`storyline.extract.speakers` decides whether the pronoun may take it (one agreeing person
in the window, a speaker candidate or a gender the text tells).
"""

from __future__ import annotations

import functools
import re

from storyline.extract.people import PRONOUNS, Mention, People, is_description, title_word
from storyline.extract.speaker_phrase import main_subject
from storyline.lexicon import words
from storyline.lexicon.calendar import MONTH_PATTERN, WEEKDAY_PATTERN
from storyline.model import Document, Sentence

__all__ = ["a_name", "opening_person"]

_CALENDAR = re.compile(f"{MONTH_PATTERN}|{WEEKDAY_PATTERN}")


def opening_person(doc: Document, people: People, s: Sentence) -> Mention | None:
    """The person's name opening sentence ``s`` as its subject ("A year later, Ann Lee quit the band",
    "Ann Lee had opened the stand", "Ann Lee, a former official who …, doubted it"), or None."""
    found = main_subject(s.text)
    if found is None or found[0].lower() in PRONOUNS:
        return None
    start = s.start + found[1]
    text = doc.article.text
    persons = people.persons(s)
    # "Ann Lee, a former official who …, said": the name opening the sentence, not the description after it.
    lead = next((m for m in persons if m.start < start and not text[s.start : m.start].strip(' \t"\u201c(')), None)
    if lead is not None and re.fullmatch(r",\s*", text[lead.end : start]):
        return lead
    person = next((m for m in persons if m.start == start), None)
    return person if person is not None and a_name(text, person.text) else None


def a_name(text: str, phrase: str) -> bool:
    """Whether ``phrase`` is a person's name, not a description, a number or a word that opens a sentence
    ("Bullying is …", "Twenty-four hours later"): one word only as the surname of a fuller name ``text``
    writes ("Balin" after "Marty Balin")."""
    parts = phrase.split()
    if is_description(phrase) or any(p.lower() in words("number_words") for p in re.split(r"[\s-]+", phrase)):
        return False
    if len(parts) > 1:
        return True
    stop = words("name_run_openers") | words("english_stop_words")
    # A first name or an initial right before it, not a sentence's last word ("… on Friday. Bullying is").
    for first in _words_before(text, parts[0]):
        if first.lower() not in stop and not title_word(first.lower()) and not _CALENDAR.fullmatch(first):
            return True
    return False


# A capitalised word or an initial, and the space after it: what may come right before a surname.
_BEFORE = re.compile(r"\b([A-Z][a-z]+|[A-Z]\.)\s+")
_WORD = re.compile(r"\w+")
_BOUNDARY = re.compile(r"\b")


@functools.lru_cache(maxsize=2)
def _capitalised_before(text: str) -> dict[str, list[tuple[int, int, str]]]:
    """Each word of ``text`` that follows a capitalised word or an initial: where that word starts, where
    the word after it starts, and that word.

    Read once a document: :func:`a_name` asks it of every one-word candidate, and scanning the whole
    text for each made a long document's cost grow with its length times its names."""
    index: dict[str, list[tuple[int, int, str]]] = {}
    for m in _BEFORE.finditer(text):
        if word := _WORD.match(text, m.end()):
            index.setdefault(word.group(), []).append((m.start(), m.end(), m.group(1)))
    return index


def _words_before(text: str, word: str) -> list[str]:
    r"""The capitalised words or initials right before ``word`` in ``text``, as
    ``re.finditer(rf"\b([A-Z][a-z]+|[A-Z]\.)\s+{re.escape(word)}\b", text)`` finds them (matches never
    overlap), from the document's index."""
    key = _WORD.match(word)
    if key is None:  # a word not opening with a letter or digit: no index entry starts with it
        pattern = rf"\b([A-Z][a-z]+|[A-Z]\.)\s+{re.escape(word)}\b"
        return [m.group(1) for m in re.finditer(pattern, text)]
    found, taken_to = [], -1
    for start, at, first in _capitalised_before(text).get(key.group(), ()):
        end = at + len(word)
        if start >= taken_to and text.startswith(word, at) and _BOUNDARY.match(text, end):
            found.append(first)
            taken_to = end
    return found
