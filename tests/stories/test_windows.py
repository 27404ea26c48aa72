"""Clustering by windows parsed with the reading (``read_paths(..., windows=model)``): the stories of the
windows cut at ingest, whatever the store already holds; idempotent and crash-safe like the rest."""

from __future__ import annotations

import sqlite3

import pytest

from storyline.stories import Store, ingest, read_paths
from storyline.stories.decision import DEFAULT_MODEL
from storyline.stories.windows import WINDOW

from .conftest import write_jsonl


@pytest.fixture(scope="module")
def rows(stream_rows) -> list[dict]:
    """Two batches of two windows each, with exact copies (new ids) of earlier articles: in their own
    window, in the batch's other window and in a later batch; and an id reused with other content."""
    base = stream_rows[: 2 * WINDOW + 120]
    placeable = [r for r in base if len(r["text"].split()) > 200]
    rows = list(base)
    rows.insert(20, dict(placeable[0], id="copy-same-window"))
    rows.insert(WINDOW + 30, dict(placeable[1], id="copy-next-window"))
    rows.insert(2 * WINDOW + 50, dict(placeable[2], id="copy-next-batch"))
    rows.insert(2 * WINDOW + 60, dict(placeable[3], id=base[5]["id"]))
    return rows


def _assignments(path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT a.id, a.copy_of, s.story FROM articles a JOIN assignments s ON s.article = a.id"
        ).fetchall()


def _ingest(store: Store, feed, *, parsed: bool, size: int = 2 * WINDOW, **options):
    return ingest(
        read_paths([feed], size=size, windows=DEFAULT_MODEL if parsed else None), store, windows=True, **options
    )


def test_windows_parsed_with_the_reading_give_the_stories_of_windows_cut_at_ingest(tmp_path, rows):
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    reports = {}
    for parsed in (False, True):
        with Store.open(tmp_path / f"{parsed}.db") as store:
            reports[parsed] = _ingest(store, feed, parsed=parsed)
    assert _assignments(tmp_path / "True.db") == _assignments(tmp_path / "False.db")
    assert reports[True].added == len(rows) and reports[True].copies >= 3
    assert any("stored as" in w for w in reports[True].warnings)


def test_windows_of_a_feed_the_store_partly_holds_are_those_of_its_new_articles(tmp_path, rows):
    """Every window of the second feed holds articles stored already, so none is taken as parsed."""
    first = write_jsonl(tmp_path / "first.jsonl", rows[::3])
    every = write_jsonl(tmp_path / "every.jsonl", rows)
    for parsed in (False, True):
        with Store.open(tmp_path / f"{parsed}.db") as store:
            _ingest(store, first, parsed=parsed)
            report = _ingest(store, every, parsed=parsed)
            assert report.known == len(rows[::3]) and report.added == len(rows) - len(rows[::3])
            again = _ingest(store, every, parsed=parsed)
            assert again.added == 0 and again.known == len(rows)
    assert _assignments(tmp_path / "True.db") == _assignments(tmp_path / "False.db")


def test_a_crash_by_windows_loses_only_the_batch_in_flight_and_the_rerun_resumes(tmp_path, rows):
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    with Store.open(tmp_path / "whole.db") as store:
        _ingest(store, feed, parsed=True, size=WINDOW)

    class Crash(Exception):
        pass

    def crash(report):
        if report.batches == 2:
            raise Crash

    with Store.open(tmp_path / "s.db") as store, pytest.raises(Crash):
        _ingest(store, feed, parsed=True, size=WINDOW, on_batch=crash)
    with Store.open(tmp_path / "s.db") as store:
        resumed = _ingest(store, feed, parsed=True, size=WINDOW)
    assert resumed.known == 2 * WINDOW
    assert sorted(_assignments(tmp_path / "s.db")) == sorted(_assignments(tmp_path / "whole.db"))
