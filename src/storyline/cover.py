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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp

if TYPE_CHECKING:  # scipy.optimize is imported by the exact cover alone (~0.3 s of a cold start)
    from scipy.optimize import Bounds, LinearConstraint

from storyline.features.context import Features
from storyline.rankers.base import Coverage

#: Candidates (by score) and concepts (by weight) the problem keeps. On Multi-News dev (shipped models,
#: 238 clusters) the exact optimum over the best 30 and their 100 heaviest concepts scored 45.87 / 16.45
#: R1 / R2, over 60 and 500 45.70 / 16.36, over 15 and 50 45.31 / 15.89: 30 lose nothing measurable.
MAX_SENTENCES = 30
MAX_CONCEPTS = 100
#: The greedy's gain per word**r (Lin & Bilmes' cost scaling, their r). Same data as above, exact 45.87 / 16.45:
#: r = 0.6 45.62 / 16.10, 0.7 45.76 / 16.22, 0.8 45.77 / 16.31 (p 0.25 / 0.22 that the exact is not better),
#: 1.0 45.57 / 16.10.
COST_EXPONENT = 0.8
#: Swaps the greedy's local search may make.
MAX_SWAPS = 20
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
    ``coverage.solver`` says how: ``exact`` (the ILP, HiGHS) or ``greedy`` (:func:`greedy_cover`).
    """
    problem = _Problem.build(features, scores, coverage, eligible=eligible, after=after, fixed=fixed, words=words)
    if problem is None:
        return []
    if coverage.solver == "greedy":
        return greedy_cover(problem, coverage, words=words)
    return _exact_cover(problem, coverage, words=words)


@dataclass(frozen=True)
class _Problem:
    """The pruned coverage problem: the pooled items, their concepts, lengths, scaled scores and pair rules."""

    pool: list[int]
    fixed: list[int]
    source: sp.csr_matrix  # the coverage's items x concepts
    held: np.ndarray  # the concepts kept, heaviest first
    dense: np.ndarray  # pool x held concepts, True where the item holds the concept
    weights: np.ndarray  # the held concepts' weights
    lengths: np.ndarray  # the pooled items' words
    gain: np.ndarray  # the pooled items' scores scaled to [0, 1]
    exclusive: list[tuple[int, int]]  # pool positions of two items of related content
    needs: list[tuple[int, int]]  # (dependent, predecessor) pool positions

    @classmethod
    def build(
        cls,
        features: Features,
        scores: np.ndarray,
        coverage: Coverage,
        *,
        eligible: list[int],
        after: dict[int, int | None],
        fixed: list[int] | None,
        words: int,
    ) -> _Problem | None:
        fixed = list(fixed or [])
        lengths = np.asarray(features.words, dtype=float)
        pool = [i for i in eligible if lengths[i] <= words and (i not in after or after[i] is not None)]
        if not pool:
            return None
        ordered = np.nan_to_num(np.asarray(scores), nan=-np.inf)
        pool = sorted(pool, key=lambda i: (i not in fixed, -float(ordered[i]), i))
        pool = pool[:MAX_SENTENCES]
        # A dependent sentence stays only with its predecessor in the pool.
        kept = set(pool)
        pool = [i for i in pool if i not in after or after[i] in kept]
        if not pool:  # only dependent sentences fit, and none of their predecessors does
            return None
        source = sp.csr_matrix(coverage.matrix)
        # The pooled rows' entries from the CSR arrays (a scipy row slice and column sum cost ~0.1 ms each).
        sizes = np.diff(source.indptr)[pool]
        offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        entries = np.repeat(source.indptr[pool], sizes) + offset
        rows, cols, values = np.repeat(np.arange(len(pool)), sizes), source.indices[entries], source.data[entries]
        # The concepts the pool holds (a binary matrix's column sums are exact counts, in any order).
        held = np.flatnonzero(np.bincount(cols, weights=values, minlength=source.shape[1]) > 0)
        weights = coverage.weights_of(held)
        held, weights = held[weights > 0], weights[weights > 0]
        order = np.argsort(-weights, kind="stable")[:MAX_CONCEPTS]
        held, weights = held[order], weights[order]
        column = np.full(source.shape[1], -1)
        column[held] = np.arange(held.size)
        dense = np.zeros((len(pool), held.size), dtype=bool)
        kept_entries = (column[cols] >= 0) & (values > 0)
        dense[rows[kept_entries], column[cols[kept_entries]]] = True
        where = {i: j for j, i in enumerate(pool)}
        return cls(
            pool=pool,
            fixed=[i for i in fixed if i in where],
            source=source,
            held=held,
            dense=dense,
            weights=weights,
            lengths=lengths[pool],
            gain=_scaled(np.asarray(scores, dtype=float)[pool]),
            exclusive=_exclusive_pairs(features, pool),
            needs=[(where[i], where[p]) for i, p in after.items() if i in where and p in where],
        )

    def matrix(self) -> sp.csr_matrix:
        """pool x held concepts, binary, as the ILP reads it."""
        return (self.source[self.pool][:, self.held] > 0).astype(float).tocsr()


def greedy_cover(problem: _Problem, coverage: Coverage, *, words: int) -> list[int]:
    """The cost-scaled greedy of Lin & Bilmes (NAACL 2010) on the ILP's objective, then swaps, same rules.

    Each step adds the item whose marginal gain (the weight of the concepts it
    newly covers, plus ``sentence_weight`` times its scaled score) per word is
    largest, among those that fit, hold no content related to a chosen item
    and whose predecessor, if they need one, is chosen; the confirmed minimum
    is met first, from the confirmed items. Then the best swap of a chosen item
    for another that raises the objective is made, and the greedy goes on,
    until neither helps: a local search from the greedy start (coverage is
    submodular, so the greedy alone is within a constant factor of the
    optimum: Lin & Bilmes; Khuller et al., 1999), at a fraction of the
    solver's cost (bench/results/quality.md).
    """
    search = _Search(problem, coverage, words=words)
    for _ in range(MAX_SWAPS + 1):
        search.fill()
        if not search.swap():
            break
    return [problem.pool[j] for j in np.flatnonzero(search.chosen)]


class _Search:
    """The state of :func:`greedy_cover`: the chosen pool positions and what they cover."""

    def __init__(self, problem: _Problem, coverage: Coverage, *, words: int) -> None:
        k = problem.lengths.size
        self.words = words
        self.lengths = problem.lengths
        self.dense = problem.dense
        self.weights = problem.weights
        self.own = coverage.sentence_weight * problem.gain
        self.blocked = np.zeros((k, k), dtype=bool)
        for a, b in problem.exclusive:
            self.blocked[a, b] = self.blocked[b, a] = True
        self.predecessor = np.full(k, -1)
        for dependent, before in problem.needs:
            self.predecessor[dependent] = before
        where = {i: j for j, i in enumerate(problem.pool)}
        self.fixed = np.zeros(k, dtype=bool)
        self.fixed[[where[i] for i in problem.fixed]] = True
        self.chosen = self.fixed.copy()
        self.confirmed = (
            np.asarray(coverage.confirmed, dtype=bool)[problem.pool]
            if coverage.confirmed is not None
            else np.zeros(k, dtype=bool)
        )
        self.need = min(coverage.min_confirmed, int(self.confirmed.sum()))

    def _open(self, chosen: np.ndarray, room: float) -> np.ndarray:
        """Items that may join ``chosen`` with ``room`` words left."""
        open_ = ~chosen & (self.lengths <= room) & ~self.blocked[chosen].any(axis=0)
        return open_ & ((self.predecessor < 0) | chosen[np.maximum(self.predecessor, 0)])

    def _uncovered(self, chosen: np.ndarray) -> np.ndarray:
        return np.where(self.dense[chosen].any(axis=0), 0.0, self.weights)

    def fill(self) -> None:
        """Add items by gain per word while one fits and gains."""
        while True:
            chosen = self.chosen
            open_ = self._open(chosen, self.words - float(self.lengths[chosen].sum()))
            if int((chosen & self.confirmed).sum()) < self.need and (open_ & self.confirmed).any():
                open_ &= self.confirmed
            if not open_.any():
                return
            gain = self.dense @ self._uncovered(chosen) + self.own
            ratio = np.where(open_, gain / np.maximum(self.lengths, 1.0) ** COST_EXPONENT, -np.inf)
            best = int(np.argmax(ratio))
            if ratio[best] <= 0:
                return
            chosen[best] = True

    def swap(self) -> bool:
        """Make the best swap (one chosen item out, one other in) that raises the objective; False when none does."""
        chosen = self.chosen
        confirmed_count = int((chosen & self.confirmed).sum())
        best_delta, best_pair = 1e-9, None
        for out in np.flatnonzero(chosen & ~self.fixed):
            rest = chosen.copy()
            rest[out] = False
            if (rest & (self.predecessor == out)).any():  # a chosen sentence needs it
                continue
            uncovered = self._uncovered(rest)
            loss = float(self.dense[out] @ uncovered) + self.own[out]
            open_ = self._open(rest, self.words - float(self.lengths[rest].sum()))
            open_[out] = False
            if self.confirmed[out] and confirmed_count <= self.need:
                open_ &= self.confirmed
            if not open_.any():
                continue
            gain = np.where(open_, self.dense @ uncovered + self.own, -np.inf)
            into = int(np.argmax(gain))
            if gain[into] - loss > best_delta:
                best_delta, best_pair = float(gain[into] - loss), (int(out), into)
        if best_pair is None:
            return False
        chosen[best_pair[0]], chosen[best_pair[1]] = False, True
        return True


def _exact_cover(problem: _Problem, coverage: Coverage, *, words: int) -> list[int]:
    """The ILP's optimum over the pruned problem (HiGHS); the fixed items alone when it finds none."""
    from scipy.optimize import Bounds, LinearConstraint

    pool, matrix, weights = problem.pool, problem.matrix(), problem.weights
    k, m = len(pool), weights.size
    objective = -np.concatenate([coverage.sentence_weight * problem.gain, weights])
    constraints = [
        LinearConstraint(sp.hstack([sp.csr_matrix(problem.lengths[None, :]), sp.csr_matrix((1, m))]), -np.inf, words),
    ]
    if m:
        constraints.append(LinearConstraint(sp.hstack([-matrix.T, sp.identity(m)]).tocsr(), -np.inf, 0.0))
    pairs = [(a, b, 1.0, 1.0) for a, b in problem.exclusive] + [(a, b, 1.0, -1.0) for a, b in problem.needs]
    if pairs:
        constraints.append(_pair_constraint(pairs, k + m))
    bounds = Bounds(np.concatenate([[1.0 if i in problem.fixed else 0.0 for i in pool], np.zeros(m)]), 1.0)
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
        return list(problem.fixed)
    return [pool[j] for j in np.flatnonzero(result.x[:k] > 0.5)]


