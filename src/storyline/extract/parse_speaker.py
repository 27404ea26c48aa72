"""A second reader of who speaks: the subject of the speech verb in the dependency parse of the cue's sentence.

The attribution rules (:mod:`~storyline.extract.attribution`) read the cue beside a quotation by word
order. This reader reads the same sentence another way, independently: spaCy's parse
(``en_core_web_sm``, loaded once: :mod:`storyline.extract.nlp`; Honnibal & Johnson 2015), with every
quoted passage of the sentence replaced by a short clause (``“It is so,” X said.``) so that the parser
sees the frame around the quotation and not the quotation's own clauses, the offsets mapped back
exactly. Its reading is the subject of the speech verb (``lexicon/speech_verbs.txt``) that governs the
quotation: the verb on the quotation's chain of heads (``ccomp``, ``parataxis``), the verb the quotation
hangs on, else the one nearest the marks; its ``nsubj`` (a passive's ``nsubjpass``: "X was quoted as
saying"); a participle's or a coordinated verb's subject is its head's ("X … and said", "X …, adding");
``according to X`` gives X.

How the two readings combine, precision first (Pareti 2015, PARC 3.0: a cue and its source are read
together; O'Keefe et al. 2012: attribution errors come mostly from the source span, not the cue):

* the two readings name the same mention, or the parse reads nothing: the rules' speaker stands;
* the rules read no cue: the parse's proper-noun or pronoun subject is the cue;
* the parse's subject is another mention: the rules' cue stands, except against a proper name the parse
  reads as the subject, where the speaker is left open (``second_reader.combine``; what the tuning batches and the
  news in no gold set support: bench/RESULTS.md, "Quotation speakers, ninth pass").

Without spaCy, or in a brief that loads none (``--entities rules``:
:func:`~storyline.extract.event_parse.parse_available`), nothing is read and the rules alone decide, as before.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from storyline.extract.analyses import Kept
from storyline.extract.attribution import Found
from storyline.extract.event_parse import parse_available
from storyline.extract.parses import parse_many
from storyline.extract.people import PRONOUNS
from storyline.lexicon import words
from storyline.model import Document

__all__ = ["PLACEHOLDER", "READ_ALL", "Reading", "frame", "read_cues", "reading_of", "story_readings", "worth_reading"]

# What stands for a whole quotation in the frame: a clause of its own, so the parser attaches it as a verb's
# complement the way it attaches a quotation ("“It is so,” X said": "said" ROOT, "is" ccomp, "X" nsubj).
PLACEHOLDER = "It is so"
# Relations of a speech verb's subject.
_SUBJECT = frozenset({"nsubj", "nsubjpass"})
# Relations by which a verb with no subject of its own takes its head's: "X … and said", "X …, adding",
# "X was quoted as saying", "X went on to say".
_TAKES_HEAD_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep"})
# Relations by which the head's object, not its subject, may be who speaks: "records X as saying", "asked X to say".
_OBJECT_CONTROL = frozenset({"prep", "pcomp", "xcomp"})
# How a quotation is a speech verb's words: its complement, its object, a clause beside it; not a noun's
# modifier inside a phrase on the verb ("is responding to allegations for “the very first time”").
_QUOTATION_RELATIONS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "advcl", "conj", "attr", "oprd", "acomp"})
# The tokens of a subject's mention: its name's words and modifiers, not a clause on it ("X, who …, said").
_MENTION = frozenset(
    {"compound", "flat", "det", "amod", "poss", "case", "nummod", "appos", "prep", "pobj", "punct", "cc", "conj",
     "nmod", "npadvmod", "quantmod"}
)  # fmt: skip
_RELATIVE = frozenset({"who", "whom", "that", "which"})
# A verb of speech that did not happen: "X might have answered “…”", "X would say", "X did not say".
_UNREAL = frozenset({"might", "could", "would", "may", "should", "must", "can", "will", "shall", "not", "n't", "never"})


@dataclass(frozen=True)
class Reading:
    """The parse's speaker of one quotation: its subject's span in the document (``start``, ``end``, the subject's
    mention; ``head_start``, ``head_end``, its head word), the verb's lower-case form, and whether the head is a
    proper noun."""

    start: int
    end: int
    head_start: int
    head_end: int
    verb: str
    proper: bool
    via: str  # how the verb was found: "chain" (on the quotation's heads), "hanging", "nearest", "according"
    dep: str  # the subject's relation: "nsubj", "nsubjpass" (its own verb's or its head's), "pobj" (according to)
    pos: str  # the subject head's part of speech: "PROPN", "PRON", "NOUN", ...


@dataclass(frozen=True)
class _Frame:
    """A cue sentence as the parser reads it: ``text`` with the quotations replaced, and how to map back."""

    text: str
    # (frame offset, document offset) at the start of each stretch copied as is; the placeholders between them.
    anchors: tuple[tuple[int, int, int], ...]  # (frame start, frame end, document start)
    placeholders: tuple[tuple[int, int], ...]  # frame spans of the quotations (a stand-in, or kept words)
    own: tuple[int, int]  # the frame span standing for the quotation being read


def frame(text: str, lo: int, hi: int, passages: Sequence[tuple[int, int]], own: tuple[int, int]) -> _Frame:
    """``text[lo:hi]`` with each quoted passage (``(start, end)`` of its words, within it) replaced by
    :data:`PLACEHOLDER`, a final ``?`` or ``!`` of the words kept; ``own`` is the passage being read. A quotation
    in part (its first letter lower case: "said the plan was “dead on arrival”") keeps its words: it is a phrase of
    the sentence's own clause, which a clause in its place would change."""
    pieces: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    placeholders: list[tuple[int, int]] = []
    kept: list[tuple[int, int]] = []  # quotations in part, their words kept
    own_span = (0, 0)
    at, length = lo, 0
    for start, end in sorted(p for p in passages if lo <= p[0] and p[1] <= hi):
        if start < at or text[start : start + 1].islower():
            if start >= at:
                kept.append((length + start - at, length + end - at))
                own_span = kept[-1] if (start, end) == own else own_span
            continue
        pieces.append(text[at:start])
        anchors.append((length, length + start - at, at))
        length += start - at
        words_ = text[start:end].rstrip()
        stand_in = PLACEHOLDER + (words_[-1] if words_[-1:] in ("?", "!") else "")
        pieces.append(stand_in)
        placeholders.append((length, length + len(stand_in)))
        if (start, end) == own:
            own_span = placeholders[-1]
        length += len(stand_in)
        at = end
    pieces.append(text[at:hi])
    anchors.append((length, length + hi - at, at))
    return _Frame("".join(pieces), tuple(anchors), tuple(placeholders + kept), own_span)


