"""The people layer: who each sentence names as a speaker or a clause's subject, and what a document tells of gender.

Computed once per sentence (on first use) and kept for the document: the quotation speakers,
the pronoun resolution and the entities' titles all read one layer, so no sentence is split
into words again for each mention. Every entry has its exact span in the document text.

* **speech subjects**: the subject of each speech verb (``lexicon/speech_verbs.txt``) whose
  clause holds no quotation mark before the verb ("Tom Hale, a union official, said the deal
  ..." → "Tom Hale");
* **named subjects**: a capitalised name opening a clause before a lowercase word ("Chandor
  asked", ", Isaac stopped"); a one-word name only when the document also writes it as the end
  of a longer name;
* **gender**, per document: a title or common first name (``lexicon/female_words.txt``,
  ``male_words.txt``) in a name or in any fuller mention of its last word, else the pronoun the
  report uses right after the name's speech verb ("Abney said Wednesday that she ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.extract.affiliations import is_members
from storyline.extract.attribution import SPEECH_VERB, WINDOW, locate, subject_before
from storyline.extract.gazetteer import ORG_HEADS, cities, gazetteer, name_key
from storyline.extract.speaker_phrase import subject_after_verb
from storyline.lexicon import words
from storyline.model import Document, Sentence
from storyline.text.normalize import COMBINING

__all__ = [
    "PRONOUNS",
    "Mention",
    "People",
    "bare_word",
    "is_description",
    "is_person_like",
    "is_plural",
    "title_word",
]

# Pronouns a speech verb's subject may be, and the kind of antecedent each needs: a man, a woman, a group.
PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "i": "p", "it": "p"}

# A capitalised name opening a clause, followed by a lowercase (verb-like) word: "Chandor asked", ", Isaac stopped".
_NAME_SUBJECT = re.compile(
    r"(?:^|(?<=,\s))(?P<name>(?:[A-Z][\w.\u2019'-]*\s+){0,5}[A-Z][\w\u2019'-]*[a-z])\s+"
    r"(?!(?:of|and|or|in|on|at|for|to|the|an?|with|from|by|who|which|is|are|was|were|has|have|had)\b)[a-z]+\b"
)

_TOKEN = re.compile(r"\S+")
# Combining marks inside words: NFD text ("Go\u0308del") keeps its accents in every span.
_WORD_RUN = re.compile(rf"[\w{COMBINING}\u2019'-]+")
_FIRST_NAME = re.compile(rf"[A-Z][a-z{COMBINING}]+\.?")
_INITIAL = re.compile(r"[A-Z]\.")
_CAPITALISED = re.compile(rf"[A-Z][\w{COMBINING}.]*")
# A capitalised run of words, with the particles names carry inside them.
_NAME_WORD = rf"[A-Z][\w{COMBINING}\u2019'.-]*"
# A particle is a word of its own ("Ludwig van Rooten"), never the start of the next one ("Khan led", "Lee also").
_PARTICLE = r"(?:de|van|von|al|bin|da|del|la|le)(?![\w\u2019'-])"
_NAME_RUN = re.compile(rf"(?<![\w\u2019'-]){_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE}))*")
_QUOTED_PASSAGE = re.compile(r"\u201c[^\u201d]*(?:\u201d|$)|\"[^\"]*(?:\"|$)")
_GENDERED = re.compile(r"\b(?:he|she|his|her|him|hers|himself|herself)\b", re.I)
_SAID_PRONOUN = re.compile(rf"\b(?:{SPEECH_VERB.pattern})\s+(?:\w+\s+)?(?:that\s+)?(he|she)\b")


@dataclass(frozen=True)
class Mention:
    """A person-like phrase of one sentence: where it counts from (``at``), its text and exact span."""

    at: int
    text: str
    start: int
    end: int


# Words that end a description's modifiers: what follows them is another phrase.
_FUNCTION_WORDS = r"(?:of|for|to|in|on|at|with|by|from|about|and|or|but|that|who|which|as|than)"


@cache
def _description() -> re.Pattern[str]:
    """A determiner, up to three words, and a person noun not used as a possessive ("the city's mayor"); the
    words between are modifiers, never a preposition or a conjunction ("an opening for teachers" is no person)."""
    nouns = "|".join(sorted((re.escape(w) for w in words("person_nouns") | words("titles")), key=len, reverse=True))
    return re.compile(
        rf"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:(?!{_FUNCTION_WORDS}\b)[\w\u2019'-]+\s+){{0,3}}?"
        rf"(?:{nouns})(?:s|es)?\b"
        r"(?![\u2019']s\b)"
    )


def _outside_marks(text: str, pos: int) -> bool:
    """Whether ``pos`` lies outside every quoted passage of ``text`` (the marks before it are paired)."""
    head = text[:pos]
    return head.count("\u201c") == head.count("\u201d") and head.count('"') % 2 == 0


def title_word(word: str) -> bool:
    bare = word.lower().rstrip(".,")
    return bare in words("titles") or bare in words("title_words")


def _place(name: str) -> bool:
    """A place's name: a known city, or a run ending in a place word ("Indian Ocean", "Trade Center")."""
    return name.split()[-1].lower() in words("place_words") or name_key(name) in cities()


