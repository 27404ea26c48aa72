"""The store: idempotent, crash-safe, migrated from older schemas; briefs cached until a story changes."""

from __future__ import annotations

import json
import sqlite3

import pytest

from storyline.errors import InputError
from storyline.stories import SCHEMA_VERSION, Store, ingest, read_paths
from storyline.stories.briefs import story_brief
from storyline.stories.store import IDF_FLUSH_BATCHES, MIGRATIONS

from .conftest import write_jsonl


@pytest.fixture(scope="module")
def rows(stream_rows, gold_stories) -> list[dict]:
    keep = set(list(gold_stories)[:40])
    return [r for r in stream_rows if r["story"] in keep]


def _snapshot(path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        return {
            "articles": db.execute("SELECT id, hash, copy_of FROM articles ORDER BY seq").fetchall(),
            "assignments": db.execute("SELECT * FROM assignments ORDER BY article").fetchall(),
            "stories": db.execute("SELECT id, articles, sources, merged_into FROM stories ORDER BY id").fetchall(),
        }


def test_ingesting_twice_changes_nothing(tmp_path, rows):
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    with Store.open(tmp_path / "s.db") as store:
        first = ingest(read_paths([feed], size=25), store)
    before = _snapshot(tmp_path / "s.db")
    with Store.open(tmp_path / "s.db") as store:
        again = ingest(read_paths([feed], size=25), store)
    assert first.added == len(rows) and again.added == 0 and again.known == len(rows)
    assert _snapshot(tmp_path / "s.db") == before


def test_same_content_under_another_id_is_a_copy_and_a_reused_id_is_renamed(tmp_path, rows):
    feed = write_jsonl(tmp_path / "feed.jsonl", rows[:5])
    extra = write_jsonl(
        tmp_path / "extra.jsonl",
        [dict(rows[0], id="copy-of-first"), dict(rows[6], id=rows[1]["id"])],
    )
    with Store.open(tmp_path / "s.db") as store:
        ingest(read_paths([feed]), store)
        report = ingest(read_paths([extra]), store)
        stories = store.assignments()
    assert report.added == 2 and report.copies >= 1
    assert stories["copy-of-first"] == stories[rows[0]["id"]]
    assert f"{rows[1]['id']}~2" in stories
    assert any("stored as" in w for w in report.warnings)


def test_a_crash_loses_only_the_batch_in_flight_and_the_rerun_resumes(tmp_path, rows):
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    with Store.open(tmp_path / "whole.db") as store:
        ingest(read_paths([feed], size=20), store)

    class Crash(Exception):
        pass

    def crash_after_first(report):
        raise Crash

    with Store.open(tmp_path / "s.db") as store, pytest.raises(Crash):
        ingest(read_paths([feed], size=20), store, on_batch=crash_after_first)
    with Store.open(tmp_path / "s.db") as store:
        assert len(store.assignments()) == 20
        resumed = ingest(read_paths([feed], size=20), store)
    assert resumed.known == 20
    assert _snapshot(tmp_path / "s.db") == _snapshot(tmp_path / "whole.db")


@pytest.mark.parametrize("crash_at", [3, IDF_FLUSH_BATCHES, IDF_FLUSH_BATCHES + 3])
def test_a_resumed_run_recounts_the_idf_of_batches_after_its_last_flush(tmp_path, rows, crash_at):
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)

    def idf(path) -> list:
        with sqlite3.connect(path) as db:
            return (
                db.execute("SELECT * FROM idf ORDER BY field, term").fetchall()
                + db.execute("SELECT value FROM meta WHERE key = 'documents'").fetchall()
            )

    with Store.open(tmp_path / "whole.db") as store:
        ingest(read_paths([feed], size=4), store)

    class Crash(Exception):
        pass

    def crash(report):
        if report.batches == crash_at:
            raise Crash

    with Store.open(tmp_path / "s.db") as store, pytest.raises(Crash):
        ingest(read_paths([feed], size=4), store, on_batch=crash)
    with Store.open(tmp_path / "s.db") as store:
        assert len(store.assignments()) == 4 * crash_at
        ingest(read_paths([feed], size=4), store)
    assert _snapshot(tmp_path / "s.db") == _snapshot(tmp_path / "whole.db")
    assert idf(tmp_path / "s.db") == idf(tmp_path / "whole.db")


def test_a_failing_batch_leaves_nothing_half_written(tmp_path, rows):
    path = tmp_path / "s.db"
    with Store.open(path) as store:
        ingest(read_paths([write_jsonl(tmp_path / "a.jsonl", rows[:10])]), store)
        # A real SQLite failure half-way through the next batch's writes.
        store.db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON assignments WHEN NEW.article = '{}' "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END".format(rows[15]["id"].replace("'", "''"))
        )
        before = _snapshot(path)
        with pytest.raises(sqlite3.DatabaseError):
            ingest(read_paths([write_jsonl(tmp_path / "b.jsonl", rows[10:20])]), store)
    assert _snapshot(path) == before


