"""The ingest, stories and story commands through typer's runner: files, stdin, bad records, formats."""

from __future__ import annotations

import json

import jsonschema
from typer.testing import CliRunner

from storyline.cli import app

from .conftest import write_jsonl

runner = CliRunner()


def _ingest(*args: str, stdin: str | None = None):
    return runner.invoke(app, ["ingest", *args], input=stdin)


def test_ingest_then_list_then_brief(tmp_path, gold_stories, brief_schema):
    rows = [r for v in list(gold_stories.values())[:12] for r in v]
    feed = write_jsonl(tmp_path / "feed.jsonl", rows)
    store = str(tmp_path / "s.db")
    done = _ingest(str(feed), "--store", store, "--format", "json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert report["added"] == len(rows) and report["warnings"] == []

    listed = runner.invoke(app, ["stories", "--store", store, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    stories = json.loads(listed.stdout)
    assert sum(s["articles"] for s in stories) == len(rows)
    assert [s["seq"] for s in stories] == sorted((s["seq"] for s in stories), reverse=True)  # newest change first
    assert {"id", "title", "articles", "sources", "first_date", "last_date", "changed"} <= set(stories[0])

    text = runner.invoke(app, ["stories", "--store", store])
    assert stories[0]["id"] in text.stdout

    biggest = max(stories, key=lambda s: s["articles"])
    brief = runner.invoke(app, ["story", biggest["id"], "--store", store, "--format", "json"])
    assert brief.exit_code == 0, brief.output
    data = json.loads(brief.stdout)
    jsonschema.validate(data, brief_schema)
    assert data["story"]["documents"] == biggest["articles"]
    html = runner.invoke(app, ["story", biggest["id"], "--store", store, "--format", "html"])
    assert html.stdout.lstrip().lower().startswith("<!doctype html")


def test_stdin_feed_with_bad_records_names_each_one(tmp_path, stream_rows):
    good = [json.dumps({"id": r["id"], "text": r["text"]}) for r in stream_rows[:3]]
    lines = [good[0], "{not json", json.dumps({"id": "x"}), good[1], json.dumps({"id": "y", "text": ""}), good[2]]
    done = _ingest("-", "--store", str(tmp_path / "s.db"), "--format", "json", stdin="\n".join(lines) + "\n")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert report["added"] == 3
    warnings = report["warnings"]
    assert len(warnings) == 3
    assert any("<stdin>:2" in w and "malformed" in w for w in warnings)
    assert any("<stdin>:3" in w and "'text'" in w for w in warnings)
    assert any("<stdin>:5" in w and "empty" in w for w in warnings)


def test_errors_are_one_line_with_the_right_exit_code(tmp_path):
    missing = runner.invoke(app, ["stories", "--store", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "no store" in missing.output
    assert len(missing.output.strip().splitlines()) == 1
    bad_format = runner.invoke(app, ["stories", "--store", str(tmp_path / "none.db"), "--format", "xml"])
    assert bad_format.exit_code == 2
    no_path = _ingest(str(tmp_path / "nothing.jsonl"), "--store", str(tmp_path / "s.db"))
    assert no_path.exit_code == 1 and "no such file" in no_path.output
    bad_executor = _ingest(str(tmp_path), "--store", str(tmp_path / "s.db"), "--executor", "spark")
    assert bad_executor.exit_code == 2 and "embedded, processes, ray" in bad_executor.output
    unknown = runner.invoke(app, ["story", "s-000", "--store", str(tmp_path / "s.db")])
    assert unknown.exit_code == 1 and "no story" in unknown.output


def test_story_since_a_date_is_the_update_brief(tmp_path, gold_stories):
    story_rows = next(v for v in gold_stories.values() if len(v) >= 4)
    dated = [dict(r, date=f"2020-01-0{n}") for n, r in enumerate(story_rows[:4], 1)]
    store = str(tmp_path / "s.db")
    assert _ingest(str(write_jsonl(tmp_path / "feed.jsonl", dated)), "--store", store).exit_code == 0
    listed = json.loads(runner.invoke(app, ["stories", "--store", store, "--format", "json"]).stdout)
    biggest = max(listed, key=lambda s: s["articles"])
    assert biggest["first_date"] <= biggest["last_date"]
    update = runner.invoke(app, ["story", biggest["id"], "--store", store, "--since", "2020-01-03", "--format", "json"])
    assert update.exit_code == 0, update.output
    assert json.loads(update.stdout)["story"]["update_since"]
    bad = runner.invoke(app, ["story", biggest["id"], "--store", store, "--since", "yesterday"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_ingest_by_windows_on_processes_gives_the_windows_of_the_library(tmp_path, stream_rows):
    """`--windows` clusters each window where its lines are parsed (here 2 processes); the library's
    embedded ingest by windows gives the same stories, and the file's bad records are still named."""
    from storyline.stories import Store, ingest, read_paths
    from storyline.stories.decision import DEFAULT_MODEL

    rows = stream_rows[:300]
    feed = tmp_path / "feed.jsonl"
    write_jsonl(feed, rows)
    feed.write_text(feed.read_text(encoding="utf-8") + "{not json\n", encoding="utf-8")
    store = str(tmp_path / "s.db")
    first = _ingest(str(feed), "--store", store, "--windows", "--executor", "processes", "--workers", "2")
    assert first.exit_code == 0, first.output
    done = _ingest(str(feed), "--store", store, "--windows", "--format", "json")
    assert done.exit_code == 0, done.output
    again = json.loads(done.stdout)
    assert again["added"] == 0 and again["known"] == len(rows)
    assert any("feed.jsonl:301" in w for w in again["warnings"])
    with Store.open(tmp_path / "library.db") as library:
        ingest(read_paths([feed], windows=DEFAULT_MODEL), library, windows=True)
        expected = library.assignments()
    with Store.open(store) as cli:
        assert cli.assignments() == expected
