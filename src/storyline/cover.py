"""Exact concept coverage under a word budget: the ILP of Gillick & Favre (2009), solved with HiGHS.

Gillick & Favre ("A scalable global model for summarization", ILP for NLP
workshop, NAACL 2009) choose the sentences that maximize the total weight of
the concepts they cover, under the length budget::

    maximize   sum_c w_c z_c + a sum_s g_s x_s
    subject to sum_s l_s x_s <= L,   z_c <= sum_{s holds c} x_s,   x binary, 0 <= z <= 1

Redundancy is in the objective: a concept counts once however many chosen
sentences hold it. ``g`` are the ranker's scores scaled to [0, 1] and ``a``
their weight (a small tie-break for a pure coverage ranker). ``z`` may stay
continuous: at the optimum ``z_c = min(1, sum x)``, integral whenever ``x`` is.
The selector's rules become constraints: two sentences of the same content
are never both chosen, and a sentence that needs its predecessor is chosen
only with it. A ranker may ask for a minimum of "confirmed" sentences (their
fact reported by several sources): one more row, dropped when it leaves no
feasible summary. scipy.optimize.milp runs HiGHS (Huangfu & Hall, 2018).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from storyline.features.context import Features
from storyline.features.graph import above
from storyline.rankers.base import Coverage

#: Candidates (by score) and concepts (by weight) the problem keeps: the optimum over the
#: best 150 sentences is the optimum in practice, and it bounds the solver's time on huge stories.
MAX_SENTENCES = 60
MAX_CONCEPTS = 500
#: Seconds HiGHS may search; past it the best solution found so far is used.
TIME_LIMIT = 2.0


def best_cover(
    features: Features,
    scores: np.ndarray,
    coverage: Coverage,
    *,
    eligible: list[int],
    after: dict[int, int | None],
    words: int,
    fixed: list[int] | None = None,
) -> list[int]:
    """The items (indices into ``features.items``) of the best cover; empty when nothing fits.

    ``eligible``: the items that may be chosen; ``after``: the eligible items
    that may only follow their preceding sentence, mapped to its item (None: it
    has none, so they are never chosen); ``fixed``: eligible items the cover must hold (they fit together).
    """
    fixed = list(fixed or [])
    lengths = np.asarray(features.words, dtype=float)
    pool = [i for i in eligible if lengths[i] <= words and (i not in after or after[i] is not None)]
    if not pool:
        return []
    pool = sorted(pool, key=lambda i: (i not in fixed, -float(np.nan_to_num(scores[i], nan=-np.inf)), i))
    pool = pool[:MAX_SENTENCES]
    # A dependent sentence stays only with its predecessor in the pool.
    kept = set(pool)
    pool = [i for i in pool if i not in after or after[i] in kept]
    if not pool:  # only dependent sentences fit, and none of their predecessors does
        return []
    k = len(pool)
    matrix = sp.csr_matrix(coverage.matrix)[pool]
    weights = np.asarray(coverage.weights, dtype=float)
    held = np.flatnonzero((np.asarray(matrix.sum(axis=0)).ravel() > 0) & (weights > 0))
    held = held[np.argsort(-weights[held], kind="stable")[:MAX_CONCEPTS]]
    matrix = (matrix[:, held] > 0).astype(float)
    m = held.size
    gain = _scaled(np.asarray(scores, dtype=float)[pool])
    objective = -np.concatenate([coverage.sentence_weight * gain, weights[held]])
    constraints = [
        LinearConstraint(sp.hstack([sp.csr_matrix(lengths[pool][None, :]), sp.csr_matrix((1, m))]), -np.inf, words),
    ]
    if m:
        constraints.append(LinearConstraint(sp.hstack([-matrix.T, sp.identity(m)]).tocsr(), -np.inf, 0.0))
    pairs = _exclusive_pairs(features, pool) + _dependencies(pool, after)
    if pairs:
        constraints.append(_pair_constraint(pairs, k + m))
    bounds = Bounds(np.concatenate([[1.0 if i in fixed else 0.0 for i in pool], np.zeros(m)]), 1.0)
    result = None
    if coverage.confirmed is not None and coverage.min_confirmed > 0:
        confirmed = np.asarray(coverage.confirmed, dtype=bool)[pool].astype(float)
        need = min(coverage.min_confirmed, int(confirmed.sum()))
        if need:
            row = sp.csr_matrix(np.concatenate([confirmed, np.zeros(m)])[None, :])
            result = _solve(objective, [*constraints, LinearConstraint(row, need, np.inf)], k, m, bounds)
    if result is None or result.x is None:
        result = _solve(objective, constraints, k, m, bounds)
    if result.x is None:
        return [i for i in fixed if i in pool]
    return [pool[j] for j in np.flatnonzero(result.x[:k] > 0.5)]


def _solve(objective: np.ndarray, constraints: list[LinearConstraint], k: int, m: int, bounds: Bounds) -> Any:
    with _stdout_to_stderr():
        return milp(
            objective,
            constraints=constraints,
            integrality=np.concatenate([np.ones(k), np.zeros(m)]),
            bounds=bounds,
            options={"time_limit": TIME_LIMIT, "disp": False},
        )


@contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Send what C code writes to file descriptor 1 to stderr while the solver runs.

    HiGHS (as scipy 1.17 bundles it) prints a stray debug line to the C stdout
    when it repairs a solution ("HighsMipSolverData::transformNewIntegerFeasibleSolution",
    ERGO-Code/HiGHS#2783), whatever its options: it would corrupt a brief written to stdout.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no stdout at all: nothing to protect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _scaled(values: np.ndarray) -> np.ndarray:
    values = np.nan_to_num(values, nan=0.0, posinf=0.0, neginf=0.0)
    low, high = values.min(initial=0.0), values.max(initial=0.0)
    return (values - low) / (high - low) if high > low else np.zeros_like(values)


def _exclusive_pairs(features: Features, pool: list[int]) -> list[tuple[int, int, float, float]]:
    """x_a + x_b <= 1 for two pooled items of related content (the greedy selector's redundancy rule)."""
    graph = above(features.graph, features.related_threshold)[pool][:, pool].tocoo()
    return [(int(a), int(b), 1.0, 1.0) for a, b in zip(graph.row, graph.col, strict=True) if a < b]


def _dependencies(pool: list[int], after: dict[int, int | None]) -> list[tuple[int, int, float, float]]:
    """x_dependent - x_predecessor <= 0, written as the pair (dependent, predecessor) with signs."""
    where = {i: j for j, i in enumerate(pool)}
    return [(where[i], where[p], 1.0, -1.0) for i, p in after.items() if i in where and p in where]


def _pair_constraint(pairs: list[tuple[int, int, float, float]], width: int) -> LinearConstraint:
    """Rows ``sa * x_a + sb * x_b``: at most 1 for exclusive pairs, at most 0 for dependencies."""
    rows = np.repeat(np.arange(len(pairs)), 2)
    cols = np.array([c for a, b, _, _ in pairs for c in (a, b)])
    signs = np.array([v for _, _, sa, sb in pairs for v in (sa, sb)])
    upper = np.array([1.0 if sb > 0 else 0.0 for _, _, _, sb in pairs])
    return LinearConstraint(sp.csr_matrix((signs, (rows, cols)), shape=(len(pairs), width)), -np.inf, upper)
