"""Articles for the story tests: the real dev stream (../shared/data/streams/dev.jsonl) and the seeds."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

from storyline.model import Article

STREAM = Path(__file__).resolve().parents[3] / "shared" / "data" / "streams" / "dev.jsonl"


@pytest.fixture(scope="session")
def stream_rows() -> list[dict]:
    assert STREAM.exists(), f"the dev stream is missing: {STREAM}"
    return [json.loads(line) for line in STREAM.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def gold_stories(stream_rows) -> dict[str, list[dict]]:
    """Gold story -> its records, in stream order."""
    stories: dict[str, list[dict]] = defaultdict(list)
    for row in stream_rows:
        stories[row["story"]].append(row)
    return dict(stories)


def article(row: dict) -> Article:
    """The article of a stream record (the gold ``story`` is never an input)."""
    return Article(id=row["id"], text=row["text"], title=row.get("title"))


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps({k: v for k, v in r.items() if k != "story"}) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def start_local_ray(ray) -> None:
    """A local Ray of 2 CPUs whose workers import this checkout (starting one takes seconds: one a module)."""
    src = os.path.join(os.path.dirname(__file__), "..", "..", "src")
    env = {"PYTHONPATH": os.pathsep.join(filter(None, [os.path.abspath(src), os.environ.get("PYTHONPATH")]))}
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, runtime_env={"env_vars": env})