def _calendar_word(word: str) -> bool:
    bare = word.lower().rstrip(".,")
    return bare in words("weekdays") or bare in words("months")


def _head(phrase: str) -> list[str]:
    return re.split(r"\s+(?:of|from|at|for|with|in)\s+", phrase)[0].split()


_POSSESSIVE_END = re.compile(r"[\u2019']s?$")


def bare_word(word: str) -> str:
    """A word without the commas around it and its possessive ending ("Ross's" -> "Ross", "Service," ->
    "Service"); only the ending is cut, never letters of the word itself."""
    return _POSSESSIVE_END.sub("", word.strip(","))


def _not_a_person_word(word: str) -> bool:
    bare = bare_word(word.lower())
    return bare in words("group_words") or bare in ORG_HEADS or name_key(bare) in gazetteer()


# A closing mark, then at most a comma, right before a subject: the quotation's own cue.
_RIGHT_AFTER_MARK = re.compile(r"[\u201d\"][\s,]*$")


@cache
def _role_after() -> re.Pattern[str]:
    """After a name: up to two lowercase words, one a person noun or title, then a capitalised word."""
    nouns = "|".join(sorted((re.escape(w) for w in words("person_nouns") | words("titles")), key=len, reverse=True))
    return re.compile(rf"\s+(?:[a-z][\w-]*\s+)?(?:{nouns})\s+(?=[A-Z])")


# A word glued to a closing mark before it ("…frightening.”Carolina"): the first word of the next sentence.
_GLUED_AFTER_MARK = re.compile(r"\S[\u201d\"]([A-Z][\w.]*)$")
_AND_NEXT_RUN = re.compile(rf"\s+(?:and|&)\s+(?P<run>{_NAME_WORD}(?:\s+{_NAME_WORD})*)")


def _joined_to_body(text: str, end: int) -> bool:
    """Whether the capitalised run ending at ``end`` is joined by "and" to one that ends in a body's word
    ("Roads and Bridges Service", "Parks and Gardens Board"): the first half of that body's name."""
    m = _AND_NEXT_RUN.match(text, end)
    return m is not None and _not_a_person_word(m.group("run").split()[-1])


def is_person_like(phrase: str) -> bool:
    """A capitalised name that is not a group, an organisation or a place: what "he"/"she" can stand for."""
    head = _head(phrase)
    if not head or is_plural(phrase):
        return False
    titled = [i for i, w in enumerate(head[:-1]) if w.lower().rstrip(".") in words("titles")]
    if titled:
        head = head[titled[-1] + 1 :]  # "House Appropriations Committee Chairman Hal Rogers": the name after the title
    if any(_not_a_person_word(w) for w in head[1:]) or _not_a_person_word(head[-1]):
        return False
    last = head[-1]
    return last[:1].isupper() and any(c.islower() for c in last)


