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
