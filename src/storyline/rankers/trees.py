"""Gradient-boosted regression trees as plain arrays: saved as JSON, evaluated with numpy.

scikit-learn fits the model (:mod:`storyline.rankers.train`); the package ships
each tree's public arrays (``tree_.children_left/right``, ``feature``,
``threshold``, ``value``) so that scoring needs neither scikit-learn's pickles
nor its version: the prediction is ``bias + rate * sum(tree(x))``, Friedman's
(2001) additive model, and for a classifier the log-odds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cached_property
from importlib.resources import files
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Forest:
    """An additive model of regression trees over named input columns."""

    columns: tuple[str, ...]
    bias: float
    rate: float
    left: tuple[np.ndarray, ...]
    right: tuple[np.ndarray, ...]
    feature: tuple[np.ndarray, ...]
    threshold: tuple[np.ndarray, ...]
    value: tuple[np.ndarray, ...]

    def predict(self, x: np.ndarray) -> np.ndarray:
        """The model's raw output (for a classifier: log-odds) for each row of ``x``.

        Every tree descends at once, one level a step, over the trees' nodes
        laid end to end (one gather per array and level instead of one per
        tree; a leaf leads to itself, so every path runs the deepest tree's
        levels); the leaves' values are then added tree by tree, in the trees'
        order (a cumulative sum is sequential), so the sum is the same float for float.
        """
        # scikit-learn compares float32 inputs with its thresholds; so does this.
        x = np.asarray(x, dtype=np.float32).astype(float)
        total = np.full(x.shape[0], self.bias)
        if not self.left or x.shape[0] == 0:
            return total
        children, feature, threshold, value, roots, depth = self._flat
        cells = x.ravel()
        base = (np.arange(x.shape[0], dtype=np.intp) * x.shape[1])[:, None]
        node = np.broadcast_to(roots[None, :], (x.shape[0], roots.size))
        for _ in range(depth):
            # Right when the cell is not at most the threshold (a NaN goes right, as scikit-learn sends it).
            right = ~(cells[base + feature[node]] <= threshold[node])
            node = children[2 * node + right]
        steps = np.empty((x.shape[0], roots.size + 1))
        steps[:, 0] = total
        np.multiply(self.rate, value[node], out=steps[:, 1:])
        return np.asarray(np.cumsum(steps, axis=1)[:, -1])

    @cached_property
    def _flat(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
        """The trees' nodes laid end to end: each node's two children (a leaf's are itself), feature (0 at a
        leaf), threshold and value; each tree's root; the deepest tree's depth."""
        sizes = np.array([len(left) for left in self.left])
        roots = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int32)  # int32: half the traffic
        left = np.concatenate([np.where(a >= 0, a + r, -1) for a, r in zip(self.left, roots, strict=True)])
        right = np.concatenate([np.where(a >= 0, a + r, -1) for a, r in zip(self.right, roots, strict=True)])
        itself = np.arange(left.size)
        leaf = left < 0
        children = np.column_stack([np.where(leaf, itself, left), np.where(leaf, itself, right)]).ravel()
        children = children.astype(np.int32)
        feature = np.where(leaf, 0, np.concatenate(self.feature)).astype(np.int32)
        depth = max(_depth(a, b) for a, b in zip(self.left, self.right, strict=True))
        return children, feature, np.concatenate(self.threshold), np.concatenate(self.value), roots, depth

    def to_dict(self) -> dict[str, Any]:
        return {
            "columns": list(self.columns),
            "bias": self.bias,
            "rate": self.rate,
            "trees": [
                {
                    "left": left.tolist(),
                    "right": right.tolist(),
                    "feature": feature.tolist(),
                    "threshold": threshold.tolist(),
                    "value": [round(float(v), 8) for v in value],
                }
                for left, right, feature, threshold, value in zip(
                    self.left, self.right, self.feature, self.threshold, self.value, strict=True
                )
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Forest:
        trees = data["trees"]
        return cls(
            columns=tuple(data["columns"]),
            bias=float(data["bias"]),
            rate=float(data["rate"]),
            left=tuple(np.array(t["left"], dtype=int) for t in trees),
            right=tuple(np.array(t["right"], dtype=int) for t in trees),
            feature=tuple(np.array(t["feature"], dtype=int) for t in trees),
            threshold=tuple(np.array(t["threshold"], dtype=float) for t in trees),
            value=tuple(np.array(t["value"], dtype=float) for t in trees),
        )

    @classmethod
    def from_sklearn(cls, model: Any, columns: tuple[str, ...], sample: np.ndarray) -> Forest:
        """From a fitted ``GradientBoostingRegressor`` or binary ``GradientBoostingClassifier``.

        The constant term is read through the public API, as the model's raw
        output on ``sample`` minus the trees' part, and checked to be constant.
        """
        trees = [estimator[0].tree_ for estimator in model.estimators_]
        forest = cls(
            columns=columns,
            bias=0.0,
            rate=float(model.learning_rate),
            left=tuple(np.asarray(t.children_left, dtype=int) for t in trees),
            right=tuple(np.asarray(t.children_right, dtype=int) for t in trees),
            feature=tuple(np.asarray(t.feature, dtype=int) for t in trees),
            threshold=tuple(np.asarray(t.threshold, dtype=float) for t in trees),
            value=tuple(np.asarray(t.value[:, 0, 0], dtype=float) for t in trees),
        )
        raw = model.decision_function(sample) if hasattr(model, "decision_function") else model.predict(sample)
        offset = np.asarray(raw, dtype=float) - forest.predict(sample)
        if np.ptp(offset) > 1e-6:
            raise ValueError("the trees do not reproduce the model's output")
        return replace(forest, bias=float(offset.mean()))


def _depth(left: np.ndarray, right: np.ndarray) -> int:
    """The number of decisions on a tree's longest path (0 for a lone leaf)."""
    depth, level = 0, [0]
    while True:
        level = [c for node in level for c in (int(left[node]), int(right[node])) if c >= 0]
        if not level:
            return depth
        depth += 1


def load_forest(name: str) -> Forest:
    """The model shipped as ``storyline/models/<name>.json``."""
    text = files("storyline").joinpath("models", f"{name}.json").read_text(encoding="utf-8")
    return Forest.from_dict(json.loads(text))


__all__ = ["Forest", "load_forest"]
