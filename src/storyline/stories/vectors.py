"""Online TF-IDF: document frequencies counted as articles arrive, sparse vectors and centroids.

The IDF is the stream's so far (Miranda et al., EMNLP 2018, sec. 3: "the IDF is updated
incrementally"): an article is weighted with the document frequencies of every article before it
and itself, never with the whole stream's, which a live feed cannot know.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import repeat
from operator import add, itemgetter

from storyline.stories.features import FIELDS

__all__ = ["CENTROID_TERMS", "OnlineIdf", "Vector", "add_into", "cosine", "norm_of", "top_terms"]

Vector = dict[str, float]
# An article keeps its 80 heaviest body terms, 40 names and its whole title: the tail of a
# 3,500-character article (terms used once, idf near the median) moves no cosine by more than
# ~0.01 on the dev stream's tuning half, and the cap keeps a comparison's cost flat.
ARTICLE_TERMS = (40, 80, 40)
# A centroid keeps its 150 heaviest body terms (60 names, 40 title terms): enough for a story
# of 10 articles to keep what they share; memory per live story stays bounded.
CENTROID_TERMS = (40, 150, 60)


class OnlineIdf:
    """Document frequencies per field, updated one article at a time."""

    def __init__(self, documents: int = 0, frequencies: tuple[dict[str, int], ...] | None = None) -> None:
        self.documents = documents
        self.frequencies: tuple[Counter[str], ...] = tuple(Counter(f) for f in frequencies or [{} for _ in FIELDS])
        self._logs: list[float] = [0.0]  # _logs[i] = log(i): document frequencies are small integers
        self._tfs: list[float] = [0.0, 1.0]  # _tfs[c] = 1 + log(c), the sublinear weight of a count c >= 1

    def add(self, counts: tuple[dict[str, int], ...]) -> None:
        """Count one more article (its terms, once each)."""
        self.documents += 1
        for table, field_counts in zip(self.frequencies, counts, strict=True):
            table.update(field_counts.keys())  # Counter's C loop

    def merge(self, documents: int, frequencies: Iterable[dict[str, int]]) -> None:
        """Count articles counted on their own (a window's: their number and document frequencies)."""
        self.documents += documents
        for table, counts in zip(self.frequencies, frequencies, strict=True):
            # Counter.update of a mapping is a Python loop over its terms; these are the same sums in C.
            dict.update(table, zip(counts, map(add, counts.values(), map(table.get, counts, repeat(0))), strict=True))

    def vectors(self, counts: tuple[dict[str, int], ...]) -> tuple[Vector, ...]:
        """The article's unit-length TF-IDF vector per field (sublinear term frequency), truncated."""
        n = self.documents + 1
        logs = self._logs
        while len(logs) <= n:
            logs.append(math.log(len(logs)))
        return tuple(
            self._vector(field_counts, table, cap)
            for field_counts, table, cap in zip(counts, self.frequencies, ARTICLE_TERMS, strict=True)
        )

    def _vector(self, counts: dict[str, int], table: Counter[str], cap: int) -> Vector:
        logs, tfs = self._logs, self._tfs
        if counts and len(tfs) <= (top := max(counts.values())):
            tfs.extend(1.0 + math.log(c) for c in range(len(tfs), top + 1))
        idf_top = logs[self.documents + 1] + 1.0  # idf = log(n / (df + 1)) + 1
        dfs = list(map(table.get, counts, repeat(0)))  # looked up in C
        weights = [(t, tfs[c] * (idf_top - logs[df + 1])) for (t, c), df in zip(counts.items(), dfs, strict=True)]
        if len(weights) > cap:
            weights = _heaviest(weights, cap)
        norm = math.hypot(*[w for _, w in weights])
        return {t: w / norm for t, w in weights} if norm else {}


_WEIGHT = itemgetter(1)


def _heaviest(weights: Iterable[tuple[str, float]], cap: int) -> list[tuple[str, float]]:
    """The ``cap`` heaviest ``(term, weight)`` pairs, heaviest first, ties in their order: exactly
    ``heapq.nlargest(cap, weights, key=...)`` (so documented), whose Python loop over a few hundred
    terms cost five times this one sort in C."""
    return sorted(weights, key=_WEIGHT, reverse=True)[:cap]


def _unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector, b_norm: float) -> float:
    """cos(a, b) for a unit vector ``a`` and a vector ``b`` of norm ``b_norm`` (0 when either is empty)."""
    if not a or not b_norm:
        return 0.0
    # The shared terms are few: intersecting the key sets (in C) first skips every other term.
    return sum([a[t] * b[t] for t in a.keys() & b.keys()]) / b_norm


def add_into(centroid: Vector, vector: Vector, cap: int) -> tuple[Vector, float]:
    """``centroid + vector`` truncated to its ``cap`` heaviest terms, and its norm (updates ``centroid``)."""
    get = centroid.get
    for t, w in vector.items():
        centroid[t] = get(t, 0.0) + w
    if len(centroid) > cap:
        centroid = dict(_heaviest(centroid.items(), cap))
    return centroid, math.hypot(*centroid.values())


def top_terms(vector: Vector, count: int) -> list[str]:
    """The ``count`` heaviest terms of ``vector``, heaviest first (ties in the vector's order, itself the text's).

    One sort keyed by the dict's own lookup (all in C): a fifth of a heap keyed by a Python function.
    """
    return sorted(vector, key=vector.__getitem__, reverse=True)[:count]


def norm_of(vector: Vector) -> float:
    return math.hypot(*vector.values())
