"""The process-pool executor and the background brief refresher: the same stories and briefs as the embedded path."""

from __future__ import annotations

import json
import os

import pytest

from storyline.stories import Store, ingest, read_paths
from storyline.stories.executors import EmbeddedExecutor, ProcessExecutor

from .conftest import write_jsonl

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pool():
    """Two spawned workers for the module; they import this checkout through PYTHONPATH."""
    src = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "src"))
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [src, before]))
    executor = ProcessExecutor(workers=2)
    yield executor
    executor.close()
    if before is None:
        os.environ.pop("PYTHONPATH")
    else:
        os.environ["PYTHONPATH"] = before


def test_processes_and_embedded_give_the_same_stories_and_briefs(pool, tmp_path, gold_stories):
    rows = [r for v in list(gold_stories.values())[:12] for r in v]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    results = {}
    built: dict[str, list[tuple[str, int]]] = {"embedded": [], "processes": []}
    for name, executor in (("embedded", EmbeddedExecutor()), ("processes", pool)):
        with Store.open(tmp_path / f"{name}.db") as store:
            report = ingest(
                read_paths([feed], executor=executor, size=7),
                store,
                executor=executor,
                briefs=True,
                lookahead=2,
                on_brief=lambda story, version, *_, name=name: built[name].append((story, version)),
            )
            assignments = store.assignments()
            # Every live story has the brief of its current version once ingest returns.
            current = {s.id: s.version for s in store.stories()}
            assert all(store.cached_brief(s, v) is not None for s, v in current.items())
            biggest = max(store.stories(), key=lambda s: s.articles)
            brief = json.loads(store.cached_brief(biggest.id, biggest.version)["json"])
        results[name] = (report.added, assignments, biggest.id, brief)
        assert report.briefs == len(built[name]) >= len(current)
    assert results["processes"] == results["embedded"]
    assert pool.map(str, list(range(50)), chunk=7) == [str(i) for i in range(50)]


def test_a_brief_is_never_cached_over_a_newer_versions(tmp_path, gold_stories):
    rows = list(gold_stories.values())[0]
    with Store.open(tmp_path / "s.db") as store:
        ingest(read_paths([write_jsonl(tmp_path / "f.jsonl", rows)]), store)
        story = store.stories()[0].id
        store.cache_brief(story, 5, {"json": "new"})
        store.cache_brief(story, 4, {"json": "old"})
        assert store.cached_brief(story, 5) == {"json": "new"}


def test_changed_stories_get_a_quick_brief_first_and_the_full_one_when_none_waits(tmp_path, gold_stories):
    rows = [r for v in list(gold_stories.values())[:4] for r in v]
    order: list[tuple[str, int, bool]] = []
    with Store.open(tmp_path / "s.db") as store:
        report = ingest(
            read_paths([write_jsonl(tmp_path / "f.jsonl", rows)], size=3),
            store,
            briefs=True,
            on_brief=lambda story, version, _, quick: order.append((story, version, quick)),
        )
        current = {s.id: s.version for s in store.stories()}
        finals = {s: store.cached_brief(s, v) for s, v in current.items()}
    assert all(b is not None and b["entities"] == "auto" for b in finals.values())
    for story, version in current.items():
        built = [quick for s, v, quick in order if (s, v) == (story, version)]
        assert built == [True, False]  # quick, then full
    assert report.briefs == len(order)
    assert store_queue_is_empty(tmp_path / "s.db")


def store_queue_is_empty(path) -> bool:
    with Store.open(path) as store:
        return store.brief_backlog() == []
