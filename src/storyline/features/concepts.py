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
from functools import lru_cache

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
    return tuple(stem(w) for w in _WORD.findall(normalize(text)))


def content_words(text: str) -> set[str]:
    """The stems of ``text`` that are not stop words."""
    return set(_content_words(text))


@lru_cache(maxsize=1 << 16)
def _content_words(text: str) -> frozenset[str]:
    stop = english_stop_words()
    return frozenset(s for s in _stems(text) if s not in stop)


def bigrams(text: str) -> list[str]:
    """The concepts of one sentence: adjacent stem pairs, dropping pairs of two stop words."""
    words = stems(text)
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


def build_concepts(story: Story, position: np.ndarray, headlines: list[str]) -> Concepts:
    """Concepts of every item of ``story``; ``position`` is each item's position in its document."""
    items = story.items
    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, item in enumerate(items):
        for concept in set(bigrams(item.text)):
            rows.append(i)
            cols.append(vocabulary.setdefault(concept, len(vocabulary)))
    n, m = len(items), len(vocabulary)
    matrix = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, m))
    in_docs = _item_documents(story)
    documents = np.asarray(((matrix.T @ in_docs) > 0).sum(axis=1)).ravel().astype(float)
    copies = np.array([len(item.members) for item in items], dtype=float)
    count = np.asarray(matrix.T @ copies).ravel()
    first = _column_min(matrix, position)
    headline = np.zeros(m)
    for title in headlines:
        for concept in bigrams(title):
            if concept in vocabulary:
                headline[vocabulary[concept]] = 1.0
    names = tuple(sorted(vocabulary, key=vocabulary.__getitem__))
    return Concepts(names, matrix, documents, count, first, headline)


def _item_documents(story: Story) -> sp.csr_matrix:
    """Items x independent documents: 1 where one of the item's copies is in that document."""
    canonical = {d.id: d.duplicate_of or d.id for d in story.documents}
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, item in enumerate(story.items):
        for doc in {canonical.get(m.doc_id, m.doc_id) for m in item.members}:
            rows.append(i)
            cols.append(index.setdefault(doc, len(index)))
    return sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(story.items), max(len(index), 1)))


def _column_min(matrix: sp.csr_matrix, values: np.ndarray) -> np.ndarray:
    """Per column, the smallest ``values[row]`` over its nonzero rows (inf for an empty column)."""
    if matrix.shape[1] == 0:
        return np.zeros(0)
    top = float(values.max(initial=0.0)) + 1.0
    flipped = matrix.multiply((top - values)[:, None]).tocsc()
    best = np.asarray(flipped.max(axis=0).toarray()).ravel()
    return np.where(best > 0, top - best, np.inf)


def item_words(item: Item) -> set[str]:
    """The content stems of an item's sentence."""
    return content_words(item.text)


__all__ = ["Concepts", "bigrams", "build_concepts", "content_words", "item_words", "stem", "stems"]
