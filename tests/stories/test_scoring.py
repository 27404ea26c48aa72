"""B-cubed and pairwise scores on cases small enough to compute by hand."""

from __future__ import annotations

import pytest

from storyline.stories.scoring import bcubed, pairwise

GOLD = {"a": "1", "b": "1", "c": "1", "d": "2"}


def test_perfect_clustering_scores_one():
    assert bcubed(GOLD, GOLD) == (1.0, 1.0, 1.0)
    assert pairwise(GOLD, GOLD) == (1.0, 1.0, 1.0)


def test_everything_in_one_story_by_hand():
    predicted = {a: "x" for a in GOLD}
    p, r, f = bcubed(predicted, GOLD)
    # precision: a, b, c see 3/4 of their story right, d sees 1/4 -> (3*0.75 + 0.25) / 4
    assert p == pytest.approx(0.625)
    assert r == 1.0
    assert f == pytest.approx(2 * 0.625 / 1.625)
    # pairs: 6 claimed, 3 of them true
    assert pairwise(predicted, GOLD) == pytest.approx((0.5, 1.0, 2 / 3))


def test_all_singletons_by_hand():
    predicted = {a: a for a in GOLD}
    p, r, _ = bcubed(predicted, GOLD)
    assert p == 1.0
    assert r == pytest.approx((3 * (1 / 3) + 1) / 4)
    # no pair claimed: precision 1, recall 0
    assert pairwise(predicted, GOLD)[:2] == (1.0, 0.0)


def test_articles_missing_from_the_prediction_are_not_scored():
    assert bcubed({}, GOLD) == (0.0, 0.0, 0.0)
    assert bcubed({"d": "z"}, GOLD) == (1.0, 1.0, 1.0)
