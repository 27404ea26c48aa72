"""Submodular coverage + diversity (Lin & Bilmes, 2011)."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from storyline.features.context import Features


class Submodular:
    """Greedy maximization of ``L(S) + lambda * R(S)`` (Lin & Bilmes, "A class
    of submodular functions for document summarization", ACL 2011).

    ``L`` is saturated coverage, ``sum_i min(C_i(S), alpha * C_i(V))``;
    ``R`` rewards diversity, ``sum_k sqrt(sum_{j in S, j in P_k} r_j)`` over
    k-means clusters ``P_k``. Candidates are taken by gain per ``cost**r`` (the
    paper's scaled greedy, ``r = 0.3``). The greedy order is the score: the
    first pick scores highest. Items beyond ``picks`` score by their
    stand-alone gain, below every pick.
    """

    name = "submodular"
    description = "greedy coverage + diversity, monotone submodular objective (Lin & Bilmes, 2011)"
    needs_embeddings = False

    def __init__(
        self,
        *,
        alpha: float = 0.25,
        diversity: float = 6.0,
        cost_exponent: float = 0.3,
        picks: int = 40,
        seed: int = 0,
    ) -> None:
        self.alpha = alpha
        self.diversity = diversity
        self.cost_exponent = cost_exponent
        self.picks = picks
        self.seed = seed

    def score(self, features: Features) -> np.ndarray:
        n = len(features)
        if n == 0:
            return np.zeros(0)
        graph = features.graph + sp.identity(n, format="csr")
        coo = graph.tocoo()
        # Column j covers row i with weight w_ij: gains are sums over columns.
        rows, cols, weights = coo.row, coo.col, coo.data
        cap = self.alpha * np.asarray(graph.sum(axis=1)).ravel()
        reward = np.asarray(graph.sum(axis=0)).ravel() / n
        clusters = self._clusters(features)
        cost = np.maximum(features.words, 1).astype(float) ** self.cost_exponent
        candidates = np.array([item.selectable for item in features.items])

        covered = np.zeros(n)
        cluster_mass = np.zeros(clusters.max() + 1)
        scores = np.full(n, -np.inf)
        alone = self._gains(rows, cols, weights, covered, cap, n) + self.diversity * np.sqrt(reward)
        for order in range(min(self.picks, int(candidates.sum()))):
            coverage = self._gains(rows, cols, weights, covered, cap, n)
            diversity = np.sqrt(cluster_mass[clusters] + reward) - np.sqrt(cluster_mass[clusters])
            gain = (coverage + self.diversity * diversity) / cost
            gain[~candidates] = -np.inf
            best = int(np.argmax(gain))
            scores[best] = 2.0 + self.picks - order
            candidates[best] = False
            chosen = cols == best
            np.add.at(covered, rows[chosen], weights[chosen])
            cluster_mass[clusters[best]] += reward[best]
        rest = np.isinf(scores)
        top = alone[rest].max(initial=0.0)
        scores[rest] = alone[rest] / top if top > 0 else 0.0
        return scores

    @staticmethod
    def _gains(
        rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, covered: np.ndarray, cap: np.ndarray, n: int
    ) -> np.ndarray:
        before = np.minimum(covered[rows], cap[rows])
        after = np.minimum(covered[rows] + weights, cap[rows])
        return np.bincount(cols, weights=after - before, minlength=n)

    def _clusters(self, features: Features) -> np.ndarray:
        n = len(features)
        count = max(1, min(n // 5, 100))
        if count == 1:
            return np.zeros(n, dtype=int)
        # Imported here: scikit-learn costs a cold start about a second, and only this ranker needs it.
        from sklearn.cluster import MiniBatchKMeans

        model = MiniBatchKMeans(n_clusters=count, random_state=self.seed, n_init=3, batch_size=1024)
        return np.asarray(model.fit_predict(features.vectors), dtype=int)