def _to_document(f: _Frame, start: int, end: int) -> tuple[int, int] | None:
    """The document span of the frame span ``[start, end)``, when it lies within one copied stretch."""
    for a, b, doc_at in f.anchors:
        if a <= start and end <= b:
            return doc_at + start - a, doc_at + end - a
    return None


def _quoted(f: _Frame, token: Any) -> bool:
    return any(a <= token.idx < b for a, b in f.placeholders)


def _speech_form(form: str) -> bool:
    """A form of the speech verbs' list, or its participle: the list writes the third person ("says", "notes",
    "argues"), of which "saying", "noting", "arguing" are made by the stem before "-ing"."""
    if form.endswith("ing") and len(form) > 5:
        return bool({form[:-3] + "s", form[:-3] + "es"} & words("speech_verbs"))
    return form in words("speech_verbs")


def _speech_verb(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") and _speech_form(token.lower_)


_WORD = re.compile(r"[a-z]+")


def _may_read(f: _Frame) -> bool:
    """Whether the frame holds a speech verb or "according" outside its quotations: else the parse reads nothing
    in it, and it is not parsed."""
    text = f.text.lower()
    for a, b in reversed(f.placeholders):
        text = text[:a] + " " * (b - a) + text[b:]
    return any(w == "according" or _speech_form(w) for w in _WORD.findall(text))


def _governing_verb(doc: Any, f: _Frame) -> tuple[Any, str]:
    """The speech verb the quotation being read belongs to, and how it was found (``(None, "")``: none)."""
    own = [t for t in doc if f.own[0] <= t.idx < f.own[1]]
    if not own:
        return None, ""
    root = next((t for t in own if not (f.own[0] <= t.head.idx < f.own[1]) or t.head is t), own[0])
    # Up the quotation's heads by clausal and object relations: "“…,” X said" (ccomp), "X said: “…”", "X said
    # the plan appeared to be “a …”" (attr, xcomp, ccomp); never out of a prepositional phrase.
    node = root
    for _ in range(4):
        if node.dep_ not in _QUOTATION_RELATIONS or node.head is node:
            break
        node = node.head
        if _speech_verb(node) and not _quoted(f, node):
            return node, "chain"
    # The quotation as the head, the verb hanging on it: "“…,” X said" parsed with "said" as a parataxis.
    hanging = [c for c in root.children if _speech_verb(c) and not _quoted(f, c)]
    if hanging:
        return hanging[0], "hanging"
    verbs = [t for t in doc if _speech_verb(t) and not _quoted(f, t)]
    if not verbs:
        return None, ""
    return min(verbs, key=lambda t: min(abs(t.idx - f.own[0]), abs(t.idx - f.own[1]))), "nearest"


def _subject(verb: Any) -> tuple[Any, str]:
    """The verb's subject and its relation; a participle's, a coordinated verb's, a complement's: its head's (two
    steps at most; "X was quoted as saying": the passive's subject is the speaker, ``nsubj``). ``(None, "")`` when
    a verb has two subjects ("X, he said": the parser saw no one clear subject)."""
    node = verb
    for _ in range(3):
        found = [c for c in node.children if c.dep_ in _SUBJECT]
        if len(found) > 1:
            return None, ""
        if found:
            subject = found[0]
            dep = subject.dep_ if node is verb else "nsubj"
            if subject.lower_ in _RELATIVE and node.dep_ == "relcl":
                return node.head, dep  # "X, who said …": the noun the relative clause is on
            return subject, dep
        if node.dep_ not in _TAKES_HEAD_SUBJECT or node.head is node:
            return None, ""
        if node.dep_ in _OBJECT_CONTROL and any(c.dep_ == "dobj" for c in node.head.children):
            return None, ""  # "the archive quotes X as saying": the object speaks, if anyone the parse shows
        node = node.head
    return None, ""


def _according(doc: Any, f: _Frame) -> Any:
    """X in "according to X" outside the quotations, or None."""
    for t in doc:
        if t.lower_ == "according" and not _quoted(f, t):
            to = next((c for c in t.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return obj
    return None


def _mention_tokens(head: Any) -> list[Any]:
    """The head and the tokens of its mention (no clause on it)."""
    found, todo = [head], [head]
    while todo:
        node = todo.pop()
        for child in node.children:
            if child.dep_ in _MENTION:
                found.append(child)
                todo.append(child)
    return found


def _reading(doc: Any, f: _Frame) -> Reading | None:
    """The reading of the frame's own quotation, its spans in the frame's offsets."""
    verb, via = _governing_verb(doc, f)
    if verb is not None and any(c.dep_ in ("aux", "neg") and c.lower_ in _UNREAL for c in verb.children):
        return None
    if verb is not None and any(_speech_verb(c) and c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return None  # "“…,” she recalls him saying": two verbs of speech, the words of the one the text does not name
    subject, dep = _subject(verb) if verb is not None else (None, "")
    if subject is None:
        subject, via, dep = _according(doc, f), "according", "pobj"
    if subject is None or _quoted(f, subject):
        return None
    # The name's own words around the head ("Ann Lee", "President Ann Lee").
    name = [subject, *(c for c in subject.children if c.dep_ in ("compound", "flat"))]
    mention = [t for t in _mention_tokens(subject) if not _quoted(f, t)]
    span = min(t.idx for t in mention), max(t.idx + len(t) for t in mention)
    head = min(t.idx for t in name), max(t.idx + len(t) for t in name)
    verb_text = verb.lower_ if verb is not None and via != "according" else "according"
    return Reading(*span, *head, verb_text, subject.pos_ == "PROPN", via, dep, subject.pos_)


# Where the splitter left two sentences glued: a closing mark after a full stop with the next quotation opening
# right after it ("… on anyone.”“It has been …,” X said"), or a full stop with no space ("… said.City leaders").
_GLUED = re.compile(r"(?<=[.?!][\u201d\"])(?=\s*[\u201c\"])|(?<=[a-z]{2}[.?!])(?=[A-Z\u201c\"])")


def _glued_sentence(text: str, lo: int, hi: int, at: int) -> tuple[int, int]:
    """The part of ``text[lo:hi]`` holding ``at`` between glued sentence ends: the parser would read two
    sentences as one clause, and a quotation of one as the other's verb's words."""
    for m in _GLUED.finditer(text, lo, hi):
        if m.start() <= at:
            lo = m.start()
        else:
            return lo, m.start()
    return lo, hi


# Whether every quotation's cue is read, whatever its reading could change (bench/parse_speaker_quality.py).
READ_ALL: ContextVar[bool] = ContextVar("storyline_parse_speaker_read_all", default=False)
_READ_ALL = READ_ALL


def worth_reading(q: Found) -> bool:
    """Whether the reading can change the speaker (``second_reader.combine``): no cue read, or a cue
    that is neither a pronoun (its antecedent rules decide) nor right after the marks ("“…,” X said": the rules'
    surest class, where on the tuning gold and the news in no gold set no disagreement was the rules' error).
    The others are not parsed: the parse is the costliest part of the quotations (issue 13)."""
    if q.speaker is None:
        return not q.how
    return q.how != "after" and q.speaker.lower() not in PRONOUNS


def _placed(f: _Frame, found: tuple[Reading, ...]) -> Reading | None:
    """The frame's reading with its spans in the document's offsets (None when there is none, or a span crosses a
    quotation's stand-in)."""
    if not found:
        return None
    span, head = _to_document(f, found[0].start, found[0].end), _to_document(f, found[0].head_start, found[0].head_end)
    if span is None or head is None:
        return None
    return replace(found[0], start=span[0], end=span[1], head_start=head[0], head_end=head[1])


def _key(f: _Frame) -> str:
    """What a frame's reading depends on: its text, which of its spans are quotations, which one is read."""
    return f"{f.own}{f.placeholders}\x00{f.text}"


# Readings kept by their frame's key (:mod:`storyline.extract.analyses`): a story rebuilt parses no frame again,
# and a sibling process (:mod:`storyline.extract.nlp_sibling`) can make them. A reading is ~300 bytes.
_KEPT = Kept[tuple[Reading, ...]]("speaker readings", 8 << 20, lambda key, found: 300 + sys.getsizeof(key))


def _frame_readings(frames: Sequence[_Frame]) -> dict[str, tuple[Reading, ...]]:
    """The reading of each frame by its key (an empty tuple: none): the kept ones, the others parsed in one batch."""
    by_key = {_key(f): f for f in frames}
    found, missing = _KEPT.lookup(by_key)
    if missing:
        parsed = parse_many([by_key[k].text for k in missing])
        for k in missing:
            reading = _reading(parsed[by_key[k].text], by_key[k])
            found[k] = (reading,) if reading is not None else ()
            _KEPT.keep(k, found[k])
    return found


def _frames(documents: Sequence[tuple[Document, Sequence[Found]]]) -> list[list[_Frame | None]]:
    """The frame of each quotation whose reading can change its speaker (None for the others)."""
    frames: list[list[_Frame | None]] = []
    for doc, quotes in documents:
        text = doc.article.text
        passages = [(q.start, q.end) for q in quotes]
        here: list[_Frame | None] = []
        for q in quotes:
            if not worth_reading(q) and not _READ_ALL.get():
                here.append(None)
                continue
            lo = doc.sentences[q.sentence].start
            last = q.close_sentence
            if last + 1 < len(doc.sentences) and q.speaker_span and q.speaker_span[0] >= doc.sentences[last].end:
                last += 1  # "“Why now?” Ray Cole asked.": the cue the splitter cut off
            lo, hi = _glued_sentence(text, lo, doc.sentences[last].end, q.start)
            f = frame(text, lo, hi, passages, (q.start, q.end))
            here.append(f if _may_read(f) else None)
        frames.append(here)
    return frames


def read_cues(documents: Sequence[tuple[Document, Sequence[Found]]]) -> list[list[Reading | None]]:
    """The parse's reading of each quotation of each document (None where it reads no subject or where the reading
    could change nothing), every cue frame of the story not kept parsed in one batch; every reading None when the
    parse may not be read (module docstring)."""
    if not parse_available():
        return [[None] * len(quotes) for _, quotes in documents]
    frames = _frames(documents)
    found = _frame_readings([f for here in frames for f in here if f is not None])
    return [[None if f is None else _placed(f, found[_key(f)]) for f in here] for here in frames]


def story_readings(documents: Sequence[Document]) -> dict[str, tuple[Reading, ...]]:
    """The readings a brief of ``documents`` asks for, by key (what a sibling process makes and sends:
    :mod:`storyline.extract.nlp_sibling`): the rules' attributions first, as the brief makes them."""
    from storyline.extract.quotes import attributed_quotes

    frames = _frames([(d, attributed_quotes(d)) for d in documents])
    return _frame_readings([f for here in frames for f in here if f is not None])


def reading_of(text: str, quote: tuple[int, int]) -> Reading | None:
    """The parse's reading of the quotation at ``quote`` (its words' span) in one sentence ``text``: what
    :func:`read_cues` reads, for a sentence given alone (tests, a caller with no document)."""
    f = frame(text, 0, len(text), [quote], quote)
    return _placed(f, _frame_readings([f])[_key(f)])
