"""One bad record never stops a brief: each is a named warning on that record (issue 11, item 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import storyline

_CLI = (sys.executable, "-c", "from storyline.cli import app; app()")


def _jsonl(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


_BAD_LINES = {
    "year-1": ('{"id": "bad", "text": TEXT, "date": "0001-01-01"}', "unreadable date '0001-01-01'"),
    "year-9999": ('{"id": "bad", "text": TEXT, "date": "9999-12-31"}', "unreadable date '9999-12-31'"),
    "nested-array": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    "nested-text": ('{"id": "bad", "text": ' + "[" * 5_000 + "]" * 5_000 + "}", "nested too deeply"),
    "5000-digit-id": ('{"id": ' + "7" * 5_000 + ', "text": TEXT}', "id of 5,000 characters shortened"),
    "lone-surrogate": ('{"id": "bad", "text": "The army said \\ud800 it fell."}', "lone surrogate"),
    "surrogate-id": ('{"id": "\\udc00bad", "text": TEXT}', "not text) in id"),
}


@pytest.mark.parametrize(("bad_line", "warning"), list(_BAD_LINES.values()), ids=list(_BAD_LINES))
def test_a_bad_record_is_a_warning_and_the_rest_is_briefed(tmp_path, check, story_text, bad_line, warning):
    good = json.dumps({"id": "good", "text": story_text, "date": "2016-12-05"})
    other = json.dumps({"id": "other", "text": story_text.replace("12 people", "15 people"), "date": "2016-12-06"})
    bad = bad_line.replace("TEXT", json.dumps(story_text))
    check.write(tmp_path, "story.jsonl", _jsonl(good, bad, other))
    data = check.brief_json(str(tmp_path))
    assert any(warning in w for w in data["warnings"]), data["warnings"]
    assert {"good", "other"} <= {d["id"] for d in data["documents"]}
    assert data["summary"]
    brief = storyline.build_brief(storyline.load_articles(tmp_path), storyline.BriefConfig(embeddings="none"))
    check.assert_exact(brief)


@pytest.mark.parametrize(
    "text",
    [
        "It began 3,000,000 days ago, officials said. The army said it had taken the bridge on Tuesday.",
        "On Monday the army said it had taken the bridge. It happened 99999999 weeks ago.",
    ],
)
@pytest.mark.parametrize("date", ["1000-01-01", "9000-12-31"])
def test_dates_near_the_ends_of_the_calendar_are_left_unresolved(text, date):
    articles = [storyline.Article(id="a", text=text, date=storyline_date(date)), storyline.Article(id="b", text=text)]
    brief = storyline.build_brief(articles, storyline.BriefConfig(embeddings="none"))
    assert brief.summary


def storyline_date(text: str):  # noqa: ANN201 - a datetime.date
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_a_file_name_that_is_not_utf8_is_briefed_and_named_with_a_replacement_character(tmp_path, check, story_text):
    if sys.platform == "darwin":  # pragma: no cover - APFS refuses such names
        pytest.skip("the file system refuses names that are not UTF-8")
    name = os.fsdecode(b"caf\xe9.txt")
    check.write(tmp_path, name, story_text)
    check.write(tmp_path, "b.txt", story_text.replace("12 people", "15 people"))
    data = check.brief_json(str(tmp_path))
    assert "caf\ufffd" in {d["id"] for d in data["documents"]}


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_output_the_terminal_cannot_encode_is_written_with_question_marks(tmp_path, story_text, fmt):
    """A real process with an ASCII stdout: characters it lacks become '?', with a warning, never a traceback."""
    (tmp_path / "a.txt").write_text("Le café a fermé. " + story_text, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": "Zürich \ud800 said so. " + story_text}) + "\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONPATH": str(Path(storyline.__file__).parents[1])}
    done = subprocess.run(
        [*_CLI, "brief", str(tmp_path), "--embeddings", "none", "--format", fmt],
        capture_output=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    if fmt != "json":  # JSON escapes every non-ASCII character itself
        assert b"cannot show some characters" in done.stderr
    assert done.stdout.isascii()


def test_a_closed_pipe_ends_the_command_quietly(tmp_path, story_text):
    # The HTML report holds the sources' text: far over a pipe's buffer, cheap to brief.
    (tmp_path / "a.txt").write_text(story_text + "Word " * 60_000, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(storyline.__file__).parents[1])}
    command = [*_CLI, "brief", str(tmp_path), "--embeddings", "none", "--format", "html"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)
        process.stdout.close()
        stderr = process.stderr.read()
        process.wait(timeout=120)
    assert b"Traceback" not in stderr and process.returncode == 0
