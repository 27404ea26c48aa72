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
