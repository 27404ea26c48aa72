"""Direct quotations and who said them: rules over each document's sentences, in three jobs.

1. :mod:`~storyline.extract.quote_marks` finds the quoted passages (and sets aside terms in
   quotes and titles of works);
2. :mod:`~storyline.extract.attribution` reads the speech clause beside each passage and the
   speaker it names, as written, with its span;
3. :mod:`~storyline.extract.speakers` resolves pronoun speakers and continues a speaker over
   the unattributed quotations that follow, reading the people layer of
   :mod:`~storyline.extract.people`.

``extract_quotes(documents)`` returns the brief's quotes: one :class:`~storyline.model.Quote` per
distinct quotation. ``text`` is the words inside the quotation marks (a trailing comma inside the
marks, as in ``"...," he said``, is left out); the first Ref's ``document_text[start:end] == text``
exactly, the others cite the same words up to case, quote marks and final punctuation;
``sentence`` is the index of the sentence holding ``start``. The speaker's own span is
``speaker_ref``. The same quotation (equal after normalising case, quote marks and spaces) in
several documents is one item with every Ref when their speakers agree; its speaker is the first
one given.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from storyline.budget import checkpoint
from storyline.extract.attribution import CLAUSE_WORD, SPEECH_VERB, Found, attribute
from storyline.extract.people import People
from storyline.extract.quote_marks import (
    SHORT_QUOTE_WORDS,
    Marks,
    is_modifier,
    is_quotation,
    names_a_work,
    quoted_passages,
)
from storyline.extract.second_reader import second_reader
from storyline.extract.speakers import resolve_speakers
from storyline.model import Document, Item, Quote, Ref
from storyline.text.graphemes import whole_graphemes
from storyline.text.normalize import normalize

__all__ = ["SHORT_QUOTE_WORDS", "extract_quotes"]

# How an attribution right beside the marks was found: such a passage is a quotation whatever its length.
_ADJACENT = {"after", "colon", "split"}


def extract_quotes(documents: Sequence[Document], items: Sequence[Item] = ()) -> tuple[Quote, ...]:
    """Every direct quotation in ``documents``, merged across documents, in order of first appearance.

    The same words in two documents are one item only when their speakers agree (one of them may be
    unknown), or when the two sentences are copies of each other (``items``, the story's fold): then
    the copy is the original's report, whatever its own attribution found.
    """
    copy_of = {m.key: item.id for item in items for m in item.members}
    groups: dict[str, list[_Group]] = {}
    ordered: list[_Group] = []
    attributed = []
    for doc in documents:
        checkpoint()
        attributed.append((doc, attributed_quotes(doc)))
    second_reader(attributed)  # the parse's reading of every document's cues, in one batch
    for doc, found in attributed:
        checkpoint()
        resolve_speakers(doc, found, People(doc))
        starts = [s.start for s in doc.sentences]
        for q in found:
            text = doc.article.text[q.start : q.end]
            speaker_ref = _speaker_ref(doc, starts, q)
            speaker = q.speaker if speaker_ref else None
            item = copy_of.get(f"{doc.id}:{q.sentence}")
            ref = Ref(q.doc, q.sentence, q.start, q.end)
            candidates = groups.setdefault(_normalise(text), [])
            group = next((g for g in candidates if g.takes(speaker, item)), None)
            if group is None:
                group = _Group(text, speaker, speaker_ref, None if speaker else q.pronoun)
                candidates.append(group)
                ordered.append(group)
            group.add(ref, speaker, speaker_ref, item, (text, None if speaker else q.pronoun))
    return tuple(q for g in ordered for q in g.quotes(contested=_contested(groups[_normalise(g.text)])))


def _contested(candidates: Sequence[_Group]) -> bool:
    """Whether documents give the same words to different speakers: then a report that named nobody
    cannot be told whose they are."""
    return sum(g.speaker is not None for g in candidates) > 1


class _Group:
    """The reports of one quotation: its Refs, its speaker (the first one given) and the fold items it is in."""

    def __init__(self, text: str, speaker: str | None, speaker_ref: Ref | None, pronoun: str | None) -> None:
        self.text, self.speaker, self.speaker_ref, self.pronoun = text, speaker, speaker_ref, pronoun
        self.words: dict[Ref, str] = {}  # each report's own words
        self.refs: list[Ref] = []
        # Reports that named no speaker and joined by their words alone, with their own words and pronoun.
        self.unattributed: dict[Ref, tuple[str, str | None]] = {}
        self.items: set[int] = set()

    def takes(self, speaker: str | None, item: int | None) -> bool:
        if item is not None and item in self.items:
            return True
        return speaker is None or self.speaker is None or same_speaker(speaker, self.speaker)

    def add(
        self, ref: Ref, speaker: str | None, speaker_ref: Ref | None, item: int | None, own: tuple[str, str | None]
    ) -> None:
        self.refs.append(ref)
        self.words[ref] = own[0]
        if speaker is None and (item is None or item not in self.items):
            self.unattributed[ref] = own
        if item is not None:
            self.items.add(item)
        if self.speaker is None and speaker is not None:
            self.speaker, self.speaker_ref, self.pronoun = speaker, speaker_ref, None

    def quotes(self, *, contested: bool) -> list[Quote]:
        """The item, and apart from it, when ``contested``, the reports that named nobody (speaker unknown)."""
        if not contested or self.speaker is None or not self.unattributed:
            return [Quote(self.text, tuple(self.refs), self.speaker, self.speaker_ref, self.pronoun)]
        named = tuple(r for r in self.refs if r not in self.unattributed)
        unnamed = tuple(self.unattributed)
        text, pronoun = self.unattributed[unnamed[0]]  # each item's first Ref cites its text exactly
        out = [
            Quote(self.words[named[0]], named, self.speaker, self.speaker_ref, None),
            Quote(text, unnamed, None, None, pronoun),
        ]
        return sorted(out, key=lambda q: self.refs.index(q.support[0]))


def same_speaker(a: str, b: str) -> bool:
    """Two ways of writing one speaker: equal, or the last word of one is a word of the other ("Ann Lee" / "Lee")."""
    wa, wb = _name_words(a), _name_words(b)
    return a.lower() == b.lower() or bool(wa and wb) and (wa[-1] in wb or wb[-1] in wa)


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w-]+", normalize(name).lower().replace("'s", "")) if w not in {"the", "a", "an"}]


def document_quotes(doc: Document) -> list[Found]:
    """The quotations of one document, attributed and resolved, in reading order."""
    found = attributed_quotes(doc)
    second_reader([(doc, found)])
    resolve_speakers(doc, found, People(doc))
    return found


def attributed_quotes(doc: Document) -> list[Found]:
    """The quotations of one document with the cue the rules read beside each, in reading order (unresolved)."""
    text = doc.article.text
    starts = [s.start for s in doc.sentences]
    found: list[Found] = []
    label_end = -1  # where the last title or label closed: "labeled “A,” “B” and “C”" are all labels
    for marks in quoted_passages(doc):
        s_open = _sentence_at(doc, starts, marks.start)
        s_close = _sentence_at(doc, starts, max(marks.close_at - 1, marks.start))
        if s_open is None or s_close is None:
            continue
        sentence = doc.sentences[s_open]
        before = text[sentence.start : marks.open_at] if marks.open_at >= sentence.start else ""
        listed = label_end != -1 and re.fullmatch(r"[\s,]*(?:(?:and|or)\s+)?", text[label_end : marks.open_at])
        if names_a_work(before) or listed:
            label_end = marks.close_at
            continue
        start, end = whole_graphemes(text, marks.start, marks.end)  # "\u201c\u0591We": the quote starts at "We"
        q = Found(doc.id, start, end, marks.open_at, marks.close_at, s_open, s_close)
        s_mark = _sentence_at(doc, starts, q.open_at)
        attribute(text, q, doc.sentences[s_open if s_mark is None else s_mark].start, _cue_end(doc, s_close, marks))
        words = text[q.start : q.end]
        opens = not before.strip(" \t\"\u201c\u2018'(")
        inner = text[q.start : max(q.end, marks.close_at - 1)]  # with a comma inside the marks
        if q.how == "after" and is_modifier(inner, text[marks.close_at : marks.close_at + 1], opens):
            continue
        if q.how in _ADJACENT or is_quotation(words, q.how, before) and not marks.single:
            found.append(q)
    found.sort(key=lambda q: q.start)
    return found


# A sentence that is a cue: a few words and a speech verb ("Ray Cole asked.", "Sheen, 45, said in a message"),
# not a clause of its own opening with a preposition or a conjunction ("On another occasion, she writes").
_CUE_OPENS = re.compile(rf"(?!(?:{CLAUSE_WORD})\b)(?:[\w.\u2019'-]+,?\s+){{0,6}}?(?:{SPEECH_VERB.pattern})", re.I)


def _cue_end(doc: Document, s_close: int, marks: Marks) -> int:
    """Where the cue after the closing mark may end: its sentence's end, or the next sentence's when the
    splitter cut right after a question or an exclamation (``“Why now?” Ray Cole asked.`` is one sentence)."""
    here = doc.sentences[s_close]
    inner = doc.article.text[marks.start : max(marks.end, marks.close_at - 1)].rstrip()
    if inner[-1:] in {"?", "!"} and s_close + 1 < len(doc.sentences):
        following = doc.sentences[s_close + 1]
        same = following.paragraph == here.paragraph
        if same and not doc.article.text[marks.close_at : following.start].strip() and _CUE_OPENS.match(following.text):
            return following.end
    return here.end


def _sentence_at(doc: Document, starts: list[int], pos: int) -> int | None:
    """The index of the sentence holding ``pos`` (or the last one starting before it)."""
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 else None


def _speaker_ref(doc: Document, starts: list[int], q: Found) -> Ref | None:
    """The Ref of the speaker's span, when it lies within one sentence."""
    if q.speaker is None or q.speaker_span is None:
        return None
    start, end = q.speaker_span
    k = bisect_right(starts, start) - 1
    if k < 0 or end > doc.sentences[k].end:
        return None
    return Ref(doc.id, doc.sentences[k].index, start, end)


def _normalise(text: str) -> str:
    return " ".join(normalize(text).split()).strip(" .,;:!?\"'")
