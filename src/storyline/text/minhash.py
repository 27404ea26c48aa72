"""MinHash signatures and LSH banding for many sets at once, in numpy.

MinHash (Broder, "On the resemblance and containment of documents", 1997) estimates
the Jaccard similarity of two sets from the minimum of each of ``num_perm`` hash
permutations over their members; banding (Leskovec, Rajaraman & Ullman, *Mining of
Massive Datasets*, ch. 3) makes two sets a candidate pair when all ``rows`` values of
any one of ``bands`` bands agree.

The values are bit for bit those of datasketch 2.0's ``MinHash`` in its default
``affine32`` scheme (the member's 32-bit hash pre-mixed by MurmurHash3's finalizer,
then ``a * h + b`` modulo 2^32 per permutation, ``a`` odd; the permutations drawn from
``numpy.random.RandomState(seed)``), and the candidate pairs those of its
``MinHashLSH`` with the same bands (tests/text/test_minhash.py checks both against
datasketch). Computing every set's signature in one array operation instead of one
``MinHash`` object per set is what makes folding cheap: datasketch spends most of its
time per object, not per hash.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Sequence
from functools import cache

import numpy as np

__all__ = ["candidate_pairs", "permutations", "signatures"]

# Members hashed per block: bounds the (members x num_perm) work array to ~16 MB at 64 permutations.
_BLOCK = 65_536


@cache  # drawn once per process: RandomState's setup costs more than hashing a small story
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The ``a`` (odd) and ``b`` parameters of the ``num_perm`` affine permutations, as datasketch draws them."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer: a bijection that spreads weak hashes (uint32 arithmetic wraps)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signatures(sets: Sequence[Collection[str]], *, num_perm: int, seed: int) -> np.ndarray:
    """One row of ``num_perm`` MinHash values per set of strings (each hashed as CRC-32 of its UTF-8); none empty."""
    if any(not members for members in sets):
        raise ValueError("every set needs at least one member")
    a, b = permutations(num_perm, seed)
    crc32 = zlib.crc32
    hashes = np.fromiter((crc32(m.encode()) for members in sets for m in members), dtype=np.uint32)
    starts = np.zeros(len(sets), dtype=np.int64)
    np.cumsum([len(members) for members in sets[:-1]], out=starts[1:])
    result = np.empty((len(sets), num_perm), dtype=np.uint32)
    with np.errstate(over="ignore"):
        mixed = _fmix32(hashes)
        # Sets in blocks of whole sets, so each block's minimum per set is one reduceat.
        first = 0
        while first < len(sets):
            last = max(int(np.searchsorted(starts, starts[first] + _BLOCK, side="right")), first + 1)
            end = int(starts[last]) if last < len(sets) else len(hashes)
            block = mixed[starts[first] : end, None] * a + b
            result[first:last] = np.minimum.reduceat(block, starts[first:last] - starts[first], axis=0)
            first = last
    return result


def candidate_pairs(signature: np.ndarray, *, bands: int, rows: int, partition: np.ndarray | None = None) -> np.ndarray:
    """Pairs ``(i, j)``, ``i < j``, of rows whose values agree on all ``rows`` columns of some band
    (and, given ``partition``, one integer per row, that lie in the same part).

    An ``(m, 2)`` array, sorted. Within a band, rows sorted by their band's values lie next to
    their bucket-mates: the pairs ``d`` apart in that order are found for every ``d`` at once.
    A bucket of ``b`` rows holds ``b * (b - 1) / 2`` pairs; ``partition`` keeps apart rows that
    can never be a pair (e.g. sentences with different figures), so near-identical templates do
    not make one huge bucket.
    """
    if bands * rows > signature.shape[1]:
        raise ValueError(f"{bands} bands of {rows} rows need {bands * rows} values, not {signature.shape[1]}")
    n = signature.shape[0]
    found = [np.zeros(0, dtype=np.int64)]
    width = rows + (partition is not None)
    for band in range(bands):
        block = signature[:, band * rows : (band + 1) * rows]
        if partition is not None:
            block = np.column_stack((block, np.asarray(partition).astype(block.dtype)))
        block = np.ascontiguousarray(block)
        keys = block.view(np.dtype((np.void, block.dtype.itemsize * width))).ravel()
        order = np.argsort(keys, kind="stable")
        bucket = np.concatenate(([0], np.cumsum(keys[order][1:] != keys[order][:-1])))
        for distance in range(1, n):
            same = np.flatnonzero(bucket[distance:] == bucket[:-distance])
            if not same.size:
                break  # buckets are runs: none holds two rows this far apart, so none holds them farther
            a, b = order[same], order[same + distance]
            found.append(np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b))
    codes = np.unique(np.concatenate(found))
    return np.stack((codes // max(n, 1), codes % max(n, 1)), axis=1)