def _solve(objective: np.ndarray, constraints: list[LinearConstraint], k: int, m: int, bounds: Bounds) -> Any:
    from scipy.optimize import milp

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


def _exclusive_pairs(features: Features, pool: list[int]) -> list[tuple[int, int]]:
    """Pool positions of two items of related content: at most one is chosen (the greedy selector's rule)."""
    graph = features.graph
    where = np.full(graph.shape[0], -1)
    where[pool] = np.arange(len(pool))
    # Each pooled item's neighbours in the graph's order, as slicing the pool's rows and columns gives them:
    # every pooled row's entries gathered at once, in pool order, then kept where both ends are pooled.
    sizes = np.diff(graph.indptr)[pool]
    offset = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    entries = np.repeat(graph.indptr[pool], sizes) + offset
    a = np.repeat(np.arange(len(pool)), sizes)
    b = where[graph.indices[entries]]
    keep = (b > a) & (graph.data[entries] > features.related_threshold)
    return list(zip(a[keep].tolist(), b[keep].tolist(), strict=True))


def _pair_constraint(pairs: list[tuple[int, int, float, float]], width: int) -> LinearConstraint:
    """Rows ``sa * x_a + sb * x_b``: at most 1 for exclusive pairs, at most 0 for dependencies."""
    from scipy.optimize import LinearConstraint

    rows = np.repeat(np.arange(len(pairs)), 2)
    cols = np.array([c for a, b, _, _ in pairs for c in (a, b)])
    signs = np.array([v for _, _, sa, sb in pairs for v in (sa, sb)])
    upper = np.array([1.0 if sb > 0 else 0.0 for _, _, _, sb in pairs])
    return LinearConstraint(sp.csr_matrix((signs, (rows, cols)), shape=(len(pairs), width)), -np.inf, upper)
