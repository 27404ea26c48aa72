"""bench/facts_quality.py, loaded by path: the scorers live with the benchmark, not in the library."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / "bench" / "facts_quality.py"
_spec = importlib.util.spec_from_file_location("facts_quality", _PATH)
assert _spec is not None and _spec.loader is not None
facts_quality = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("facts_quality", facts_quality)
_spec.loader.exec_module(facts_quality)

__all__ = ["facts_quality"]
