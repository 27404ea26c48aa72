"""A tiny benchmark file written by hand, in the shared format (../shared/data/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DOCS = [
    (
        "a",
        "2024-03-01",
        "The city council approved a new budget for public transport on Monday. "
        "The plan adds forty electric buses to the fleet by next year. "
        "Council members voted nine to two in favour of the proposal.",
    ),
    (
        "b",
        "2024-03-02",
        "A new transport budget was approved by the city council this week. "
        "Forty electric buses will join the fleet by next year under the plan. "
        "Critics of the budget said fares could rise to pay for the buses.",
    ),
    (
        "c",
        "2024-03-02",
        "Local residents welcomed the council decision to buy electric buses for the city. "
        "Bus drivers will be trained to use the new vehicles during the autumn months.",
    ),
]
SUMMARIES = [
    "The city council approved a transport budget that adds forty electric buses by next year.",
    "Forty electric buses will be added to the fleet after the council approved the budget; fares could rise.",
]


def write_benchmark(path: Path, *, clusters: int = 2, header: dict | None = None) -> Path:
    lines = [json.dumps({"protocol": header or {"dataset": "tiny", "words": 20, "note": "hand-written"}})]
    for n in range(clusters):
        docs = [
            {"id": f"{d}{n}", "title": None, "date": date, "source": f"outlet-{d}", "text": text}
            for d, date, text in DOCS
        ]
        lines.append(json.dumps({"id": f"cluster-{n}", "docs": docs, "summaries": SUMMARIES}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def make_benchmark():
    """``make_benchmark(path, clusters=2, header=None)`` writes a tiny benchmark file."""
    return write_benchmark


@pytest.fixture
def tiny_benchmark(tmp_path: Path) -> Path:
    return write_benchmark(tmp_path / "tiny.jsonl")
