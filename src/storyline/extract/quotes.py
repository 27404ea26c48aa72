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
marks, as in ``"...," he said``, is left out) and every Ref's ``document_text[start:end] == text``
exactly; ``sentence`` is the index of the sentence holding ``start``. The speaker's own span is
``speaker_ref``. The same quotation (equal after normalising case, quote marks and spaces) in
several documents is one item with every Ref; its speaker is the first one given.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from storyline.extract.attribution import Found, attribute
from storyline.extract.people import People
from storyline.extract.quote_marks import SHORT_QUOTE_WORDS, is_quotation, quoted_passages
from storyline.extract.speakers import resolve_speakers
from storyline.model import Document, Quote, Ref
from storyline.text.normalize import normalize

__all__ = ["SHORT_QUOTE_WORDS", "extract_quotes"]

# How an attribution right beside the marks was found: such a passage is a quotation whatever its length.
_ADJACENT = {"after", "colon", "split"}


def extract_quotes(documents: Sequence[Document]) -> tuple[Quote, ...]:
    """Every direct quotation in ``documents``, merged across documents, in order of first appearance."""
    merged: dict[str, tuple[Quote, list[Ref]]] = {}
    for doc in documents:
        starts = [s.start for s in doc.sentences]
        for q in document_quotes(doc):
            ref = Ref(q.doc, q.sentence, q.start, q.end)
            key = _normalise(doc.article.text[q.start : q.end])
            speaker_ref = _speaker_ref(doc, starts, q)
            if key not in merged:
                quote = Quote(
                    text=doc.article.text[q.start : q.end],
                    support=(),
                    speaker=q.speaker if speaker_ref else None,
                    speaker_ref=speaker_ref,
                    pronoun=q.pronoun,
                )
                merged[key] = (quote, [ref])
                continue
            quote, refs = merged[key]
            refs.append(ref)
            if quote.speaker is None and speaker_ref is not None:
                merged[key] = (Quote(quote.text, (), q.speaker, speaker_ref, None), refs)
    return tuple(
        Quote(quote.text, tuple(refs), quote.speaker, quote.speaker_ref, quote.pronoun)
        for quote, refs in merged.values()
    )


def document_quotes(doc: Document) -> list[Found]:
    """The quotations of one document, attributed and resolved, in reading order."""
    text = doc.article.text
    starts = [s.start for s in doc.sentences]
    found: list[Found] = []
    for marks in quoted_passages(doc):
        s_open = _sentence_at(doc, starts, marks.start)
        s_close = _sentence_at(doc, starts, max(marks.close_at - 1, marks.start))
        if s_open is None or s_close is None:
            continue
        sentence = doc.sentences[s_open]
        q = Found(doc.id, marks.start, marks.end, marks.open_at, marks.close_at, s_open, s_close)
        s_mark = _sentence_at(doc, starts, q.open_at)
        attribute(text, q, doc.sentences[s_open if s_mark is None else s_mark].start, doc.sentences[s_close].end)
        before = text[sentence.start : marks.open_at] if marks.open_at >= sentence.start else ""
        if q.how in _ADJACENT or is_quotation(text[q.start : q.end], q.how, before) and not marks.single:
            found.append(q)
    found.sort(key=lambda q: q.start)
    resolve_speakers(doc, found, People(doc))
    return found


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
