"""TF-IDF rows in numpy and scipy.sparse: scikit-learn's ``TfidfVectorizer``, value for value.

Salton & Buckley, "Term-weighting approaches in automatic text retrieval" (1988): a term's
weight in a sentence is its (here sublinear, ``1 + log tf``) frequency times its inverse
document frequency, smoothed as ``1 + log((1 + n) / (1 + df))``, each row scaled to unit
length. This module computes exactly what scikit-learn 1.9's ``TfidfVectorizer`` returns for
the options Storyline uses (lowercase, a token pattern, its English stop words, unigrams):
the same floats in the same stored order (terms in a row by first appearance in the corpus,
numbered in sorted order), since the similarity products downstream sum in that order.
tests/features/test_tfidf.py checks it against scikit-learn. Importing scikit-learn costs a
cold start about a second (scipy.stats and friends); this needs only scipy.sparse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from storyline.lexicon import words

__all__ = ["english_stop_words", "tfidf"]


def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop-word list (``stop_words="english"``)."""
    return words("english_stop_words")


def tfidf(
    texts: Sequence[str], *, token_pattern: str, stop_words: frozenset[str] = frozenset(), sublinear_tf: bool = False
) -> sp.csr_matrix:
    """L2-normalized TF-IDF rows of ``texts`` (one column per term, terms sorted).

    Raises:
        ValueError: no term is left (only stop words, or no token at all), as scikit-learn does.
    """
    find = re.compile(token_pattern).findall
    vocabulary: dict[str, int] = {}  # term -> order of first appearance
    columns: list[int] = []
    counts: list[int] = []
    indptr = [0]
    for text in texts:
        row: dict[int, int] = {}
        for term in find(text.lower()):
            if term in stop_words:
                continue
            column = vocabulary.setdefault(term, len(vocabulary))
            row[column] = row.get(column, 0) + 1
        # scikit-learn sorts a row's entries by first appearance, then renumbers the terms in sorted order.
        for column in sorted(row):
            columns.append(column)
            counts.append(row[column])
        indptr.append(len(columns))
    if not vocabulary:
        raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
    renumber = np.empty(len(vocabulary), dtype=np.int32)
    for rank, term in enumerate(sorted(vocabulary)):
        renumber[vocabulary[term]] = rank
    indices = renumber[np.asarray(columns, dtype=np.int32)]
    data = np.asarray(counts, dtype=np.float64)
    if sublinear_tf:
        np.log(data, out=data)
        data += 1.0
    document_frequency = np.bincount(indices, minlength=len(vocabulary)).astype(np.float64)
    document_frequency += 1.0
    idf = np.full_like(document_frequency, len(texts) + 1, dtype=np.float64)
    idf /= document_frequency
    np.log(idf, out=idf)
    idf += 1.0
    data *= idf[indices]
    _normalize_rows(data, np.asarray(indptr, dtype=np.int32))
    return sp.csr_matrix((data, indices, np.asarray(indptr, dtype=np.int32)), shape=(len(texts), len(vocabulary)))


def _normalize_rows(data: np.ndarray, indptr: np.ndarray) -> None:
    """Divide each row by its L2 norm in place, its squares summed left to right (as scikit-learn's loop does)."""
    lengths = np.diff(indptr)
    starts = indptr[:-1]
    squares = np.zeros(len(lengths), dtype=np.float64)
    for position in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > position)
        value = data[starts[rows] + position]
        squares[rows] += value * value
    norms = np.sqrt(squares)
    nonzero = np.repeat(squares != 0.0, lengths)
    data[nonzero] /= np.repeat(norms, lengths)[nonzero]
