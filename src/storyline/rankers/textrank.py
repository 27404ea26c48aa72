"""TextRank: PageRank over word-overlap similarity (Mihalcea & Tarau, 2004)."""

from __future__ import annotations

import numpy as np

from storyline.features.context import Features
from storyline.features.graph import knn_graph, pagerank


class TextRank:
    """TextRank for sentence extraction (Mihalcea & Tarau, "TextRank: Bringing
    order into texts", EMNLP 2004): similarity is the number of shared words
    divided by ``log|Si| + log|Sj|``, ranked with PageRank.
    """

    name = "textrank"
    description = "PageRank on word-overlap similarity (Mihalcea & Tarau, 2004)"
    needs_embeddings = False

    def __init__(self, *, damping: float = 0.85, k: int = 50) -> None:
        self.damping = damping
        self.k = k

    def score(self, features: Features) -> np.ndarray:
        n = len(features)
        if n == 0:
            return np.zeros(0)
        # Imported here: scikit-learn costs a cold start about a second, and only this ranker needs it.
        from sklearn.feature_extraction.text import CountVectorizer

        try:
            words = CountVectorizer(binary=True, stop_words="english").fit_transform(features.texts).tocsr()
        except ValueError:  # nothing but stop words
            return np.zeros(n)
        lengths = np.maximum(np.asarray(words.sum(axis=1)).ravel(), 2)
        logs = np.log(lengths)

        def normalize(block: np.ndarray, first: int) -> np.ndarray:
            rows = logs[first : first + block.shape[0], None]
            return block / (rows + logs[None, :])

        graph = knn_graph(words, k=self.k, rescale=normalize)
        return pagerank(graph, damping=self.damping) * n
