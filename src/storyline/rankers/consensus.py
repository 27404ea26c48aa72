"""Consensus: what many independent sources report, said briefly, near the top of stories."""

from __future__ import annotations

import numpy as np

from storyline.features.context import Features
from storyline.features.graph import above, pagerank
from storyline.rankers.base import zscore
from storyline.rankers.centroid import Centroid


class Consensus:
    """A weighted sum of standardized salience features of multi-document news
    summarization:

    * ``centroid``: closeness to the cluster's TF-IDF centroid (Radev et al., 2004);
    * ``centrality``: PageRank in the shared similarity graph, in the best space
      available (LexRank, Erkan & Radev, 2004; embeddings when loaded);
    * ``support``: how many independent documents report related content
      (cross-document frequency, as in SumBasic, Nenkova & Vanderwende, 2005),
      counted with the looser ``related`` similarity of the features rather
      than the "reported by" figure of the brief, since paraphrases vote too;
    * ``brevity``: fewer words for the same content leave room for more facts
      (the cost scaling of Lin & Bilmes, 2011);
    * ``position``: lead bias of news articles (Nenkova, 2005).

    Weights were set on the Opinosis dev topics (bench/RESULTS.md records the
    trials); ``position`` is constant there and keeps a prior weight until news
    clusters with references arrive.
    """

    name = "consensus"
    description = "centroid + centrality + independent sources + brevity + lead position (Storyline's blend)"
    needs_embeddings = False

    def __init__(
        self,
        *,
        centroid: float = 1.0,
        centrality: float = 0.5,
        support: float = 0.3,
        brevity: float = 0.7,
        position: float = 0.4,
        threshold: float = 0.1,
    ) -> None:
        self.centroid = centroid
        self.centrality = centrality
        self.support = support
        self.brevity = brevity
        self.position = position
        self.threshold = threshold

    def score(self, features: Features) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        # Embedding cosines between sentences of one story rarely fall below 0.3.
        threshold = self.threshold if features.space == "tfidf" else max(self.threshold, 0.3)
        central = pagerank(above(features.graph, threshold)) * len(features)
        return (
            self.centroid * zscore(Centroid().score(features))
            + self.centrality * zscore(central)
            + self.support * zscore(np.log1p(features.sources_above(features.related_threshold)))
            + self.brevity * zscore(-np.log(np.maximum(features.words, 1)))
            + self.position * zscore(-np.log1p(features.position))
        )
