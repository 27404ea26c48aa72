"""The brief refresher: changes coalesce into one rebuild whose brief holds them all; its queue survives a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from storyline.stories import Store, ingest, read_paths
from storyline.stories.reading import Batch

from .conftest import article, write_jsonl

SRC = Path(__file__).resolve().parents[2] / "src"


class GatedExecutor:
    """Builds a brief in the calling thread, but only once :attr:`gate` is open: the test decides when
    the refresher's first brief may finish (what a slow brief does to the stories changing meanwhile)."""

    name = "gated"
    workers = 1

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.entered = threading.Event()

    def map(self, fn, items, *, chunk=64):
        self.entered.set()
        assert self.gate.wait(timeout=120), "the test never opened the gate"
        return [fn(item) for item in items]

    def submit(self, fn, items, *, chunk=64):
        raise AssertionError("the refresher only maps")

    def close(self) -> None:
        return None


def _joined_story(tmp_path, gold_stories) -> list[dict]:
    """Three articles of one gold story that the clustering puts in one story (checked, not assumed)."""
    for rows in gold_stories.values():
        if len(rows) < 3:
            continue
        with Store.open(tmp_path / "probe.db") as store:
            ingest(read_paths([write_jsonl(tmp_path / "probe.jsonl", rows[:3])]), store)
            joined = len(set(store.assignments().values())) == 1
        (tmp_path / "probe.db").unlink()
        if joined:
            return rows[:3]
    raise AssertionError("no gold story of three articles clusters as one")


def test_arrivals_during_a_brief_are_coalesced_into_one_rebuild_that_holds_them_all(tmp_path, gold_stories):
    rows = _joined_story(tmp_path, gold_stories)
    builder = GatedExecutor()
    built: list[tuple[str, int, bool]] = []

    def batches():
        yield Batch((article(rows[0]),))
        # The quick brief of the story's first version is being built (and held) ...
        assert builder.entered.wait(timeout=120)
        # ... while two more articles join it, one batch each.
        yield Batch((article(rows[1]),))
        yield Batch((article(rows[2]),))
        builder.gate.set()

    with Store.open(tmp_path / "s.db") as store:
        ingest(
            batches(),
            store,
            briefs=True,
            brief_executor=builder,
            on_brief=lambda story, version, _, quick: built.append((story, version, quick)),
        )
        (story,) = store.stories()
        final = store.cached_brief(story.id, story.version)
        assert store.brief_backlog() == []
    assert story.version == 3
    # Version 2 was never built: versions 2 and 3 waited as one entry, briefed once quick, once in full.
    assert built == [(story.id, 1, True), (story.id, 3, True), (story.id, 3, False)]
    assert final is not None and final["entities"] == "auto"
    brief = json.loads(final["json"])
    assert brief["story"]["documents"] == 3


def test_a_brief_cached_for_an_older_version_leaves_the_story_queued(tmp_path, gold_stories):
    from storyline.stories import backlog

    rows = _joined_story(tmp_path, gold_stories)
    with Store.open(tmp_path / "s.db") as store:
        ingest(read_paths([write_jsonl(tmp_path / "a.jsonl", rows[:1])]), store)
        ingest(read_paths([write_jsonl(tmp_path / "b.jsonl", rows[1:2])]), store)
        assert store.brief_backlog() == []  # only an ingest with briefs queues them
        (story,) = store.stories()
        assert story.version == 2
        backlog.enqueue(store.db, [story.id], 1.0)
        store.keep_brief(story.id, 1, {"json": "{}"}, quick=False)  # built from version 1: stale
        assert store.brief_backlog() == [(story.id, 1.0, False)]
        store.keep_brief(story.id, 2, {"json": "{}"}, quick=True)
        ((_, since, quick),) = store.brief_backlog()
        assert quick and since > 1.0  # it now waits for its full brief
        backlog.enqueue(store.db, [story.id], 2.0)  # changed again: a quick brief first, waiting from then
        assert store.brief_backlog() == [(story.id, 2.0, False)]
        backlog.enqueue(store.db, [story.id], 3.0)  # and again: it keeps its place
        assert store.brief_backlog() == [(story.id, 2.0, False)]
        store.keep_brief(story.id, 2, {"json": "{}"}, quick=False)
        assert store.brief_backlog() == []


CRASHING_INGEST = textwrap.dedent(
    """
    import os, signal, sys, threading
    from storyline.stories import Store, ingest, read_paths

    class Stuck:  # a brief builder that never finishes: every changed story is still queued at the crash
        name, workers = "stuck", 1
        def map(self, fn, items, *, chunk=64):
            threading.Event().wait()
        def close(self):
            pass

    def batches():
        for n, batch in enumerate(read_paths([sys.argv[2]], size=2)):
            if n == 3:  # three batches committed: the process dies as a crash would (no cleanup)
                os.kill(os.getpid(), signal.SIGKILL)
            yield batch

    with Store.open(sys.argv[1]) as store:
        ingest(batches(), store, briefs=True, brief_executor=Stuck())
    """
)


@pytest.mark.slow
def test_nothing_is_lost_when_an_ingest_with_briefs_is_killed(tmp_path, gold_stories):
    rows = [r for v in list(gold_stories.values())[:8] for r in v][:10]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    path = tmp_path / "s.db"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-c", CRASHING_INGEST, str(path), str(feed)], env=env, timeout=300)
    assert done.returncode == -9
    with Store.open(path) as store:
        live = {s.id: s.version for s in store.stories()}
        assert sum(s.articles for s in store.stories()) == 6  # the three committed batches
        assert {s for s, *_ in store.brief_backlog()} == set(live)
        assert all(store.cached_brief(s, v) is None for s, v in live.items())
        # The next ingest with briefs resumes: the rest of the feed, and the briefs the crash left.
        report = ingest(read_paths([feed]), store, briefs=True)
        assert report.added == len(rows) - 6
        current = {s.id: s.version for s in store.stories()}
        assert store.brief_backlog() == []
        assert all((store.cached_brief(s, v) or {}).get("entities") == "auto" for s, v in current.items())


@pytest.mark.slow
def test_ingest_briefs_in_a_process_of_their_own(tmp_path, gold_stories, monkeypatch):
    from typer.testing import CliRunner

    from storyline.cli import app

    # The spawned brief worker imports this checkout.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])))
    rows = [r for v in list(gold_stories.values())[:3] for r in v]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    path = tmp_path / "s.db"
    args = ["ingest", str(feed), "--store", str(path), "--briefs", "--brief-workers", "1", "--format", "json"]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    with Store.open(path) as store:
        current = {s.id: s.version for s in store.stories()}
        assert store.brief_backlog() == []
        assert all((store.cached_brief(s, v) or {}).get("entities") == "auto" for s, v in current.items())
    assert report["briefs"] == 2 * len(current)  # each story: its quick brief, then its full one


def test_the_queue_gives_the_longest_waiting_story_no_builder_holds():
    from storyline.stories.refresh import _Queue

    queue = _Queue()
    for n, story in enumerate(["c", "a", "b", "d"]):
        queue.add(story, float(n))
    queue.add("c", 99.0)  # changed again: keeps its place
    queue.discard("b")
    queue.add("b", 10.0)  # back, from its new time
    assert queue.take(busy={"c"}) == "a"
    assert queue.take(busy={"c"}) == "d"  # c is being built: passed over, not lost
    assert queue.take(busy=set()) == "c"
    assert queue.take(busy=set()) == "b"
    assert queue.take(busy=set()) is None and not queue
