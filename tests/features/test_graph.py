"""Sparse similarity graphs and PageRank."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from storyline.features.graph import knn_graph, pagerank


def _unit_rows(a: np.ndarray) -> np.ndarray:
    return a / np.linalg.norm(a, axis=1, keepdims=True)


def test_knn_graph_keeps_the_strongest_edges_without_self_loops():
    vectors = _unit_rows(np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9]]))
    graph = knn_graph(vectors, threshold=0.5, k=1).toarray()
    assert np.all(np.diag(graph) == 0)
    assert graph[0, 1] > 0.9 and graph[2, 3] > 0.9
    assert graph[0, 2] == 0 and graph[1, 3] == 0
    assert np.allclose(graph, graph.T)


def test_knn_graph_works_on_sparse_rows_across_blocks():
    rng = np.random.default_rng(0)
    dense = _unit_rows(rng.random((1100, 20)))
    graph = knn_graph(sp.csr_matrix(dense), k=5)
    assert graph.shape == (1100, 1100)
    assert (graph.getnnz(axis=1) >= 5).all()


def test_pagerank_without_teleport_is_proportional_to_degree():
    # Random walk on an undirected graph: stationary probability = degree / 2|E|.
    graph = sp.csr_matrix(np.array([[0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 1], [1, 0, 1, 0]], dtype=float))
    rank = pagerank(graph, damping=0.9999, tol=1e-12, max_iter=10_000)
    degree = np.asarray(graph.sum(axis=1)).ravel()
    assert np.allclose(rank, degree / degree.sum(), atol=1e-3)


def test_pagerank_sums_to_one_and_handles_isolated_nodes():
    graph = sp.csr_matrix(np.array([[0, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=float))
    rank = pagerank(graph)
    assert np.isclose(rank.sum(), 1.0)
    assert rank[2] < rank[0]


def test_empty_graph_gives_empty_ranks():
    assert pagerank(sp.csr_matrix((0, 0))).shape == (0,)
    assert knn_graph(np.zeros((0, 3))).shape == (0, 0)


def test_pagerank_solved_directly_matches_the_iteration():
    import storyline.features.graph as graph_module

    rng = np.random.default_rng(3)
    weights = sp.random(40, 40, density=0.15, random_state=3)
    graph = sp.csr_matrix(weights + weights.T)
    graph.setdiag(0)
    graph.eliminate_zeros()
    personalization = rng.random(40)
    direct = pagerank(graph, personalization=personalization)  # 40 nodes: under DENSE_PAGERANK
    assert graph_module.DENSE_PAGERANK >= 40
    try:
        graph_module.DENSE_PAGERANK = 0
        iterated = pagerank(graph, personalization=personalization)
    finally:
        graph_module.DENSE_PAGERANK = 64
    assert np.isclose(direct.sum(), 1.0) and np.abs(direct - iterated).max() < 1e-8


def _full_selection(vectors, monkeypatch, **options):
    """The graph every row's full selection gives (the wide rows' candidate pass turned off)."""
    import storyline.features.graph as graph_module

    with monkeypatch.context() as patch:
        patch.setattr(graph_module, "WIDE", 10**9)
        return knn_graph(vectors, **options)


def test_a_wide_story_keeps_the_same_edges_as_the_full_selection(monkeypatch):
    # Wider than WIDE, so each row picks its neighbours among the sampled floor's candidates.
    import storyline.features.graph as graph_module

    rng = np.random.default_rng(7)
    n = graph_module.WIDE + 300
    dense = _unit_rows(rng.standard_normal((n, 24))).astype(np.float32)
    fast = knn_graph(dense, k=20, threshold=0.1)
    full = _full_selection(dense, monkeypatch, k=20, threshold=0.1)
    assert fast.nnz == full.nnz > n * 20
    # The same edges; their weights agree to float32 rounding (the two passes multiply blocks of other
    # shapes, and a BLAS kernel may sum them in another order on another CPU).
    assert (_pattern(fast) != _pattern(full)).nnz == 0
    assert abs(fast - full).max() < 1e-6


def _pattern(graph):
    edges = graph.copy()
    edges.data[:] = 1
    return edges


def test_a_wide_sparse_story_keeps_the_same_edges_as_the_full_selection(monkeypatch):
    # TF-IDF-like rows: mostly zeros, so many rows have fewer than k positive neighbours in the sample.
    import storyline.features.graph as graph_module

    n = graph_module.WIDE + 200
    rng = np.random.default_rng(5)
    # Six terms of 400 a row, random weights: no two rows alike, so no two similarities tie (a tie at a row's
    # k-th value may keep either of the tied neighbours).
    terms = np.argsort(rng.random((n, 400)), axis=1)[:, :6]
    rows = sp.csr_matrix((rng.random(n * 6) + 0.1, terms.ravel(), np.arange(0, n * 6 + 1, 6)), shape=(n, 400))
    rows = sp.csr_matrix(rows.multiply(1.0 / sp.linalg.norm(rows, axis=1)[:, None]))
    fast = knn_graph(rows, k=30)
    full = _full_selection(rows, monkeypatch, k=30)
    assert fast.nnz == full.nnz > n
    assert (fast != full).nnz == 0


def test_a_wide_sparse_block_selects_as_its_dense_pass_ties_included():
    # The sparse pass must pick what the dense one picks, the same entry among tied ones included:
    # repeated rows make ties at a row's k-th value, some rows hold fewer than k entries, and the
    # diagonal (a self-loop) falls in the sample.
    import storyline.features.graph as graph_module

    rng = np.random.default_rng(11)
    n = graph_module.WIDE + 500
    terms = np.argsort(rng.random((n, 60)), axis=1)[:, : rng.integers(1, 5)]
    base = sp.csr_matrix(
        (np.ones(terms.size), terms.ravel(), np.arange(0, terms.size + 1, terms.shape[1])), shape=(n, 60)
    )
    base = sp.vstack([base[: n // 2], base[: n - n // 2]]).tocsr()  # every row twice: tied similarities
    start = 1024
    block = sp.csr_matrix(base[start : start + 512] @ base.T)
    dense = block.toarray()
    dense[np.arange(512), start + np.arange(512)] = 0.0
    for kk, threshold in ((30, 0.0), (50, 1.0), (5, 0.5)):
        sparse_pass = graph_module._sparse_strongest(block.copy(), start, kk, threshold)
        dense_pass = graph_module._strongest(dense.copy(), kk, threshold)
        for a, b in zip(sparse_pass, dense_pass, strict=True):
            assert np.array_equal(a, b)
