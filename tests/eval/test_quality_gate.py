"""The quality gate: the default ranker must stay above pinned ROUGE floors on fixed benchmark slices.

Floors and slice digests live in bench/floors.json; `python bench/quality.py --update-floors`
re-measures them and refuses to lower a floor without `--allow-lower` (no silent lowering).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.eval.datasets import slice_digest
from storyline.eval.harness import evaluate
from storyline.eval.rouge import METRICS
from storyline.rankers import DEFAULT_RANKER

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
FLOORS = json.loads((ROOT / "bench" / "floors.json").read_text(encoding="utf-8"))
UPDATE = "re-measure with `python bench/quality.py --update-floors` and commit bench/floors.json with the reason"


@pytest.fixture(scope="module", params=FLOORS["slices"], ids=lambda s: f"{s['file']}[:{s['clusters']}]")
def benchmark_slice(request):
    entry = request.param
    path = DATA / entry["file"]
    assert path.is_file(), f"benchmark file missing: {path}"
    return entry, path


def test_slice_is_the_data_the_floors_were_measured_on(benchmark_slice):
    entry, path = benchmark_slice
    assert slice_digest(path, entry["clusters"]) == entry["sha256"], (
        f"the first {entry['clusters']} clusters of {entry['file']} changed since the floors were measured; {UPDATE}"
    )


def test_default_ranker_stays_above_the_floors(benchmark_slice):
    entry, path = benchmark_slice
    result = evaluate(path, systems=[DEFAULT_RANKER], limit=entry["clusters"])
    means = result.system(DEFAULT_RANKER).mean
    below = {m: (round(means[m], 4), entry["floors"][m]) for m in METRICS if means[m] < entry["floors"][m]}
    assert not below, (
        f"default ranker {DEFAULT_RANKER!r} fell below the quality floors on {entry['file']} "
        f"(metric: (score, floor)): {below}. Fix the regression; if the drop is intended, {UPDATE} "
        "(--allow-lower)."
    )


# The gate must catch a worse default: the news baseline in its place, or the same ranker reading
# position backwards (first sentences taken for last). Each mutant is scored on the news slices
# exactly as the default is (same prepared stories, embeddings and selector), and must fall below
# at least one floor of each slice.
POSITION_COLUMNS = ("position", "relative_position", "first", "paragraph", "in_paragraph")


class _PositionInverted:
    """The default ranker, fed salience features whose position columns run from the end of each document."""

    def __init__(self, ranker):
        self.ranker = ranker
        self.name = f"{ranker.name}-position-inverted"
        self.description = "mutant"
        self.needs_embeddings = ranker.needs_embeddings

    def _invert(self, features):
        from storyline.features.salience import COLUMNS

        if getattr(features, "_position_inverted", False):  # coverage() and score() see the same features
            return features
        features._position_inverted = True
        matrix = features.salience.matrix.copy()
        for name in POSITION_COLUMNS:
            column = matrix[:, COLUMNS.index(name)]
            matrix[:, COLUMNS.index(name)] = column.max(initial=0.0) + column.min(initial=0.0) - column
        features.salience.__dict__["matrix"] = matrix  # replace the cached features, as a mutant would compute them
        return features

    def score(self, features):
        return self.ranker.score(self._invert(features))

    def coverage(self, features):
        return self.ranker.coverage(self._invert(features))


def _slice_means(ranker, entry) -> dict[str, float]:
    import numpy as np

    from storyline.eval.datasets import load_benchmark
    from storyline.eval.systems import Context, RankerSystem, prepare

    protocol, clusters = load_benchmark(DATA / entry["file"], limit=entry["clusters"])
    context = Context(protocol, embeddings="static")
    system = RankerSystem(ranker)
    scores = [context.rouge.score(protocol.cut(system.summarize(prepare(c), context)), c.references) for c in clusters]
    return {m: float(np.mean([s[m] for s in scores])) for m in METRICS}


NEWS_SLICES = [s for s in FLOORS["slices"] if s["file"].split("/")[0] in ("multinews", "wcep")]


@pytest.mark.slow
@pytest.mark.parametrize("mutant", ["lead", "position-inverted"])
def test_the_gate_fails_a_worse_default(mutant):
    """The gate as a whole (any slice below a floor fails it) must catch each mutant on the news slices."""
    from storyline.rankers import RANKERS, get_ranker

    ranker = RANKERS["lead"] if mutant == "lead" else _PositionInverted(get_ranker("default"))
    measured = {}
    for entry in NEWS_SLICES:
        assert entry["ranker"] == DEFAULT_RANKER, f"floors were measured with {entry['ranker']!r}; {UPDATE}"
        means = _slice_means(ranker, entry)
        measured[entry["file"]] = {m: round(v, 4) for m, v in means.items()}
        if any(means[m] < entry["floors"][m] for m in METRICS):
            return
    pytest.fail(f"the quality gate would not notice {ranker.name!r} as the default: {measured}")
