"""Similarity graphs and PageRank, shared by every graph-based ranker.

Graphs are sparse: each row keeps its ``k`` most similar neighbours above a
threshold, computed in row blocks, so memory grows with ``n * k`` instead of
``n**2`` and a 30,000-sentence cluster stays well under a gigabyte.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

from storyline.blas import one_blas_thread

# A dense array or a scipy sparse matrix (untyped: scipy ships no stubs).
Matrix: TypeAlias = Any

_BLOCK = 512
#: Rows wider than this pick their strongest entries among a sampled floor's candidates (:func:`_strongest`).
WIDE = 4096
#: Columns of a wide row's sample.
SAMPLE = 1024
#: Up to this many nodes PageRank is a dense linear solve (exact, and cheaper than iterating; beyond it
#: the BLAS goes multi-threaded, which on shared cores costs far more than it saves).
DENSE_PAGERANK = 64


def knn_graph(
    vectors: Matrix,
    *,
    threshold: float = 0.0,
    k: int = 50,
    binary: bool = False,
    rescale: Callable[[np.ndarray, int], np.ndarray] | None = None,
) -> sp.csr_matrix:
    """Similarity graph over rows, without self-loops.

    The similarity is the dot product (cosine for L2-normalized rows), passed
    through ``rescale(block, first_row)`` when given (TextRank's length
    normalization). Keeps, per row, the ``k`` largest similarities that exceed
    ``threshold``; the result is symmetrized with ``max`` so an edge kept by
    either end stays.
    """
    n = vectors.shape[0]
    if n > WIDE or sp.issparse(vectors):
        return _knn_graph(vectors, threshold, k, binary, rescale)
    with one_blas_thread():
        return _knn_graph(vectors, threshold, k, binary, rescale)


def _knn_graph(
    vectors: Matrix,
    threshold: float,
    k: int,
    binary: bool,
    rescale: Callable[[np.ndarray, int], np.ndarray] | None,
) -> sp.csr_matrix:
    n = vectors.shape[0]
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    transposed = vectors.T
    # A wide story's sparse products stay sparse: every candidate of a row is a stored entry (see _sparse_strongest).
    sparse_rows = sp.issparse(vectors) and n > WIDE and rescale is None and threshold >= 0.0
    for start in range(0, n, _BLOCK):
        block = vectors[start : start + _BLOCK] @ transposed
        if sparse_rows and n - 1 > min(k, n - 1) > 0:
            r, c, v = _sparse_strongest(sp.csr_matrix(block), start, min(k, n - 1), threshold)
            rows.append(r + start)
            cols.append(c)
            vals.append(v)
            continue
        block = block.toarray() if sp.issparse(block) else np.asarray(block)
        if rescale is not None:
            block = rescale(block, start)
        rows_here = np.arange(block.shape[0])
        block[rows_here, start + rows_here] = 0.0  # no self-loops
        kk = min(k, n - 1)
        if kk <= 0:
            break
        r, c, v = _strongest(block, kk, threshold)
        rows.append(r + start)
        cols.append(c)
        vals.append(v)
    if not rows:
        return sp.csr_matrix((n, n), dtype=np.float64)
    data = np.concatenate(vals).astype(np.float64)
    if binary:
        data = np.ones_like(data)
    if n <= _BLOCK:
        # One block: symmetrized densely, the same canonical CSR as the sparse maximum's (a handful of
        # scipy conversions, each ~50 us, are most of a small story's graph).
        kept = np.zeros((n, n))
        kept[np.concatenate(rows), np.concatenate(cols)] = data
        return sp.csr_matrix(np.maximum(kept, kept.T))
    graph = sp.csr_matrix((data, (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    graph = graph.maximum(graph.T).tocsr()
    if n > WIDE:
        graph.sort_indices()  # one order whatever the candidates' (a small story keeps the order it always had)
    return graph


def _strongest(block: np.ndarray, kk: int, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Row, column and value of each row's ``kk`` largest entries (``kk`` < the row's width) above ``threshold``.

    A row wider than :data:`WIDE` first keeps its candidates: the entries at least its ``kk``-th
    largest among every ``width // SAMPLE``-th column, a value no larger than the row's own ``kk``-th
    largest, so every entry of the row's top ``kk`` is a candidate (a few hundred per row instead of
    tens of thousands); the top ``kk`` are then picked among them. Selecting among all of a wide row
    costs ~40x the sample's pass (argpartition on a 20,000-item story: 0.4 s a block of 512 rows).
    Only a tie at the ``kk``-th value may keep another of the tied entries than the full selection
    does (tests/features/test_graph.py compares the two).
    """
    height, width = block.shape
    if width > WIDE:
        # Negated, so the selection runs from the near end: from the far one it crawls through the zeros
        # of a TF-IDF row (0.09 s a block against 0.008 s).
        floor = -np.partition(-block[:, :: width // SAMPLE], kk - 1, axis=1)[:, kk - 1]
        # "at least the floor and above the threshold" in one comparison: the least value above the threshold.
        above_threshold = np.nextafter(block.dtype.type(threshold), block.dtype.type(np.inf))
        # Flat positions, then rows and columns: what np.nonzero gives, in the same order, at a third of its cost.
        block = np.ascontiguousarray(block)
        flat = np.flatnonzero(block >= np.maximum(floor, above_threshold)[:, None])
        rows, cols = np.divmod(flat, width)
        return _select(rows, cols, block.reshape(-1)[flat], height, kk, threshold, block.dtype)
    top = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
    top_vals = np.take_along_axis(block, top, axis=1)
    keep = top_vals > threshold
    r = np.repeat(np.arange(height), kk).reshape(-1, kk)
    return r[keep], top[keep], top_vals[keep]


def _select(
    rows: np.ndarray, cols: np.ndarray, found: np.ndarray, height: int, kk: int, threshold: float, dtype: np.dtype
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's ``kk`` largest candidates above ``threshold`` (candidates row by row, in column order)."""
    counts = np.bincount(rows, minlength=height)
    widest = int(counts.max(initial=0))
    if widest <= kk:
        return rows, cols, found
    slot = np.arange(rows.size) - (np.cumsum(counts) - counts)[rows]
    values = np.full((height, widest), -np.inf, dtype=dtype)
    columns = np.zeros((height, widest), dtype=np.intp)
    place = rows * widest + slot  # each candidate's flat position in its row of the two tables
    values.reshape(-1)[place] = found
    columns.reshape(-1)[place] = cols
    top = np.argpartition(-values, kk - 1, axis=1)[:, :kk]
    top_vals = np.take_along_axis(values, top, axis=1)
    top = np.take_along_axis(columns, top, axis=1)
    keep = top_vals > threshold
    r = np.repeat(np.arange(height), kk).reshape(-1, kk)
    return r[keep], top[keep], top_vals[keep]


def _sparse_strongest(
    block: sp.csr_matrix, start: int, kk: int, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_strongest` of a wide sparse block (rows ``start``.. of the story), without densifying it.

    With ``threshold >= 0`` a candidate is at least the least value above it, so never a zero: the
    candidates are stored entries, found in the dense block's order (row by row, columns ascending).
    The sampled floor reads the dense sample's values (its zeros included, the diagonal zeroed), so
    the floors, the candidates and their tables are those of the dense pass, value for value, and the
    selection among them the same (tests/features/test_graph.py compares the two).
    """
    height, width = block.shape
    block.sum_duplicates()  # canonical: each row's columns ascending, once each
    step = width // SAMPLE
    row = np.repeat(np.arange(height), np.diff(block.indptr))
    col, value = block.indices.astype(np.intp), block.data
    off_diagonal = col != row + start  # no self-loops
    sample = np.zeros((height, len(range(0, width, step))), dtype=block.dtype)
    sampled = off_diagonal & (col % step == 0)
    sample[row[sampled], col[sampled] // step] = value[sampled]
    floor = -np.partition(-sample, kk - 1, axis=1)[:, kk - 1]
    above_threshold = np.nextafter(block.dtype.type(threshold), block.dtype.type(np.inf))
    keep = off_diagonal & (value >= np.maximum(floor, above_threshold)[row])
    return _select(row[keep], col[keep], value[keep], height, kk, threshold, block.dtype)


def above(graph: sp.csr_matrix, threshold: float) -> sp.csr_matrix:
    """The edges of ``graph`` heavier than ``threshold`` (a sparser view, for rankers sharing one graph)."""
    keep = graph.data > threshold
    # Each row's kept entries in their order: what zeroing the others and eliminate_zeros() leave, in one build.
    indptr = np.concatenate([[0], np.cumsum(keep)])[graph.indptr].astype(graph.indptr.dtype)
    return sp.csr_matrix((graph.data[keep], graph.indices[keep], indptr), shape=graph.shape)


def pagerank(
    graph: sp.csr_matrix,
    *,
    damping: float = 0.85,
    personalization: np.ndarray | None = None,
    tol: float = 1e-8,
    max_iter: int = 200,
    dense_up_to: int = DENSE_PAGERANK,
) -> np.ndarray:
    """Power-iteration PageRank on a weighted undirected graph (Page et al., 1999).

    Rows with no edges jump uniformly (or to ``personalization``), which is the
    standard treatment of dangling nodes. Up to :data:`DENSE_PAGERANK` nodes the
    fixed point is solved for directly (within ``tol`` of what the iteration gives); ``dense_up_to`` raises
    that bound for a caller whose use of the ranks is set for either (the solve then runs on one BLAS thread).
    """
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    teleport = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inv = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    if n <= max(dense_up_to, DENSE_PAGERANK):
        # The fixed point the iteration converges to, solved directly: (I - d M) r = (1 - d) t, where
        # M = P^T + t dangling^T is column-stochastic. One small LU beats a hundred sparse products.
        chain = graph.multiply(inv[:, None]).T.toarray() + np.outer(teleport, dangling)
        with one_blas_thread() if n > DENSE_PAGERANK else contextlib.nullcontext():
            solved = np.linalg.solve(np.identity(n) - damping * chain, (1 - damping) * teleport)
        return np.asarray(solved / solved.sum())
    # The transpose held as CSR: each iteration's product then sums every entry in the same order as the
    # CSC view's would (row by row, columns ascending), without building the view 200 times.
    spread_from = sp.csr_matrix((sp.diags(inv) @ graph).T)
    spread_from.sort_indices()
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        spread = spread_from @ rank + rank[dangling].sum() * teleport
        new = damping * spread + (1 - damping) * teleport
        if np.abs(new - rank).sum() < tol:
            return np.asarray(new)
        rank = new
    return np.asarray(rank)
