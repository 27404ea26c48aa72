"""Confidence intervals and significance over clusters, by the bootstrap.

Clusters are the unit resampled: a benchmark's clusters are its sample.

* :func:`confidence_interval`: the percentile bootstrap interval of the mean
  (Efron & Tibshirani, *An Introduction to the Bootstrap*, 1993, ch. 13).
* :func:`paired_p_value`: the paired bootstrap test of Berg-Kirkpatrick,
  Burkett & Klein, "An Empirical Investigation of Statistical Significance in
  NLP" (EMNLP 2012), resampling per-cluster differences.

Both are seeded (a numpy ``Generator``, :data:`SEED`, :data:`RESAMPLES` draws):
the same scores always give the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

RESAMPLES = 1000
SEED = 20120712  # any fixed value; the date of EMNLP 2012's proceedings


def _resampled_means(values: np.ndarray, *, resamples: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return values[rng.integers(0, values.size, (resamples, values.size))].mean(axis=1)


def confidence_interval(
    values: Sequence[float] | np.ndarray, *, level: float = 0.95, resamples: int = RESAMPLES, seed: int = SEED
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (NaNs when empty)."""
    data = np.asarray(values, dtype=float)
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, got {level!r}")
    if data.size == 0:
        return (float("nan"), float("nan"))
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(_resampled_means(data, resamples=resamples, seed=seed), [tail, 100 - tail])
    return float(low), float(high)


def paired_p_value(
    ours: Sequence[float] | np.ndarray,
    theirs: Sequence[float] | np.ndarray,
    *,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> float:
    """One-sided p-value of "``ours`` is not better than ``theirs`` on average" (paired by cluster).

    Berg-Kirkpatrick et al. (2012), section 2: with observed mean difference
    ``d``, the share of resampled differences ``d_b`` with ``d_b > 2 d`` (the
    bootstrap distribution shifted to the null's mean of 0). When ``ours`` is
    not ahead (``d <= 0``) the p-value is 1.
    """
    a, b = np.asarray(ours, dtype=float), np.asarray(theirs, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired scores need the same length, got {a.size} and {b.size}")
    if a.size == 0:
        return float("nan")
    diff = a - b
    observed = float(diff.mean())
    if observed <= 0:
        return 1.0
    means = _resampled_means(diff, resamples=resamples, seed=seed)
    return float(np.mean(means > 2 * observed))


__all__ = ["RESAMPLES", "SEED", "confidence_interval", "paired_p_value"]
