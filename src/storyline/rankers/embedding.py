"""Embedding centrality: LexRank in sentence-embedding space."""

from __future__ import annotations

import numpy as np

from storyline.errors import ConfigError
from storyline.features.context import Features
from storyline.features.graph import above, pagerank


class EmbeddingCentrality:
    """PageRank centrality on the cosine graph of sentence embeddings.

    LexRank (Erkan & Radev, 2004) with Sentence-BERT-style vectors (Reimers &
    Gurevych, 2019) in place of TF-IDF, so paraphrases support each other.
    Embedding cosines are rarely below 0.2 between sentences of one story,
    hence the higher ``threshold``.
    """

    name = "embedding"
    description = "PageRank centrality on the sentence-embedding graph (LexRank with MiniLM vectors)"
    needs_embeddings = True

    def __init__(self, *, threshold: float = 0.3, damping: float = 0.85) -> None:
        self.threshold = threshold
        self.damping = damping

    def score(self, features: Features) -> np.ndarray:
        if features.embeddings is None:
            raise ConfigError("the 'embedding' ranker needs sentence embeddings; use embeddings 'static' or 'full'")
        graph = above(features.graph, self.threshold)
        return pagerank(graph, damping=self.damping) * len(features)