def test_an_old_schema_is_migrated_keeping_its_data(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(path) as fresh:
        fresh.db.execute("DROP TABLE runs")
        fresh.db.execute("DROP TABLE brief_queue")
        fresh.db.execute("DROP INDEX stories_merged_into")
        fresh.db.execute("ALTER TABLE stories DROP COLUMN merged_into")
        fresh.db.execute("UPDATE schema_version SET version = 1")
        fresh.db.execute(
            "INSERT INTO stories (id, created, title, articles, sources, last_seq, changed, version, state) "
            "VALUES ('s-old', 1, 'Old story', 1, 1, 1, 0, 1, '{}')"
        )
    with Store.open(path) as store:
        assert store.version() == SCHEMA_VERSION == len(MIGRATIONS)
        assert [r.id for r in store.stories()] == ["s-old"]
        indexes = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "stories_merged_into" in indexes
        assert store.resolve("s-old") == "s-old"
        assert store.brief_backlog() == []


def test_a_newer_schema_or_a_non_store_is_refused(tmp_path):
    path = tmp_path / "new.db"
    with Store.open(path) as store:
        store.db.execute("UPDATE schema_version SET version = 99")
    with pytest.raises(InputError, match="newer"):
        Store.open(path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="not a story store"):
        Store.open(junk)


def test_a_brief_is_rebuilt_only_when_its_story_changed(tmp_path, gold_stories):
    story_rows = next(v for v in gold_stories.values() if len(v) >= 3)
    with Store.open(tmp_path / "s.db") as store:
        ingest(read_paths([write_jsonl(tmp_path / "a.jsonl", story_rows[:2])]), store)
        story = store.assignments()[story_rows[0]["id"]]
        first = json.loads(story_brief(store, story, "json"))
        built = store.brief_built(story)
        assert json.loads(story_brief(store, story, "json")) == first
        assert store.brief_built(story) == built  # served from the cache
        ingest(read_paths([write_jsonl(tmp_path / "b.jsonl", story_rows[2:3])]), store)
        if store.assignments()[story_rows[2]["id"]] != story:
            pytest.skip("the third article started its own story")
        changed = json.loads(story_brief(store, story, "json"))
        assert store.brief_built(story) != built
    assert changed["story"]["documents"] == first["story"]["documents"] + 1


def test_a_quick_brief_serves_its_formats_and_text_is_built_in_full_when_asked(tmp_path, gold_stories):
    from storyline.stories.briefs import QUICK_FORMATS, quick_renderings

    story_rows = next(v for v in gold_stories.values() if len(v) >= 2)
    with Store.open(tmp_path / "s.db") as store:
        ingest(read_paths([write_jsonl(tmp_path / "a.jsonl", story_rows[:1])]), store)
        row = store.stories()[0]
        quick = quick_renderings(store.articles(row.id))
        assert set(quick) == {*QUICK_FORMATS, "entities"} and quick["entities"] == "rules"
        store.cache_brief(row.id, row.version, quick)
        assert story_brief(store, row.id, "html") == quick["html"]  # the quick brief, from the cache
        text = story_brief(store, row.id, "text")
        full = store.cached_brief(row.id, row.version)
    assert text and full is not None and full["text"] == text and full["entities"] == "auto"


def test_merges_in_a_batch_keep_the_store_consistent(tmp_path, rows):
    from storyline.stories.decision import DEFAULT_MODEL, Model

    # Nothing joins online, so the merge pass does all the grouping (chains A -> B -> C included).
    model = Model(join=1.01, merge=DEFAULT_MODEL.join)
    with Store.open(tmp_path / "s.db") as store:
        report = ingest(read_paths([write_jsonl(tmp_path / "a.jsonl", rows)], size=40), store, model=model)
        assert report.merged > 0
        live = store.stories()
        assert sum(s.articles for s in live) == len(rows)
        stories = set(store.assignments().values())
        assert stories == {s.id for s in live}
        merged = store.db.execute("SELECT id FROM stories WHERE merged_into IS NOT NULL").fetchall()
        for (story,) in merged:
            assert store.resolve(story) in stories


def test_a_reopened_store_keeps_the_feeds_clock_and_closes_what_it_closed(tmp_path, rows):
    import datetime as dt

    from storyline.stories.cluster import CLOSE_AFTER_DAYS

    day = dt.date(2020, 1, 1)
    dated = [dict(r, date=(day + dt.timedelta(days=2 * n)).isoformat()) for n, r in enumerate(rows)]
    with Store.open(tmp_path / "s.db") as store:
        ingest(read_paths([write_jsonl(tmp_path / "f.jsonl", dated)], size=20), store)
        clusterer = store.clusterer()
        stored = store.count()
    newest = day + dt.timedelta(days=2 * (len(rows) - 1))
    assert clusterer.newest == newest and clusterer.dated_since == day
    horizon = newest - dt.timedelta(days=CLOSE_AFTER_DAYS)
    assert clusterer.stories and all(s.seen and s.seen >= horizon for s in clusterer.stories.values())
    assert len(clusterer.stories) < stored  # the feed ran longer than the horizon: stories closed
