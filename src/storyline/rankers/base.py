"""The ranker protocol: a ranker only scores; ``storyline.select`` picks."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from storyline.features.context import Features


class Ranker(Protocol):
    """Scores every item of a story: higher means more summary-worthy.

    ``score`` returns one finite float per item (``len(features)`` of them),
    deterministic for the same input. ``needs_embeddings`` tells the pipeline
    to load a sentence-embedding model first.
    """

    name: str
    description: str
    needs_embeddings: bool

    def score(self, features: Features) -> np.ndarray: ...


def zscore(values: np.ndarray) -> np.ndarray:
    """Standardize to mean 0, unit variance (all zeros when constant)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    std = values.std()
    return np.zeros_like(values) if std == 0 else (values - values.mean()) / std
