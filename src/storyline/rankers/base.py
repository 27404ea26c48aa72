"""The ranker protocol: a ranker only scores; ``storyline.select`` picks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import numpy as np
import scipy.sparse as sp

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


@dataclass(frozen=True)
class Coverage:
    """What a summary should cover: concepts, the items holding them, and their weights.

    ``matrix`` is items x concepts (nonzero where the item holds the concept),
    ``weights`` one positive weight per concept; ``sentence_weight`` is the
    weight of the ranker's own scores (scaled to [0, 1]) in the objective
    :func:`storyline.select.select` maximizes. With ``confirmed`` (a boolean
    per item), the cover holds at least ``min_confirmed`` confirmed items
    (fewer when fewer are candidates, none when that cannot fit). ``solver``:
    ``exact`` (the ILP's optimum, HiGHS) or ``greedy`` (Lin & Bilmes' cost-scaled
    greedy on the same objective, :func:`storyline.cover.greedy_cover`). ``weigh``,
    when given, computes the weights of the concepts asked for (by index) instead:
    the selector asks only for those its candidates hold. Under a budget of fewer
    than ``min_words`` words the selector does not cover: it picks greedily by score.
    """

    matrix: sp.csr_matrix
    weights: np.ndarray | None = None
    sentence_weight: float = 0.0
    confirmed: np.ndarray | None = None
    min_confirmed: int = 0
    solver: str = "exact"
    weigh: Callable[[np.ndarray], np.ndarray] | None = None
    min_words: int = 0

    def weights_of(self, concepts: np.ndarray) -> np.ndarray:
        """The weights of the concepts at indices ``concepts``."""
        if self.weigh is not None:
            return np.asarray(self.weigh(concepts), dtype=float)
        if self.weights is None:
            raise ValueError("a Coverage needs weights or weigh")
        return np.asarray(self.weights, dtype=float)[concepts]


@runtime_checkable
class CoverageRanker(Ranker, Protocol):
    """A ranker that may name concepts to cover: the selector then solves the coverage problem exactly.

    ``coverage`` returns None when the story gives the ranker nothing to cover
    (the selector then picks greedily by score).
    """

    def coverage(self, features: Features) -> Coverage | None: ...


@runtime_checkable
class AnchoredRanker(Ranker, Protocol):
    """A ranker that names one sentence the summary must hold (the story's main event, say).

    ``anchor`` returns an item index, or None; the selector holds it whenever
    it is eligible, needs no context and fits the budget.
    """

    def anchor(self, features: Features) -> int | None: ...


def zscore(values: np.ndarray) -> np.ndarray:
    """Standardize to mean 0, unit variance (all zeros when constant)."""
    values = np.asarray(values, dtype=float)
    if values.size == 0:
        return values
    std = values.std()
    return np.zeros_like(values) if std == 0 else (values - values.mean()) / std
