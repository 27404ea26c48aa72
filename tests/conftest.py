"""Shared fixtures: the example cluster and the brief's JSON schema, both from ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
