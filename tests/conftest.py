"""Shared fixtures: the example cluster and the brief's JSON schema, both from ../shared."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

# `make test` runs the same generated examples on every machine, so a CI run is reproducible; a search
# with fresh examples is `HYPOTHESIS_PROFILE=explore make test` (what found the cases in tests/hostile).
settings.register_profile("ci", derandomize=True, database=None)
settings.register_profile("explore", max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
SCHEMA = SHARED / "spec" / "brief.schema.json"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"the example cluster is missing: {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def brief_schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))
