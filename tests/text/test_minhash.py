"""The numpy MinHash gives datasketch's values and datasketch's LSH candidates, bit for bit."""

from __future__ import annotations

import random
import zlib

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from storyline.text.fold import BANDS, LSH_THRESHOLD, NUM_PERM, ROWS, SEED
from storyline.text.minhash import candidate_pairs, signatures


def _random_sets(count: int, seed: int = 0) -> list[list[str]]:
    """Sets over a small vocabulary (some words not ASCII), many near each other (as copies and spun copies are)."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(50)] + [f"{c} word" for c in "éßøł€中文"] + ["syria's", "5.5", "1,200"]
    sets: list[list[str]] = []
    for _ in range(count):
        if sets and rng.random() < 0.4:
            base = list(rng.choice(sets))
            base[rng.randrange(len(base))] = rng.choice(vocabulary)
            sets.append(list(dict.fromkeys(base)))
        else:
            sets.append(rng.sample(vocabulary, rng.randint(1, 12)))
    return sets


def _datasketch(sets: list[list[str]]) -> list[MinHash]:
    encoded = [[m.encode() for m in members] for members in sets]
    return list(MinHash.generator(encoded, num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32))


def test_signatures_are_datasketch_minhash_values():
    sets = _random_sets(300)
    ours = signatures(sets, num_perm=NUM_PERM, seed=SEED)
    theirs = np.array([m.hashvalues for m in _datasketch(sets)])
    assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs)


def test_signatures_in_many_blocks_equal_one_block(monkeypatch):
    import storyline.text.minhash as minhash

    sets = _random_sets(200, seed=3)
    whole = signatures(sets, num_perm=NUM_PERM, seed=SEED)
    monkeypatch.setattr(minhash, "_BLOCK", 7)
    assert np.array_equal(signatures(sets, num_perm=NUM_PERM, seed=SEED), whole)


def test_candidate_pairs_are_datasketch_lsh_candidates():
    sets = _random_sets(400, seed=1)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    expected = set()
    for i, minhash in enumerate(_datasketch(sets)):
        expected.update((j, i) for j in lsh.query(minhash))
        lsh.insert(i, minhash)
    found = candidate_pairs(signatures(sets, num_perm=NUM_PERM, seed=SEED), bands=BANDS, rows=ROWS).tolist()
    assert expected and {(i, j) for i, j in found} == expected
    assert found == sorted(found) and all(i < j for i, j in found)


def test_bands_are_datasketch_optimum_for_the_threshold():
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)


def test_an_empty_set_has_no_signature():
    with pytest.raises(ValueError, match="at least one member"):
        signatures([["a"], []], num_perm=NUM_PERM, seed=SEED)


def test_too_many_bands_for_the_signature_is_an_error():
    with pytest.raises(ValueError, match="need 6 values"):
        candidate_pairs(np.zeros((2, 4), dtype=np.uint32), bands=3, rows=2)


def test_a_partition_keeps_exactly_the_pairs_within_one_part():
    sets = _random_sets(400, seed=2)
    signature = signatures(sets, num_perm=NUM_PERM, seed=SEED)
    part = np.array([len(s) % 3 for s in sets])
    whole = candidate_pairs(signature, bands=BANDS, rows=ROWS).tolist()
    parted = candidate_pairs(signature, bands=BANDS, rows=ROWS, partition=part).tolist()
    assert parted and parted == [[i, j] for i, j in whole if part[i] == part[j]]
    assert len(parted) < len(whole)
