"""Folding copies: syndicated and spun sentences become one item citing every copy.

Candidates come from MinHash LSH (Broder, 1997; datasketch) over word
unigrams and bigrams, so the cost grows with the number of sentences, not
its square; every candidate pair is then verified exactly, so only real
copies fold. Whole documents made of another's sentences are marked
``duplicate_of``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from datasketch import MinHash, MinHashLSH

from storyline.model import Document, Item, Sentence
from storyline.text.normalize import tokens

NUM_PERM = 64
# LSH recall target: pairs whose shingle Jaccard is near 0.5 become candidates.
LSH_THRESHOLD = 0.5
# Verified copies: a spun copy that swaps "Russia" for "Russian Federation" twice
# in a 30-word sentence keeps ~0.85 word Jaccard and ~0.75 bigram Jaccard; two
# different sentences on the same event rarely pass both.
WORD_JACCARD = 0.7
BIGRAM_JACCARD = 0.5
# Sentences this short fold only when their words are identical.
SHORT = 5
# A document whose sentences are this much covered by one earlier document is a copy.
DUPLICATE_COVERAGE = 0.9


def fold(documents: Sequence[Document]) -> tuple[tuple[Document, ...], tuple[Item, ...]]:
    """Group copies of sentences into items; mark whole-document copies."""
    sentences = [s for d in documents for s in d.sentences]
    shingles = [_shingles(s.text) for s in sentences]
    groups = _groups(sentences, shingles)
    order = _document_order(documents)
    documents = _mark_duplicates(documents, sentences, groups, order)
    canonical = {d.id: d.duplicate_of or d.id for d in documents}
    fresh = {s.key: s for d in documents for s in d.sentences}

    items = []
    for members in groups:
        ordered = sorted((fresh[sentences[m].key] for m in members), key=lambda s: (order[s.doc_id], s.index))
        items.append((ordered, len({canonical[s.doc_id] for s in ordered})))
    doc_index = {d.id: n for n, d in enumerate(documents)}
    items.sort(key=lambda pair: (doc_index[pair[0][0].doc_id], pair[0][0].index))
    return tuple(documents), tuple(Item(id=n, members=tuple(m), sources=k) for n, (m, k) in enumerate(items))


def _shingles(text: str) -> tuple[frozenset[str], frozenset[str]]:
    words = tokens(text)
    return frozenset(words), frozenset(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))


def _groups(sentences: list[Sentence], shingles: list[tuple[frozenset[str], frozenset[str]]]) -> list[list[int]]:
    """Connected components of verified copy pairs (union-find)."""
    parent = list(range(len(sentences)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Identical word sequences fold without hashing: the common syndication case.
    first_of: dict[tuple[str, ...] | str, int] = {}
    unique: list[int] = []
    for i, s in enumerate(sentences):
        key = tuple(tokens(s.text)) or s.text
        if key in first_of:
            parent[find(i)] = find(first_of[key])
        else:
            first_of[key] = i
            unique.append(i)

    candidates = [i for i in unique if len(shingles[i][0]) >= SHORT]
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    sets = [[w.encode() for w in shingles[i][0] | shingles[i][1]] for i in candidates]
    for i, minhash in zip(candidates, MinHash.bulk(sets, num_perm=NUM_PERM, seed=1), strict=True):
        for j in lsh.query(minhash):
            if _same(shingles[i], shingles[int(j)]):
                parent[find(i)] = find(int(j))
        lsh.insert(i, minhash)

    groups: dict[int, list[int]] = {}
    for i in range(len(sentences)):
        groups.setdefault(find(i), []).append(i)
    return list(groups.values())


def _same(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Verified copies: close wording and the same numbers (a changed figure is news, not a copy)."""
    return (
        _jaccard(a[0], b[0]) >= WORD_JACCARD
        and _jaccard(a[1], b[1]) >= BIGRAM_JACCARD
        and {w for w in a[0] if w.isdigit()} == {w for w in b[0] if w.isdigit()}
    )


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 1.0


def _document_order(documents: Sequence[Document]) -> dict[str, tuple[bool, dt.date, int]]:
    """Earliest first: by date (undated last), then input order."""
    return {
        d.id: (d.article.date is None, d.article.date or dt.date.min, n) for n, d in enumerate(documents)
    }


def _mark_duplicates(
    documents: Sequence[Document],
    sentences: list[Sentence],
    groups: list[list[int]],
    order: dict[str, tuple[bool, dt.date, int]],
) -> tuple[Document, ...]:
    """Set ``duplicate_of`` on documents covered by one earlier document."""
    docs_in_group = [{sentences[m].doc_id for m in g} for g in groups]
    group_of = {m: n for n, g in enumerate(groups) for m in g}
    shared: dict[str, Counter[str]] = {d.id: Counter() for d in documents}
    position = 0
    for d in documents:
        for _ in d.sentences:
            for other in docs_in_group[group_of[position]] - {d.id}:
                if order[other] < order[d.id]:
                    shared[d.id][other] += 1
            position += 1
    duplicate_of: dict[str, str] = {}
    for d in sorted(documents, key=lambda doc: order[doc.id]):
        if not d.sentences or not shared[d.id]:
            continue
        # The earliest of the documents sharing the most sentences.
        source = max(sorted(shared[d.id], key=order.__getitem__), key=shared[d.id].__getitem__)
        if shared[d.id][source] >= DUPLICATE_COVERAGE * len(d.sentences):
            duplicate_of[d.id] = duplicate_of.get(source, source)
    return tuple(replace(d, duplicate_of=duplicate_of[d.id]) if d.id in duplicate_of else d for d in documents)
