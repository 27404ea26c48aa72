"""Dated reports: one report dated differently by two sources (the **dates** rule of
:mod:`storyline.compare.disagreements`).

Two sentences of different documents whose first day-precision dates differ while their content
words (the date words left out) overlap with a Jaccard of at least ``SAME_EVENT``. The pairs are
found by a set-similarity join with prefix filtering (Bayardo, Ma and Srikant, "Scaling up all pairs
similarity search", WWW 2007; Xiao et al., "Efficient similarity joins for near duplicate
detection", WWW 2008): each word set is sorted rarest word first, and two sets with a Jaccard of at
least t must share a word among the first ``|A| - ceil(t * |A|) + 1`` of each, so only sentences that
share a rare word are ever compared. It finds exactly the pairs the all-pairs loop finds, in time
near-linear in the dated sentences.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence

from storyline.text.normalize import jaccard

__all__ = ["SAME_EVENT", "similar_pairs"]

# Content-word Jaccard above which two dated sentences report one event (as the timeline folds them).
SAME_EVENT = 0.6


def similar_pairs(sets: Sequence[set[str]], threshold: float = SAME_EVENT) -> Iterator[tuple[int, int]]:
    """Every pair ``(i, j)``, ``i < j``, of ``sets`` whose Jaccard is at least ``threshold`` (in ``i``, then ``j``
    order), comparing only sets that share a word of their prefixes."""
    df = Counter(w for s in sets for w in s)
    ordered = [sorted(s, key=lambda w: (df[w], w)) for s in sets]
    index: dict[str, list[int]] = {}
    found: set[tuple[int, int]] = set()
    for j, words in enumerate(ordered):
        prefix = len(words) - math.ceil(threshold * len(words)) + 1 if words else 0
        candidates = {i for w in words[:prefix] for i in index.get(w, ())}
        for i in candidates:
            if jaccard(sets[i], sets[j]) >= threshold:
                found.add((i, j))
        for w in words[:prefix]:
            index.setdefault(w, []).append(j)
    yield from sorted(found)
