"""The regression guard: today's briefs are byte-identical to the committed golden briefs.

A speed or clean-up change must not change what a brief says. When a change is
meant to, regenerate (tests/golden/README.md) in a commit that says what changed and why.
"""

from __future__ import annotations

import difflib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent / "regenerate.py"
_spec = importlib.util.spec_from_file_location("golden_regenerate", _PATH)
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

CASES = dict(golden.cases())


def _first_difference(expected: str, actual: str) -> str:
    diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden", "today", n=2, lineterm="")
    return "\n".join(line[:160] for line in list(diff)[:24])


def test_the_dev_slice_is_there():
    assert golden.DEV.is_file(), f"the golden dev slice reads {golden.DEV}, which is missing"
    assert len(CASES) == 1 + golden.DEV_CLUSTERS


@pytest.mark.parametrize("embeddings", golden.EMBEDDINGS)
@pytest.mark.parametrize("case", list(CASES))
def test_brief_is_byte_identical_to_its_golden_file(case, embeddings):
    path = golden.golden_path(case, embeddings)
    assert path.is_file(), f"no golden brief {path.name}; create it with `{golden.REGENERATE}`"
    expected = path.read_text(encoding="utf-8")
    actual = golden.brief_json(CASES[case], embeddings)
    assert actual == expected, (
        f"the {case} brief (--embeddings {embeddings}) differs from {path.name}. If the change is not meant to "
        f"change output, fix it. If it is, run `{golden.REGENERATE}` in a commit of its own that says what output "
        f"changed and why.\n{_first_difference(expected, actual)}"
    )


def test_brief_does_not_depend_on_the_hash_seed():
    """String hashing is salted per process: a brief that followed set order would differ between runs."""
    script = (
        "import importlib.util, sys;"
        f"spec = importlib.util.spec_from_file_location('g', {str(_PATH)!r});"
        "g = importlib.util.module_from_spec(spec); spec.loader.exec_module(g);"
        "sys.stdout.write(g.brief_json(dict(g.cases())['seeds'], 'none'))"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert outputs == {golden.golden_path("seeds", "none").read_text(encoding="utf-8")}
