"""The Ray executor on a local Ray of 2 CPUs: the same stories and the same briefs as the embedded path."""

from __future__ import annotations

import json

import pytest

ray = pytest.importorskip("ray")

from storyline.stories import Store, ingest, read_paths  # noqa: E402
from storyline.stories.executors import EmbeddedExecutor, RayExecutor  # noqa: E402

from .conftest import start_local_ray, write_jsonl  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray for the module (starting one takes seconds); the workers import this checkout."""
    start_local_ray(ray)
    executor = RayExecutor()
    yield executor
    ray.shutdown()


def test_ray_and_embedded_give_the_same_stories_and_briefs(local_ray, tmp_path, gold_stories):
    rows = [r for v in list(gold_stories.values())[:15] for r in v]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    assert local_ray.workers == 2
    results = {}
    for name, executor in (("embedded", EmbeddedExecutor()), ("ray", local_ray)):
        with Store.open(tmp_path / f"{name}.db") as store:
            report = ingest(
                read_paths([feed], executor=executor, size=10), store, executor=executor, briefs=True, lookahead=2
            )
            assignments = store.assignments()
            biggest = max(store.stories(), key=lambda s: s.articles)
            brief = json.loads(store.cached_brief(biggest.id, biggest.version)["json"])
        results[name] = (report.added, report.briefs, assignments, biggest.id, brief)
    assert results["ray"] == results["embedded"]
    assert results["ray"][0] == len(rows)


def test_windows_on_ray_give_the_windows_stories_of_the_embedded_path_close_to_the_online_ones(
    local_ray, tmp_path, stream_rows
):
    from storyline.stories.decision import DEFAULT_MODEL
    from storyline.stories.scoring import bcubed

    rows = stream_rows[:600]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    found = {}
    for name, executor, windows, parsed in (
        ("online", EmbeddedExecutor(), False, False),
        ("windows", EmbeddedExecutor(), True, False),
        ("ray windows", local_ray, True, False),
        # Clustered by the tasks that parse them, on the workers: what ingest --windows --executor ray does.
        ("ray windows parsed", local_ray, True, True),
    ):
        reading = read_paths([feed], executor=executor, windows=DEFAULT_MODEL if parsed else None)
        with Store.open(tmp_path / f"{name}.db") as store:
            ingest(reading, store, executor=executor, windows=windows, lookahead=2)
            found[name] = store.assignments()
    assert found["ray windows"] == found["windows"]
    assert found["ray windows parsed"] == found["windows"]
    assert len(found["windows"]) == len(rows)
    assert bcubed(found["windows"], found["online"])[2] > 0.9


def test_ray_keeps_the_order_of_items(local_ray):
    assert local_ray.map(str, list(range(200)), chunk=7) == [str(i) for i in range(200)]
