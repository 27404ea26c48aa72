"""Sentence parses for the figure events (:mod:`storyline.extract.event_parse`): made in batches, and kept.

spaCy parses a batch of texts several times faster than the same texts one call at a time (each
layer runs once over the batch's tokens). The figures are read one sentence at a time, and only
some sentences need a parse (those with a figure whose event the parse is asked for), so
:func:`read_batched` reads a story's sentences in chunks: a first pass reads each one, stopping a
reading at the first parse it asks for that is not at hand (:class:`ParseWanted`); the sentences
asked for are then parsed in one batch, distinct texts once, and the stopped readings run again
with those parses at hand. A text's parse does not depend on the batch it is in, so every reading
is the one a sentence read alone gets (tests/extract/test_nlp.py).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from storyline.blas import one_blas_thread
from storyline.budget import checkpoint
from storyline.extract.analyses import Kept
from storyline.extract.nlp import PARSE, annotate

__all__ = ["ParseWanted", "parse", "parse_many", "read_batched"]

T = TypeVar("T")
R = TypeVar("R")

# Items read in one first pass: their parses are held until the chunk's items are read again.
_CHUNK = 512
# Texts through the parser at a time (spaCy's own default for a pipeline is 1,000; 256 runs as fast).
_BATCH = 256


def _weight(text: str, doc: Any) -> int:
    """About the bytes a kept parse holds: ~310 a token (spaCy's token structs, its arrays; 15.4 MB
    traced for 2,000 sentences of 50,171 tokens, once the tok2vec's tensor is dropped) and the text."""
    return 310 * len(doc) + sys.getsizeof(text)


# Parses kept across briefs (storyline.extract.analyses): a syndicated sentence is parsed once for all
# its copies, and a story briefed again is not parsed again. 96 MB: the 1,000-document cluster asks
# for 2,920 parses (85,370 tokens, ~27 MB), so a story three times that size is rebuilt without a
# parse made twice (an LRU smaller than the story rebuilt keeps none of it).
_KEPT: Kept[Any] = Kept("parse", 96 << 20, _weight)
# The parses made for the chunk being read again (None outside read_batched's second pass).
_AT_HAND: ContextVar[dict[str, Any] | None] = ContextVar("storyline_parses_at_hand", default=None)
# Inside read_batched's first pass: a parse not at hand is asked for, not made.
_PROBING: ContextVar[bool] = ContextVar("storyline_parses_probing", default=False)


class ParseWanted(Exception):
    """A reading in :func:`read_batched`'s first pass asked for the parse of ``text``, not yet made."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse(text: str) -> Any:
    """The parse (spaCy's ``Doc``) of one sentence: at hand, kept, or made now."""
    at_hand = _AT_HAND.get()
    if at_hand is not None and text in at_hand:
        return at_hand[text]
    kept = _KEPT.get(text)
    if kept is not None:
        return kept
    if _PROBING.get():
        raise ParseWanted(text)
    return _parse_all([text])[text]


def parse_many(texts: Iterable[str]) -> dict[str, Any]:
    """The parse of each text (distinct texts once): the kept ones, the others made in one batch and kept."""
    return _parse_all(texts)


def read_batched(items: Sequence[T], read: Callable[[T], R]) -> list[R]:
    """``read(item)`` of each item, in order, the parses the readings ask for made in batches (the module
    docstring). ``read`` must not catch :class:`ParseWanted`."""
    results: list[R] = []
    for low in range(0, len(items), _CHUNK):
        chunk = items[low : low + _CHUNK]
        read_now: dict[int, R] = {}
        asked: dict[int, str] = {}
        with _set(_PROBING, True):
            for i, item in enumerate(chunk):
                try:
                    read_now[i] = read(item)
                except ParseWanted as wanted:
                    asked[i] = wanted.text
        if asked:
            with _set(_AT_HAND, _parse_all(asked.values())):
                for i in asked:
                    read_now[i] = read(chunk[i])
        results.extend(read_now[i] for i in range(len(chunk)))
    return results


@contextmanager
def _set(variable: ContextVar[Any], value: Any) -> Iterator[None]:
    token = variable.set(value)
    try:
        yield
    finally:
        variable.reset(token)


def _parse_all(texts: Iterable[str]) -> dict[str, Any]:
    """The parse of each text: the kept ones, the others made in one batch (distinct texts once) and kept."""
    found, missing = _KEPT.lookup(texts)
    if not missing:
        return found
    with one_blas_thread():  # narrow layers: BLAS threads cost more than they save
        for text, doc in zip(missing, annotate(missing, PARSE, batch_size=_BATCH), strict=True):
            checkpoint()  # once a parsed sentence: the parse is the costliest loop of the figures
            # The tok2vec's token vectors: read by no event rule, and the bulk of a kept parse's memory.
            doc.tensor = doc.tensor[:0]
            found[text] = doc
            _KEPT.keep(text, doc)
    return found
