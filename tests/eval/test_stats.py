"""Bootstrap intervals and the paired bootstrap test, on synthetic data with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from storyline.eval.stats import confidence_interval, paired_p_value


def test_interval_of_constant_scores_is_that_constant():
    assert confidence_interval([0.3] * 20) == pytest.approx((0.3, 0.3))


def test_interval_is_seeded():
    values = np.random.default_rng(1).random(30)
    assert confidence_interval(values) == confidence_interval(values)


def test_interval_brackets_the_mean_and_matches_the_normal_width():
    values = np.random.default_rng(2).normal(0.5, 0.1, 400)
    low, high = confidence_interval(values)
    assert low < values.mean() < high
    # Large n: the percentile interval is close to mean ± 1.96 s/sqrt(n).
    assert high - low == pytest.approx(2 * 1.96 * values.std() / math.sqrt(values.size), rel=0.15)


def test_interval_covers_the_true_mean_about_95_percent_of_the_time():
    rng = np.random.default_rng(3)
    hits = 0
    for _ in range(200):
        low, high = confidence_interval(rng.normal(1.0, 1.0, 50), resamples=400)
        hits += low <= 1.0 <= high
    assert 0.88 <= hits / 200 <= 0.99


@pytest.mark.parametrize(("values", "expected"), [([], (math.nan, math.nan))])
def test_interval_of_nothing_is_nan(values, expected):
    assert all(math.isnan(v) for v in confidence_interval(values))


def test_interval_rejects_a_bad_level():
    with pytest.raises(ValueError, match="level"):
        confidence_interval([1.0, 2.0], level=95)


def test_consistently_better_system_has_p_zero():
    theirs = np.random.default_rng(4).random(30)
    assert paired_p_value(theirs + 0.05, theirs) == 0.0


@pytest.mark.parametrize("shift", [0.0, -0.05])
def test_system_not_ahead_has_p_one(shift):
    theirs = np.random.default_rng(5).random(30)
    assert paired_p_value(theirs + shift, theirs) == 1.0


def test_noisy_small_difference_is_not_significant():
    rng = np.random.default_rng(6)
    theirs = rng.random(20)
    noise = rng.normal(0.0, 0.1, 20)
    ours = theirs + noise - noise.mean() + 0.002
    assert ours.mean() > theirs.mean()  # ahead, but by noise
    assert paired_p_value(ours, theirs) > 0.2


def test_clear_difference_under_noise_is_significant():
    rng = np.random.default_rng(7)
    theirs = rng.random(100)
    ours = theirs + rng.normal(0.05, 0.05, 100)
    assert paired_p_value(ours, theirs) < 0.01


def test_pairing_matters_more_than_the_spread_of_clusters():
    # Clusters differ wildly in difficulty; ours is always a little better: paired, that is significant.
    difficulty = np.linspace(0.0, 1.0, 40)
    assert paired_p_value(difficulty + 0.01, difficulty) == 0.0


def test_paired_test_needs_equal_lengths():
    with pytest.raises(ValueError, match="same length"):
        paired_p_value([1.0, 2.0], [1.0])


def test_paired_test_of_nothing_is_nan():
    assert math.isnan(paired_p_value([], []))
