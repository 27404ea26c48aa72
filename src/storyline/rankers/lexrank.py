"""LexRank: eigenvector centrality in the sentence-similarity graph."""

from __future__ import annotations

import numpy as np

from storyline.features.context import Features
from storyline.features.graph import knn_graph, pagerank


class LexRank:
    """Continuous LexRank (Erkan & Radev, "LexRank: Graph-based lexical
    centrality as salience in text summarization", JAIR 2004).

    Edges are TF-IDF cosines above ``threshold`` (0.1, the paper's best
    continuous setting keeps weak links); each node keeps its ``k`` strongest
    edges so large clusters stay sparse.
    """

    name = "lexrank"
    description = "PageRank centrality on the TF-IDF cosine graph (Erkan & Radev, 2004)"
    needs_embeddings = False

    def __init__(self, *, threshold: float = 0.1, damping: float = 0.85, k: int = 50) -> None:
        self.threshold = threshold
        self.damping = damping
        self.k = k

    def score(self, features: Features) -> np.ndarray:
        graph = knn_graph(features.tfidf, threshold=self.threshold, k=self.k)
        return pagerank(graph, damping=self.damping) * len(features)
