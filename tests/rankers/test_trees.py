"""The shipped tree models: numpy evaluation reproduces scikit-learn's, and the JSON round trip keeps it."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor

from storyline.rankers.trees import Forest


@pytest.mark.parametrize("kind", ["regressor", "classifier"])
def test_forest_matches_sklearn_and_survives_json(kind):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 4))
    signal = x[:, 0] - 2 * x[:, 1] * (x[:, 2] > 0)
    if kind == "regressor":
        model = GradientBoostingRegressor(n_estimators=30, max_depth=3, random_state=0).fit(x, signal)
        expected = model.predict(x)
    else:
        model = GradientBoostingClassifier(n_estimators=30, max_depth=3, random_state=0).fit(x, signal > 0)
        expected = model.decision_function(x)
    forest = Forest.from_sklearn(model, ("a", "b", "c", "d"), x[:50])
    assert np.allclose(forest.predict(x), expected, atol=1e-6)
    again = Forest.from_dict(forest.to_dict())
    assert np.allclose(again.predict(x), expected, atol=1e-5)


def _tree_by_tree(forest: Forest, x: np.ndarray) -> np.ndarray:
    """One tree at a time, in order: the sum the flat descent must reproduce (a NaN goes right)."""
    rows = np.asarray(x, dtype=np.float32).astype(float)
    expected = np.full(len(x), forest.bias)
    for t in range(len(forest.left)):
        node = np.zeros(len(x), dtype=int)
        while (forest.left[t][node] >= 0).any():
            inner = forest.left[t][node] >= 0
            go_left = rows[np.arange(len(x)), np.maximum(forest.feature[t][node], 0)] <= forest.threshold[t][node]
            node = np.where(inner, np.where(go_left, forest.left[t][node], forest.right[t][node]), node)
        expected += forest.rate * forest.value[t][node]
    return expected


@pytest.mark.parametrize("depth", [1, 2, 4])
def test_all_trees_at_once_give_the_tree_by_tree_sum_exactly(depth):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 3))
    model = GradientBoostingRegressor(n_estimators=25, max_depth=depth, random_state=0).fit(x, x[:, 0] * x[:, 1])
    forest = Forest.from_sklearn(model, ("a", "b", "c"), x[:50])
    assert np.array_equal(forest.predict(x), _tree_by_tree(forest, x))
    # Repeated rows (descended once), a NaN cell and rows alike only after the float32 cast.
    tricky = np.vstack([x[:40], x[:40], x[5:10], x[:3] + 1e-12])
    tricky[7, 1] = np.nan
    assert np.array_equal(forest.predict(tricky), _tree_by_tree(forest, tricky))
    assert forest.predict(np.zeros((0, 3))).shape == (0,)


def test_a_forest_of_lone_leaves_predicts_its_constant():
    model = GradientBoostingRegressor(n_estimators=3, max_depth=2, random_state=0).fit(np.zeros((20, 2)), np.ones(20))
    forest = Forest.from_sklearn(model, ("a", "b"), np.zeros((5, 2)))
    x = np.random.default_rng(2).normal(size=(6, 2))
    assert np.array_equal(forest.predict(x), _tree_by_tree(forest, x))
