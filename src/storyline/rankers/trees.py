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
        levels); the first step reads the roots' columns directly, every tree
        being at its root. The leaves' values are then added tree by tree, in the trees'
        order (a cumulative sum is sequential), so the sum is the same float for float.
        A row's output depends on its values alone, so rows repeated in ``x`` (concepts
        alike in every feature: a third are distinct on a Multi-News cluster) descend once.
        """
        # scikit-learn compares float32 inputs with its thresholds; so does this.
        x = np.asarray(x, dtype=np.float32).astype(float)
        if not self.left or x.shape[0] == 0:
            return np.full(x.shape[0], self.bias)
        distinct, repeated = _distinct_rows(x)
        return self._descended(distinct)[repeated] if repeated is not None else self._descended(distinct)

    def _descended(self, x: np.ndarray) -> np.ndarray:
        """:meth:`predict` of ``x`` (float, C-ordered, at least one row, at least one tree)."""
        children, feature, threshold, value, roots, depth = self._flat
        node = roots[None, :]
        if depth:
            node = children[2 * roots + ~(x[:, feature[roots]] <= threshold[roots])]
        cells = x.ravel()
        base = (np.arange(x.shape[0], dtype=np.intp) * x.shape[1])[:, None]
        for _ in range(depth - 1):
            # Right when the cell is not at most the threshold (a NaN goes right, as scikit-learn sends it).
            right = ~(cells[base + feature[node]] <= threshold[node])
            node = children[2 * node + right]
        steps = np.empty((x.shape[0], roots.size + 1))
        steps[:, 0] = self.bias
        np.multiply(self.rate, value[np.broadcast_to(node, (x.shape[0], roots.size))], out=steps[:, 1:])
        return np.asarray(np.cumsum(steps, axis=1)[:, -1])

    @cached_property
    def _flat(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
        """The trees' nodes laid end to end: each node's two children (a leaf's are itself), feature (0 at a
        leaf), threshold and value; each tree's root; the deepest tree's depth. Indices are numpy's own
        integers (``intp``): an index array of another type is converted at every gather."""
        sizes = np.array([len(left) for left in self.left])
        roots = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.intp)
        left = np.concatenate([np.where(a >= 0, a + r, -1) for a, r in zip(self.left, roots, strict=True)])
        right = np.concatenate([np.where(a >= 0, a + r, -1) for a, r in zip(self.right, roots, strict=True)])
        itself = np.arange(left.size)
        leaf = left < 0
        children = np.column_stack([np.where(leaf, itself, left), np.where(leaf, itself, right)]).ravel()
        children = children.astype(np.intp)
        feature = np.where(leaf, 0, np.concatenate(self.feature)).astype(np.intp)
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


def _distinct_rows(x: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
    """The distinct rows of ``x`` (float, C-ordered) in first-seen order, and each row's index among them
    (None when every row is distinct). Rows are the same when their bytes are (a NaN row is kept apart
    from another whose NaN has other bits: it only costs a descent)."""
    width = x.shape[1] * x.itemsize
    if width == 0:
        return x, None
    raw = x.tobytes()
    index: dict[bytes, int] = {}
    first: list[int] = []
    repeated: list[int] = []
    for row, start in enumerate(range(0, len(raw), width)):
        key = raw[start : start + width]
        at = index.get(key)
        if at is None:
            at = index[key] = len(first)
            first.append(row)
        repeated.append(at)
    if len(first) == x.shape[0]:
        return x, None
    return x[first], np.array(repeated, dtype=np.intp)


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
