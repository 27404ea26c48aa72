"""Evaluation: ROUGE on benchmark files, Storyline's rankers side by side with sumy and references.

Public API (imported lazily, so ``storyline`` starts without the ``eval`` extra)::

    from storyline.eval import evaluate, to_markdown
    result = evaluate("../shared/data/opinosis/dev.jsonl", systems=["consensus", "sumy_lexrank", "oracle"])
    print(to_markdown(result))
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Cluster": "storyline.eval.datasets",
    "load_benchmark": "storyline.eval.datasets",
    "slice_digest": "storyline.eval.datasets",
    "EvalResult": "storyline.eval.harness",
    "SystemResult": "storyline.eval.harness",
    "evaluate": "storyline.eval.harness",
    "rescore": "storyline.eval.harness",
    "PRESETS": "storyline.eval.protocols",
    "Protocol": "storyline.eval.protocols",
    "render": "storyline.eval.report",
    "to_json": "storyline.eval.report",
    "to_jsonl": "storyline.eval.report",
    "to_markdown": "storyline.eval.report",
    "to_text": "storyline.eval.report",
    "Rouge": "storyline.eval.rouge",
    "confidence_interval": "storyline.eval.stats",
    "paired_p_value": "storyline.eval.stats",
    "all_systems": "storyline.eval.systems",
    "resolve": "storyline.eval.systems",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'storyline.eval' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
