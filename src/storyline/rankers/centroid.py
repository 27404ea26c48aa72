"""Centroid: closeness to the cluster's TF-IDF centroid (Radev et al., 2004, MEAD)."""

from __future__ import annotations

import numpy as np

from storyline.features.context import Features


class Centroid:
    """Cosine similarity of each sentence to the centroid of all sentences.

    Folded copies weigh in once per copy, so syndicated content pulls the
    centroid as it would in the unfolded cluster (Radev, Jing, Styś & Tam,
    "Centroid-based summarization of multiple documents", IP&M 2004).
    """

    name = "centroid"
    description = "similarity to the cluster's TF-IDF centroid (Radev et al., 2004)"
    needs_embeddings = False

    def score(self, features: Features) -> np.ndarray:
        if len(features) == 0:
            return np.zeros(0)
        weights = np.array([len(item.members) for item in features.items], dtype=float)
        matrix = features.tfidf
        centroid = np.asarray(matrix.T @ weights).ravel()
        norm = np.linalg.norm(centroid)
        if norm == 0:
            return np.zeros(len(features))
        return np.asarray(matrix @ (centroid / norm)).ravel()
