"""Concept coverage: the bigram ILP of Gillick & Favre (2009), weights by document frequency."""

from __future__ import annotations

import numpy as np

from storyline.features.context import Features
from storyline.rankers.base import Coverage


class ConceptCoverage:
    """Gillick & Favre ("A scalable global model for summarization", 2009): the
    summary covering the most weight of bigram concepts, chosen exactly
    (:mod:`storyline.cover`); a concept weighs the number of independent
    documents holding it, and only concepts held by at least ``min_documents``
    (at most half the story's documents, at least 2) count, as in their
    ICSI system's pruning. A one-document story has no document frequency to
    read: there a concept weighs its occurrences and needs at least two.

    ``score`` (each sentence's covered weight) orders the candidates the
    solver sees and breaks ties.
    """

    name = "ilp"
    description = "bigram-concept coverage solved exactly as an ILP, document-frequency weights (Gillick & Favre, 2009)"
    needs_embeddings = False

    def __init__(self, *, min_documents: int = 3, tie_break: float = 0.01) -> None:
        self.min_documents = min_documents
        self.tie_break = tie_break

    def weights(self, features: Features) -> np.ndarray:
        concepts = features.concepts
        documents = sum(1 for d in features.story.documents if d.duplicate_of is None)
        if documents <= 1:
            return np.where(concepts.count >= 2, concepts.count, 0.0)
        floor = max(2, min(self.min_documents, documents // 2))
        return np.where(concepts.documents >= floor, concepts.documents, 0.0)

    def score(self, features: Features) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        return np.asarray(features.concepts.matrix @ self.weights(features)).ravel()

    def coverage(self, features: Features) -> Coverage:
        weights = self.weights(features)
        top = float(weights.max(initial=0.0))
        return Coverage(features.concepts.matrix, weights, sentence_weight=self.tie_break * max(top, 1.0))
