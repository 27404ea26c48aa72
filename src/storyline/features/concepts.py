"""Bigram concepts: the units a concept-coverage summary covers (Gillick & Favre, 2009).

A concept is a pair of adjacent word stems in a sentence, not both stop words
("old city", "rebels withdrew"); a summary covers it when one of its sentences
holds it. Every statistic a concept's weight may use is computed here once per
story, with sparse matrices so that cost stays linear in the story's words:
how many independent documents hold it (a folded copy counts once), how often
it occurs, the earliest position it appears at, and whether a headline holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import scipy.sparse as sp

from storyline.features.tfidf import english_stop_words
from storyline.model import Item, Story
from storyline.text.normalize import normalize

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Harman's (1991) "S" stemmer, after dropping a possessive: plurals fold to the singular.

    A light stemmer (no dependency, and it never merges words of different
    meaning the way aggressive suffix stripping can): ``ies -> y``, ``es -> e``,
    ``s -> ''``, with Harman's exceptions.
    """
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 3 and word.endswith("ies") and not word.endswith(("eies", "aies")):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and not word.endswith(("aes", "ees", "oes")):
        return word[:-1]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("us", "ss")):
        return word[:-1]
    return word


def stems(text: str) -> list[str]:
    """The stemmed lowercase words of ``text`` (punctuation dropped)."""
    return list(_stems(text))


# Features, headlines and the main event read every sentence's stems: the story pays once.
# Bounded like text.normalize's token cache, so a server's memory stays flat.
@lru_cache(maxsize=1 << 16)
def _stems(text: str) -> tuple[str, ...]:
    return tuple(map(stem, _WORD.findall(normalize(text))))


def content_words(text: str) -> set[str]:
    """The stems of ``text`` that are not stop words."""
    return set(_content_words(text))


@lru_cache(maxsize=1 << 16)
def _content_words(text: str) -> frozenset[str]:
    stop = english_stop_words()
    return frozenset(s for s in _stems(text) if s not in stop)


def bigrams(text: str) -> list[str]:
    """The concepts of one sentence: adjacent stem pairs, dropping pairs of two stop words."""
    words = _stems(text)
    stop = english_stop_words()
    return [f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if not (a in stop and b in stop)]


@dataclass(frozen=True)
class Concepts:
    """The story's concepts and what is known about each.

    ``matrix``: items x concepts, 1 where the item's sentence holds the concept.
    Per concept: ``documents`` (independent documents holding it, copies
    counted once), ``count`` (occurrences over all items' sentences, a folded
    item once per copy), ``first`` (the smallest position in its document of a
    sentence holding it), ``headline`` (1 when a headline holds it).
    """

    names: tuple[str, ...]
    matrix: sp.csr_matrix
    documents: np.ndarray
    count: np.ndarray
    first: np.ndarray
    headline: np.ndarray

    def __len__(self) -> int:
        return len(self.names)

    @cached_property
    def holders(self) -> sp.csc_matrix:
        """:attr:`matrix` by concept (CSC): each concept's items, ascending, converted once per story."""
        return sp.csc_matrix(self.matrix)


def build_concepts(story: Story, position: np.ndarray, headlines: list[str]) -> Concepts:
    """Concepts of every item of ``story``; ``position`` is each item's position in its document.

    The statistics are counts and minima over the (item, concept) pairs, in numpy: exact whatever the
    order they are summed in, the same floats as the sparse products they replace, at a fraction of a
    small story's cost (a scipy product or conversion is ~50 us, whatever its size).
    """
    items = story.items
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, item in enumerate(items):
        for concept in dict.fromkeys(bigrams(item.text)):  # first-seen order: the same numbering in every process
            rows.append(i)
            cols.append(vocabulary.setdefault(concept, len(vocabulary)))
    n, m = len(items), len(vocabulary)
    row, col = np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)
    # The canonical CSR (each row's columns ascending) that building it from (row, col) pairs gives.
    order = np.lexsort((col, row))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(row, minlength=n))]).astype(np.int32)
    matrix = sp.csr_matrix((np.ones(row.size), col[order].astype(np.int32), indptr), shape=(n, m))
    copies = np.array([len(item.members) for item in items], dtype=float)
    count = np.bincount(col, weights=copies[row], minlength=m).astype(float)
    first = np.full(m, np.inf)
    np.minimum.at(first, col, np.asarray(position, dtype=float)[row])
    headline = np.zeros(m)
    for title in headlines:
        for concept in bigrams(title):
            if concept in vocabulary:
                headline[vocabulary[concept]] = 1.0
    names = tuple(sorted(vocabulary, key=vocabulary.__getitem__))
    return Concepts(names, matrix, _documents(story, row, col, m), count, first, headline)


def _documents(story: Story, row: np.ndarray, col: np.ndarray, m: int) -> np.ndarray:
    """Per concept, the independent documents holding it: those of its items' copies, each counted once."""
    canonical = {d.id: d.duplicate_of or d.id for d in story.documents}
    index: dict[str, int] = {}
    held = [
        sorted({index.setdefault(canonical.get(x.doc_id, x.doc_id), len(index)) for x in item.members})
        for item in story.items
    ]
    sizes = np.array([len(docs) for docs in held], dtype=np.intp)
    if row.size == 0:
        return np.zeros(m)
    flat = np.array([d for docs in held for d in docs], dtype=np.intp)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    # Each (item, concept) pair once per document of the item, as (concept, document) keys.
    repeat = sizes[row]
    offset = np.arange(int(repeat.sum())) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    documents = flat[np.repeat(starts[row], repeat) + offset]
    keys = np.unique(np.repeat(col, repeat) * max(len(index), 1) + documents)
    return np.bincount(keys // max(len(index), 1), minlength=m).astype(float)


def item_words(item: Item) -> set[str]:
    """The content stems of an item's sentence."""
    return content_words(item.text)


__all__ = ["Concepts", "bigrams", "build_concepts", "content_words", "item_words", "stem", "stems"]