def is_description(phrase: str) -> bool:
    """A determiner and a person noun: "a spokesman", "the victim's mother"."""
    return _description().fullmatch(phrase) is not None


def is_plural(phrase: str) -> bool:
    """A group "they" can stand for: "the Hendersons", "X and Y", "officials", "Analysts at a bank", "Republicans"
    (a party's or a nation's members; "Williams" is a name)."""
    head = _head(phrase)
    if not head or phrase.lower() in PRONOUNS:
        return False
    last = head[-1]
    joined = f" {' '.join(head)} "
    if " and " in joined or not last.endswith("s") or last.endswith(("ss", "'s", "\u2019s")):
        return " and " in joined
    return last.islower() or head[0].lower() == "the" or (len(head) == 1 and (phrase != head[0] or is_members(last)))


class People:
    """The people layer of one document: per-sentence mentions computed on first use, gender evidence once."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.starts = [s.start for s in doc.sentences]
        self._speech: dict[int, tuple[Mention, ...]] = {}
        self._named: dict[int, tuple[Mention, ...]] = {}
        self._persons: dict[int, tuple[Mention, ...]] = {}
        self._pronoun_gender: dict[str, str] = {}
        self._gender_words: dict[str, list[str]] | None = None
        self._said_pronoun: dict[str, str] | None = None
        self._longer_name_ends: set[str] | None = None

    def speech_subjects(self, s: Sentence) -> tuple[Mention, ...]:
        """The subject of every speech verb of the sentence that is a phrase; ``at`` is the verb."""
        if s.index not in self._speech:
            self._speech[s.index] = tuple(self._find_speech_subjects(s))
        return self._speech[s.index]

    def named_subjects(self, s: Sentence) -> tuple[Mention, ...]:
        """Proper names opening a clause before a verb; ``at`` is the name's start."""
        if s.index not in self._named:
            self._named[s.index] = tuple(self._find_named_subjects(s))
        return self._named[s.index]

    def persons(self, s: Sentence) -> tuple[Mention, ...]:
        """Every person the sentence names or describes, outside its quoted passages, in order.

        A name is a capitalised run that is person-like (not a place, body or group); one word only
        when the document writes it after another capitalised word too (a surname). A description
        is a determiner and a person noun ("a spokesman", "the victim's mother").
        """
        if s.index not in self._persons:
            self._persons[s.index] = tuple(self._find_persons(s))
        return self._persons[s.index]

    def can_speak(self, phrase: str) -> bool:
        """Whether a sentence's opening subject can be the speaker of a quotation after its colon or speech
        participle: a description ("the president"), or a name (a person's or a body's) whose first word is
        no sentence word ("From", "Per") and that is not a title alone; one word only as a surname the
        document writes after another capitalised word."""
        if is_description(phrase):
            return True
        if phrase.isupper():
            phrase = phrase.title()  # a transcript's label, "CHECKETT", is the name "Checkett"
        parts = phrase.split()
        lead = parts[0].lower()
        if lead in words("english_stop_words") and not (lead == "the" and len(parts) > 2):
            return False
        if all(title_word(w) for w in parts) or _calendar_word(parts[0]):
            return False
        return len(parts) > 1 or phrase in self._name_ends()

    def gender(self, name: str) -> str | None:
        """ "f", "m" or None: a title or first name in the name, else in a fuller mention of its last word,
        else the pronoun the report uses right after the name's speech verb."""
        if self._gender_words is None:
            self._gender_words, self._said_pronoun = self._gender_evidence()
        female, male = words("female_words"), words("male_words")
        parts = name.split()
        last = re.sub(r"['\u2019]s?$", "", parts[-1]) if parts else ""  # "Lee's" is Lee
        for w in [w.lower().strip(",") for w in parts] + self._gender_words.get(last, []):
            if w in female or w in male:
                return "f" if w in female else "m"
        assert self._said_pronoun is not None
        return self._said_pronoun.get(last) or self._pronoun_gender.get(last)

    def learn_gender(self, name: str, kind: str) -> None:
        """Note the gender ("m", "f") a pronoun resolved to ``name`` tells, when the text told none."""
        parts = name.split()
        if kind in {"m", "f"} and parts and self.gender(name) is None:
            self._pronoun_gender[re.sub(r"['\u2019]s?$", "", parts[-1])] = kind

    # --- computing the layer --------------------------------------------------------------------

    def _find_speech_subjects(self, s: Sentence) -> list[Mention]:
        marks = [i for i in (s.text.find("\u201d"), s.text.find('"')) if i != -1]
        first_mark = min(marks) if marks else len(s.text)
        opens = [i for i in (s.text.find("\u201c"), s.text.find('"')) if i != -1]
        first_open = min(opens) if opens else len(s.text)
        out = []
        for m in SPEECH_VERB.finditer(s.text):
            # Only the clause before the verb; past a quotation mark, only outside the marks and with a subject
            # written before them ("X, author of the book “…,” says"): "“…,” he said" is the quotation's own.
            past = m.start() > first_mark
            if past and not _outside_marks(s.text, m.start()):
                continue
            if m.group(0) == "according to":
                continue
            lo = max(0, m.start() - WINDOW)
            subject = subject_before(s.text[lo : m.start()])
            span = locate(s.text, lo, m.start(), subject, last=True) if subject else None
            inverted = s.text[lo : m.start()].rstrip().endswith(",") and m.group(0) not in {"told", "tells"}
            if inverted and (subject is None or subject[:1].islower()):
                # "… on several levels, says Ann Lee, a specialist.": the inverted subject after the verb.
                hi = min(len(s.text), m.end() + WINDOW)
                subject = subject_after_verb(s.text[m.end() : hi])
                span = locate(s.text, m.end(), hi, subject) if subject else None
            # Past the marks, a subject right after a closing mark is that quotation's own cue ("“…,” he said"),
            # read with the quotation; one further on is a speaker of the sentence ("… “illegally” by the
            # office, the family's attorney Ann Lee said").
            own_cue = (
                past and span is not None and span[1] > first_open and _RIGHT_AFTER_MARK.search(s.text, 0, span[0])
            )
            if subject and span and not own_cue:
                out.append(Mention(s.start + m.start(), subject, s.start + span[0], s.start + span[1]))
        return out

    def _find_named_subjects(self, s: Sentence) -> list[Mention]:
        out = []
        for m in _NAME_SUBJECT.finditer(s.text):
            name = m.group("name")
            parts = name.split()
            if parts[0].lower() in words("name_run_openers") or not is_person_like(name):
                continue
            if re.search(r"['\u2019]s?$", name):
                continue  # "Lee's team rejected": a possessive qualifies the subject, it is not the subject
            if _role_after().match(s.text, m.end("name")):
                continue  # "the Lee family attorney Ray Dunn": the name qualifies a role before another name
            if len(parts) == 1 and name not in self._name_ends():
                continue
            start = s.start + m.start("name")
            out.append(Mention(start, name, start, start + len(name)))
        return out

    def _find_persons(self, s: Sentence) -> list[Mention]:
        masked = _QUOTED_PASSAGE.sub(lambda m: " " * len(m.group()), s.text)
        found: list[Mention] = []
        for m in _NAME_RUN.finditer(masked):
            start, text = m.start(), m.group()
            parts = text.split()
            # Leading sentence words and calendar words are not part of a name ("But", "On Wednesday").
            while parts and (parts[0].lower() in words("name_run_openers") or _calendar_word(parts[0])):
                start = masked.index(parts[1], start + len(parts[0])) if len(parts) > 1 else start
                parts = parts[1:]
            if not parts:
                continue
            if re.fullmatch(r"[A-Z][a-z]{2,}\.", parts[-1]):
                parts[-1] = parts[-1][:-1]  # "the Indian Ocean.": the sentence's full stop, not an initial
            text = " ".join(parts)
            if masked[start : start + len(text)] != text:
                continue  # spaced irregularly: no exact span to point at
            if not is_person_like(text) or all(title_word(w) for w in parts):
                continue
            if _place(text) and not (len(parts) == 1 and self._first_named(text)):
                continue  # a place, unless a surname the document gives a first name ("Scott Walker" / "Walker")
            if _joined_to_body(masked, start + len(text)):
                continue  # "the Roads and Bridges Service": one body's name, cut at its "and"
            if len(parts) == 1 and text not in self._name_ends():
                continue
            found.append(Mention(s.start + start, text, s.start + start, s.start + start + len(text)))
        for m in _description().finditer(masked):
            found.append(Mention(s.start + m.start(), m.group(), s.start + m.start(), s.start + m.end()))
        found.sort(key=lambda m: m.start)
        self._note_pronoun_gender(masked, s.start, found)
        return found

    def _note_pronoun_gender(self, masked: str, offset: int, found: list[Mention]) -> None:
        """A person's gender from the first gendered pronoun after them in the sentence, no other person between."""
        for k, person in enumerate(found):
            stop = found[k + 1].start - offset if k + 1 < len(found) else len(masked)
            m = _GENDERED.search(masked, person.end - offset, stop)
            if m and person.text.split():
                last = person.text.split()[-1]
                female = m.group().lower() in {"she", "her", "hers", "herself"}
                self._pronoun_gender.setdefault(last, "f" if female else "m")

    def _first_named(self, word: str) -> bool:
        """Whether the document writes ``word`` after a common first name: a surname, though a place's too."""
        if self._gender_words is None:
            self._gender_words, self._said_pronoun = self._gender_evidence()
        first_names = words("female_words") | words("male_words")
        return any(w in first_names and not title_word(w) for w in self._gender_words.get(word, []))

    def _name_ends(self) -> set[str]:
        """Words written right after a capitalised word somewhere in the document ("Chandor" in "J.C. Chandor")."""
        if self._longer_name_ends is None:
            ends: set[str] = set()
            previous = ""
            for m in _TOKEN.finditer(self.doc.article.text):
                token = m.group()
                if _CAPITALISED.fullmatch(previous):
                    run = _WORD_RUN.match(token)
                    if run:
                        ends.add(run.group())
                        ends.add(re.sub(r"['\u2019]s$", "", run.group()))
                        word = re.match(r"\w+", token)
                        if word:
                            ends.add(word.group())
                # "…it was hard.”Ann Lee": a sentence glued to the marks still has its name's first word.
                glued = _GLUED_AFTER_MARK.search(token)
                previous = glued.group(1) if glued else token
            self._longer_name_ends = ends
        return self._longer_name_ends

    def _gender_evidence(self) -> tuple[dict[str, list[str]], dict[str, str]]:
        """(last word -> the words before it in fuller mentions, in order; name word -> the pronoun after its verb)."""
        text = self.doc.article.text
        before: dict[str, list[str]] = {}
        tokens = [m.group() for m in _TOKEN.finditer(text)]
        for i in range(1, len(tokens)):
            run = _WORD_RUN.match(tokens[i])
            if run is None:
                continue
            if _FIRST_NAME.fullmatch(tokens[i - 1]):
                before.setdefault(run.group(), []).append(tokens[i - 1].lower())
            elif i >= 2 and _INITIAL.fullmatch(tokens[i - 1]) and _FIRST_NAME.fullmatch(tokens[i - 2]):
                before.setdefault(run.group(), []).append(tokens[i - 2].lower())
        said: dict[str, str] = {}
        for m in _SAID_PRONOUN.finditer(text):
            lead = text[max(0, m.start() - 40) : m.start()]
            cut = max(lead.rfind("."), lead.rfind("\u201c"), lead.rfind('"'))
            for w in _WORD_RUN.finditer(lead, cut + 1):
                # the name's last word ends at most 20 characters before the verb
                if len(lead) - w.end() <= 21:
                    said.setdefault(w.group(), "f" if m.group(1) == "she" else "m")
        return before, said
