"""Folding copies: syndicated and spun sentences become one item citing every copy.

News clusters repeat themselves: wire copy runs word for word in many outlets, and spun copies
change a name ("Russia" -> "Russian Federation") or the quote style. :func:`fold` groups every
copy of a sentence -- across documents and inside one -- into one :class:`~storyline.model.Item`
whose members are all the copies, so the brief cites each outlet and counts its sources, and no
sentence is ever compared by its text alone.

1. **Exact copies** (same normalized words, see :mod:`storyline.text.normalize`) group by a
   dictionary lookup: the common syndication case costs nothing.
2. **Near copies** are found with MinHash LSH (Broder, "On the resemblance and containment of
   documents", 1997; Leskovec, Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3) over
   word unigrams and bigrams, so the cost grows with the number of sentences, not its square:
   every sentence's signature at once in numpy (:mod:`storyline.text.minhash`, datasketch's
   values bit for bit).
3. Every candidate pair is **verified** exactly (:func:`is_copy`): word-set Jaccard at least
   ``MIN_JACCARD``, comparable lengths, the same figures and the same negations. Verified pairs
   are joined with union-find.

A document whose sentences are (nearly) all copies of one earlier document's is marked
``duplicate_of`` that document, and counts as it when items count their sources.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from storyline.model import Document, Item, Sentence
from storyline.text.minhash import candidate_pairs, signatures
from storyline.text.normalize import NEGATIONS, is_negation, is_number, normalize, tokens

__all__ = ["BANDS", "DUPLICATE_COVERAGE", "LSH_THRESHOLD", "MIN_JACCARD", "NUM_PERM", "ROWS", "SEED", "fold", "is_copy"]

log = logging.getLogger(__name__)

# The LSH only proposes candidates; is_copy decides. So it is tuned for recall: a copy must
# never be missed, a few extra candidates cost one set comparison each.
# Shingles are word unigrams + bigrams (see _shingles). A spun copy swapping one name in an
# 8-word sentence keeps 0.6 of that shingle set; with 64 permutations and threshold 0.3
# datasketch picks 21 bands of 3 rows, which makes such a pair a candidate with probability
# 0.994 (0.94 at 0.5), while sentences that merely share a topic (shingle Jaccard ~0.1-0.2) are
# candidates 2-15% of the time. Measured: on a corpus of randomly mutated seed and Opinosis
# sentences every pair accepted by is_copy was folded (threshold 0.5 lost 0.5-1% of them).
NUM_PERM = 64
SEED = 1  # fixed: the same input always folds the same way
LSH_THRESHOLD = 0.3
# The bands for LSH_THRESHOLD at NUM_PERM permutations: datasketch's MinHashLSH optimum (equal weights on
# false positives and negatives), fixed here so folding needs no numerical integration (tests/text/test_minhash.py).
BANDS, ROWS = 21, 3
# Verified copy: word-set Jaccard >= 0.7. One "Russia" -> "Russian Federation" swap leaves 0.7 in an
# 8-word sentence, 0.75 in a 10-word one and 0.9 in a 30-word one; the nearest non-copies in the example cluster (two
# outlets' different sentences on one event) stay below 0.4. Short sentences need near-identical
# words: 5 words sharing 4 give 0.67 and do not fold.
MIN_JACCARD = 0.7
# Word counts within this ratio: a copy is not a sentence with a clause added or cut.
MIN_LENGTH_RATIO = 0.7
# A document is a copy when this share of its selectable sentences are copies of one earlier one.
DUPLICATE_COVERAGE = 0.9


def fold(
    documents: Sequence[Document], *, min_duplicate_sentences: int = 1
) -> tuple[tuple[Document, ...], tuple[Item, ...]]:
    """Group copies of sentences into items and mark whole-document copies.

    Returns the documents (``duplicate_of`` set where a document copies an earlier one; earlier
    is by ``article.date``, undated last, then input order) and the items. Every sentence of
    every document is a member of exactly one item. Members are ordered earliest document first,
    then input order, then position; ``members[0]`` is the representative, whose ``exclude``
    flags decide whether the item is selectable (members of one item may carry different flags
    when cleaning used the paragraph's context). Items are numbered 0.. in the order of their
    representative's document and position. ``sources`` counts the distinct documents among the
    members, a duplicate document counting as the one it copies.

    ``min_duplicate_sentences``: documents with fewer (selectable) sentences are never marked
    duplicates -- raise it for collections of one-sentence documents such as reviews, where two
    people writing the same sentence are still two sources.
    """
    positions = [(n, s) for n, d in enumerate(documents) for s in d.sentences]
    groups = _groups([s for _, s in positions])
    rank = _chronological_rank(documents)

    item_of: dict[tuple[int, int], int] = {}
    for g, members in enumerate(groups):
        for m in members:
            n, s = positions[m]
            item_of[(n, s.index)] = g
    docs_of = [{positions[m][0] for m in members} for members in groups]
    copy_of = _duplicates(documents, item_of, docs_of, rank, min_duplicate_sentences)
    folded = tuple(
        replace(d, duplicate_of=documents[copy_of[n]].id) if n in copy_of else d for n, d in enumerate(documents)
    )

    ordered = [sorted(members, key=lambda m: (rank[positions[m][0]], positions[m][1].index)) for members in groups]
    ordered.sort(key=lambda members: (positions[members[0]][0], positions[members[0]][1].index))
    items = tuple(
        Item(
            id=i,
            members=tuple(positions[m][1] for m in members),
            sources=len({copy_of.get(positions[m][0], positions[m][0]) for m in members}),
        )
        for i, members in enumerate(ordered)
    )
    log.debug("folded %d sentences into %d items; %d duplicate documents", len(positions), len(items), len(copy_of))
    return folded, items


def is_copy(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two token lists are copies of one sentence (the exact check behind every fold).

    Same figures and same negations are required: a copy that changes "372" to "413" or "will"
    to "will not" is an update or a disagreement, which later stages must see as two sentences.
    """
    if not a or not b:
        return list(a) == list(b)
    return _similar(set(a), set(b), len(a), len(b))


def _similar(sa: set[str], sb: set[str], la: int, lb: int) -> bool:
    """:func:`is_copy` on precomputed word sets and word counts (both non-empty)."""
    if min(la, lb) < MIN_LENGTH_RATIO * max(la, lb):
        return False
    shared = len(sa & sb)
    if shared < MIN_JACCARD * (len(sa) + len(sb) - shared):
        return False
    return not any(is_number(w) or is_negation(w) for w in sa ^ sb)


def _groups(sentences: Sequence[Sentence]) -> list[list[int]]:
    """Connected components of verified copies, as lists of positions in ``sentences``."""
    parent = list(range(len(sentences)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [tokens(s.text) for s in sentences]
    first: dict[tuple[str, ...] | str, int] = {}
    unique: list[int] = []
    for i, w in enumerate(words):
        # Sentences without words ("|", "***") are copies only of the same symbols.
        key: tuple[str, ...] | str = tuple(w) if w else normalize(sentences[i].text).strip()
        if key in first:
            parent[find(i)] = find(first[key])
        else:
            first[key] = i
            unique.append(i)

    # The components of the verified candidate pairs do not depend on the order the pairs are checked in.
    hashed = [i for i in unique if words[i]]
    sets = [set(words[i]) for i in hashed]
    signature = signatures([_shingles(words[i]) for i in hashed], num_perm=NUM_PERM, seed=SEED)
    verified = 0
    # Only sentences with the same figures and negations can verify (_similar): LSH buckets them apart.
    marks: dict[frozenset[str], int] = {}
    partition = np.array([marks.setdefault(_marks(s), len(marks)) for s in sets], dtype=np.int64)
    pairs = candidate_pairs(signature, bands=BANDS, rows=ROWS, partition=partition) if hashed else None
    for x, y in _plausible(pairs, hashed, words, sets) if pairs is not None else ():
        i, j = hashed[x], hashed[y]
        if find(i) != find(j) and _similar(sets[x], sets[y], len(words[i]), len(words[j])):
            parent[find(i)] = find(j)
            verified += 1
    log.debug("%d exact-copy groups, %d near copies verified", len(unique), verified)

    groups: dict[int, list[int]] = {}
    for i in range(len(sentences)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _marks(words: set[str]) -> frozenset[str]:
    """The words two copies must share exactly: figures and negations.

    A word of letters alone holds no digit and is a negation only if listed ("n't" has an apostrophe):
    one set intersection for those, the per-character tests for the rest."""
    return frozenset(words & NEGATIONS).union(w for w in words if not w.isalpha() and (is_number(w) or is_negation(w)))


def _plausible(pairs: np.ndarray, hashed: list[int], words: list[list[str]], sets: list[set[str]]) -> list[list[int]]:
    """The candidate pairs that can pass :func:`_similar`, by their sizes alone (one array test for all).

    Word counts too far apart fail its first test; so do word sets whose smaller one is too small
    for the Jaccard bound (shared words are at most the smaller set).
    """
    counts = np.array([len(words[i]) for i in hashed])
    sizes = np.array([len(s) for s in sets])
    x, y = pairs[:, 0], pairs[:, 1]
    small, large = np.minimum(counts[x], counts[y]), np.maximum(counts[x], counts[y])
    fewer = np.minimum(sizes[x], sizes[y])
    keep = (small >= MIN_LENGTH_RATIO * large) & (fewer >= MIN_JACCARD * (sizes[x] + sizes[y] - fewer))
    return pairs[keep].tolist()


def _shingles(words: Sequence[str]) -> set[str]:
    """Unigrams and bigrams: bigrams keep word order, unigrams keep the estimate close to the
    word-set Jaccard that :func:`is_copy` verifies (and carry one- and two-word sentences)."""
    shingles = set(words)
    shingles.update(map(" ".join, zip(words, words[1:], strict=False)))
    return shingles


def _chronological_rank(documents: Sequence[Document]) -> list[int]:
    """Each document's place when sorted earliest first: by date, undated last, then input order."""
    order = sorted(
        range(len(documents)),
        key=lambda n: (documents[n].article.date is None, documents[n].article.date or dt.date.min, n),
    )
    rank = [0] * len(documents)
    for r, n in enumerate(order):
        rank[n] = r
    return rank


def _duplicates(
    documents: Sequence[Document],
    item_of: dict[tuple[int, int], int],
    docs_of: list[set[int]],
    rank: list[int],
    min_sentences: int,
) -> dict[int, int]:
    """``{document: the earlier, non-duplicate document it copies}``, by position."""
    copy_of: dict[int, int] = {}
    for n in sorted(range(len(documents)), key=rank.__getitem__):
        pool = [s for s in documents[n].sentences if s.selectable] or list(documents[n].sentences)
        if not pool or len(pool) < min_sentences:
            continue
        shared: Counter[int] = Counter()
        for s in pool:
            earlier = {copy_of.get(o, o) for o in docs_of[item_of[(n, s.index)]] if rank[o] < rank[n]}
            shared.update(earlier)
        if shared:
            source = min(shared, key=lambda o: (-shared[o], rank[o]))
            if shared[source] >= DUPLICATE_COVERAGE * len(pool):
                copy_of[n] = source
    return copy_of
