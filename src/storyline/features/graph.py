"""Similarity graphs and PageRank, shared by every graph-based ranker.

Graphs are sparse: each row keeps its ``k`` most similar neighbours above a
threshold, computed in row blocks, so memory grows with ``n * k`` instead of
``n**2`` and a 30,000-sentence cluster stays well under a gigabyte.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

import numpy as np
import scipy.sparse as sp

# A dense array or a scipy sparse matrix (untyped: scipy ships no stubs).
Matrix: TypeAlias = Any

_BLOCK = 512
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
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    transposed = vectors.T
    for start in range(0, n, _BLOCK):
        block = vectors[start : start + _BLOCK] @ transposed
        block = block.toarray() if sp.issparse(block) else np.asarray(block)
        if rescale is not None:
            block = rescale(block, start)
        rows_here = np.arange(block.shape[0])
        block[rows_here, start + rows_here] = 0.0  # no self-loops
        kk = min(k, n - 1)
        if kk <= 0:
            break
        top = np.argpartition(-block, kk - 1, axis=1)[:, :kk]
        top_vals = np.take_along_axis(block, top, axis=1)
        keep = top_vals > threshold
        r = np.repeat(np.arange(start, start + block.shape[0]), kk).reshape(-1, kk)
        rows.append(r[keep])
        cols.append(top[keep])
        vals.append(top_vals[keep])
    if not rows:
        return sp.csr_matrix((n, n), dtype=np.float64)
    data = np.concatenate(vals).astype(np.float64)
    if binary:
        data = np.ones_like(data)
    graph = sp.csr_matrix((data, (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    return graph.maximum(graph.T).tocsr()


def above(graph: sp.csr_matrix, threshold: float) -> sp.csr_matrix:
    """The edges of ``graph`` heavier than ``threshold`` (a sparser view, for rankers sharing one graph)."""
    kept = graph.copy()
    kept.data[kept.data <= threshold] = 0
    kept.eliminate_zeros()
    return kept


def pagerank(
    graph: sp.csr_matrix,
    *,
    damping: float = 0.85,
    personalization: np.ndarray | None = None,
    tol: float = 1e-8,
    max_iter: int = 200,
) -> np.ndarray:
    """Power-iteration PageRank on a weighted undirected graph (Page et al., 1999).

    Rows with no edges jump uniformly (or to ``personalization``), which is the
    standard treatment of dangling nodes. Up to :data:`DENSE_PAGERANK` nodes the
    fixed point is solved for directly (within ``tol`` of what the iteration gives).
    """
    n = graph.shape[0]
    if n == 0:
        return np.zeros(0)
    teleport = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    out_weight = np.asarray(graph.sum(axis=1)).ravel()
    dangling = out_weight == 0
    inv = np.divide(1.0, out_weight, out=np.zeros(n), where=~dangling)
    if n <= DENSE_PAGERANK:
        # The fixed point the iteration converges to, solved directly: (I - d M) r = (1 - d) t, where
        # M = P^T + t dangling^T is column-stochastic. One small LU beats a hundred sparse products.
        chain = graph.multiply(inv[:, None]).T.toarray() + np.outer(teleport, dangling)
        solved = np.linalg.solve(np.identity(n) - damping * chain, (1 - damping) * teleport)
        return np.asarray(solved / solved.sum())
    transition = sp.diags(inv) @ graph
    rank = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        spread = transition.T @ rank + rank[dangling].sum() * teleport
        new = damping * spread + (1 - damping) * teleport
        if np.abs(new - rank).sum() < tol:
            return np.asarray(new)
        rank = new
    return np.asarray(rank)
