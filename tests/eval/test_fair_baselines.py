"""Fair baselines: sumy's rankings through Storyline's selector, side by side; eval without sumy installed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from storyline.errors import ConfigError
from storyline.eval.datasets import load_benchmark
from storyline.eval.harness import evaluate
from storyline.eval.systems import SUMY, THROUGH_SELECT, Context, all_systems, prepare, resolve
from storyline.features.context import Features
from storyline.select import ineligibility, reading_order

# sumy made unimportable, as if it were not installed; then `storyline eval` twice, outputs as JSON.
WITHOUT_SUMY = """
import json, sys
class NoSumy:
    def find_spec(self, name, path=None, target=None):
        if name == "sumy" or name.startswith("sumy."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, NoSumy())
from typer.testing import CliRunner
from storyline.cli import app
runs = [CliRunner().invoke(app, ["eval", sys.argv[1], "--ranker", spec, "--format", "md"]) for spec in sys.argv[2:]]
print(json.dumps([{"code": r.exit_code, "output": r.output, "error": repr(r.exception)} for r in runs]))
"""


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("own", {"sumy_lexrank"}),
        ("storyline", {"sumy_lexrank+select"}),
        ("both", {"sumy_lexrank", "sumy_lexrank+select"}),
    ],
)
def test_baseline_selector_picks_the_variants(selector, expected):
    chosen = resolve("lead,sumy_lexrank", selector)
    assert {n for n in chosen if n.startswith("sumy")} == expected
    assert "lead" in chosen and "oracle" in chosen


def test_both_puts_every_sumy_method_beside_its_selector_variant():
    chosen = resolve("all", "both")
    for name in SUMY:
        assert chosen.index(name + THROUGH_SELECT) == chosen.index(name) + 1


def test_unknown_baseline_selector_is_a_config_error():
    with pytest.raises(ConfigError, match="own, storyline, both"):
        resolve("all", "mine")


def test_sumy_through_select_obeys_the_selector(tiny_benchmark):
    protocol, clusters = load_benchmark(tiny_benchmark)
    context = Context(protocol)
    p = prepare(clusters[0])
    system = all_systems()["sumy_lexrank" + THROUGH_SELECT]
    summary = system.summarize(p, context)
    features = Features(p.story, embedder=context.embedder())
    index = {features.items[i].text: i for i in p.candidates}
    chosen = [index[s] for s in summary]
    assert chosen == reading_order(features, chosen)
    assert all(ineligibility(features.items[i]) is None for i in chosen)
    for k, i in enumerate(chosen):  # no two sentences select() would call the same content
        others = chosen[:k] + chosen[k + 1 :]
        assert not others or features.similarity_to(i, others).max() <= features.related_threshold
    first = next(i for i in system.order(p, context) if ineligibility(features.items[i]) is None)
    assert first in chosen  # sumy's best eligible sentence leads the pick


def test_side_by_side_run_scores_both_variants(tiny_benchmark):
    result = evaluate(tiny_benchmark, systems=resolve("sumy_lexrank,sumy_luhn", "both"))
    names = result.names()
    for name in ("sumy_lexrank", "sumy_lexrank+select", "sumy_luhn", "sumy_luhn+select"):
        assert name in names and 0.0 < result.system(name).mean["rouge1"] <= 1.0


def test_eval_runs_without_sumy_and_skips_the_sumy_baselines_with_one_note(tiny_benchmark):
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_SUMY, str(tiny_benchmark), "lead", "lead,sumy_lexrank"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    lead, with_sumy = json.loads(done.stdout.strip().splitlines()[-1])
    assert lead["code"] == 0, lead
    assert "| lead |" in lead["output"] and "sumy" not in lead["output"]
    assert with_sumy["code"] == 0 and "Traceback" not in with_sumy["output"], with_sumy
    notes = [line for line in with_sumy["output"].splitlines() if line.startswith("Skipped sumy_lexrank")]
    assert len(notes) == 1 and "pip install" in notes[0], with_sumy["output"]
    assert "| lead |" in with_sumy["output"] and "| sumy_lexrank |" not in with_sumy["output"]
