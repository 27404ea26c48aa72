"""BLAS held to one thread, for the small products of one story (its own module: spaCy's readers use it
too, and must not import the graphs' numpy and scipy to get it: storyline.extract.nlp_sibling)."""

from __future__ import annotations

from functools import cache
from typing import Any

__all__ = ["one_blas_thread"]


@cache
def _blas() -> Any:
    """The BLAS libraries' thread pools, found once (threadpoolctl's search costs ~2 ms a call)."""
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def one_blas_thread() -> Any:
    """A context in which BLAS runs on one thread (its results are the same: each product is split by rows).

    A story's products are small (a few hundred items x 256 dimensions): a second thread's start and spin
    cost more CPU than it saves, three times as much on the embeddings' graph of a Multi-News cluster.
    """
    return _blas().limit(limits=1, user_api="blas")
