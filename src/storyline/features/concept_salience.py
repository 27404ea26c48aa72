"""Salience features of bigram concepts, for learning concept weights (Berg-Kirkpatrick et al., 2011).

Gillick & Favre (2009) weigh a concept by how many documents hold it; Li, Qian
& Liu ("Using supervised bigram-based ILP for extractive summarization", ACL
2013) and Berg-Kirkpatrick, Gillick & Klein (ACL 2011) learn the weight from
features of the concept instead. These are such features: how widely and how
early it is reported, whether a headline holds it, and the best salience of
the sentences holding it (:mod:`storyline.features.salience`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from storyline.features.salience import COLUMNS
from storyline.features.tfidf import english_stop_words

if TYPE_CHECKING:
    from storyline.features.context import Features
    from storyline.features.salience import Salience

_DIGIT = re.compile(r"\d")

#: The columns of :func:`concept_salience`, in order.
CONCEPT_COLUMNS = (
    "documents",  # log(1 + independent documents holding it)
    "documents_share",  # the same, over the story's independent documents
    "count",  # log(1 + occurrences)
    "count_share",  # occurrences over the story's most frequent concept's
    "first",  # log(1 + earliest position in a document)
    "headline",  # 1 when a headline (or a lead standing in for one) holds it
    "items",  # log(1 + items holding it)
    "stop",  # 1 when one of its words is a stop word
    "number",  # 1 when it holds a figure
    "best_headline",  # the holding sentences' best headline closeness
    "best_support",  # ... best share of documents reporting them
    "best_reported",  # ... best share of documents reporting their fact (rewordings included)
    "best_centroid",  # ... best centroid percentile
    "best_concepts",  # ... best mean concept document share
    "earliest",  # ... smallest relative position
    "story_documents",  # log(independent documents in the story)
    "story_sentences",  # log(items in the story)
)


def concept_salience(features: Features, subset: np.ndarray | None = None) -> np.ndarray:
    """concepts x :data:`CONCEPT_COLUMNS`, float; only the concepts at indices ``subset`` when given.

    Every column is a property of one concept, so a subset's rows are those of the whole.
    """
    concepts = features.concepts
    chosen = np.arange(len(concepts)) if subset is None else np.asarray(subset, dtype=int)
    m = chosen.size
    if m == 0:
        return np.zeros((0, len(CONCEPT_COLUMNS)))
    salience = features.salience
    # The chosen concepts' holders (items), concept by concept, gathered from the story's CSC.
    holders = concepts.holders
    starts, sizes = holders.indptr[chosen], np.diff(holders.indptr)[chosen]
    offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    items = holders.indices[np.repeat(starts, sizes) + offset]
    documents = max(1, sum(1 for d in features.story.documents if d.duplicate_of is None))
    names = [concepts.names[c] for c in chosen]
    pairs = [name.partition(" ") for name in names]
    stop = english_stop_words()
    held_by = concepts.documents[chosen]
    count = concepts.count[chosen]
    first = concepts.first[chosen]
    columns = {
        "documents": np.log1p(held_by),
        "documents_share": held_by / documents,
        "count": np.log1p(count),
        "count_share": count / concepts.count.max(),
        "first": np.log1p(np.where(np.isfinite(first), first, 0.0)),
        "headline": concepts.headline[chosen],
        "items": np.log1p(sizes.astype(float)),
        "stop": np.array([a in stop or b in stop for a, _, b in pairs], dtype=float),
        "number": np.array([_DIGIT.search(name) is not None for name in names], dtype=float),
        **_best(items, sizes, salience),
        "story_documents": np.full(m, np.log(documents)),
        "story_sentences": np.full(m, np.log(max(len(features), 1))),
    }
    return np.column_stack([np.asarray(columns[c], dtype=float) for c in CONCEPT_COLUMNS])


#: The ``best_*`` columns: the salience column each reads; ``earliest`` reads 1 - relative position.
_BEST = {
    "best_headline": "headline_max",
    "best_support": "support_share",
    "best_reported": "reported_share",
    "best_centroid": "centroid",
    "best_concepts": "concept_documents",
    "earliest": "relative_position",
}


def _best(items: np.ndarray, sizes: np.ndarray, salience: Salience) -> dict[str, np.ndarray]:
    """The ``best_*`` columns and ``earliest``: per concept, the largest value over the items holding it
    (``items``: every concept's holders in turn, ``sizes`` of them each).

    Computed as ``max(value + 1) - 1`` over the holders (an empty column gives -1): the floats of a sparse
    column maximum of the shifted values, which these columns were first computed with and the shipped
    concept model was fitted on; all six in one pass over the holders (a maximum is the same in any order).
    """
    values = salience.matrix[:, [COLUMNS.index(c) for c in _BEST.values()]].copy()
    values[:, -1] = 1.0 - values[:, -1]
    values += 1.0
    best = np.zeros((sizes.size, len(_BEST)))
    held = sizes > 0
    if items.size:
        starts = (np.cumsum(sizes) - sizes)[held]
        best[held] = np.maximum.reduceat(values[items], starts, axis=0)
    best -= 1.0
    columns = dict(zip(_BEST, best.T, strict=True))
    columns["earliest"] = 1.0 - columns["earliest"]
    return columns


__all__ = ["CONCEPT_COLUMNS", "concept_salience"]
