"""Consensus: centrality, cross-source support and lead position, combined."""

from __future__ import annotations

import numpy as np

from storyline.features.context import Features
from storyline.features.graph import above, pagerank
from storyline.rankers.base import zscore


class Consensus:
    """What many independent outlets report, near the top of their stories.

    A weighted sum of standardized features known to predict salience in
    multi-document news summarization: graph centrality in the best space
    available (LexRank, Erkan & Radev 2004; embeddings when loaded), the
    number of independent sources reporting the content (cross-document
    support, as in MEAD's and SumBasic's frequency signals; Nenkova &
    Vanderwende 2005), and the inverse position in the article (lead bias).
    """

    name = "consensus"
    description = "centrality + number of independent sources + lead position (Storyline's blend)"
    needs_embeddings = False

    def __init__(
        self,
        *,
        centrality: float = 1.0,
        support: float = 0.6,
        position: float = 0.4,
        threshold: float = 0.1,
    ) -> None:
        self.centrality = centrality
        self.support = support
        self.position = position
        self.threshold = threshold

    def score(self, features: Features) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        threshold = self.threshold if features.space == "tfidf" else max(self.threshold, 0.3)
        graph = above(features.graph, threshold)
        central = pagerank(graph) * len(features)
        return (
            self.centrality * zscore(central)
            + self.support * zscore(np.log1p(features.support))
            + self.position * zscore(-np.log1p(features.position))
        )
