"""The store's routes through FastAPI's test client: the list, changes since a point, briefs, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from storyline.errors import InputError  # noqa: E402
from storyline.stories import Store, ingest, read_paths  # noqa: E402
from storyline.web.app import create_app  # noqa: E402

STREAM = Path(__file__).resolve().parents[3] / "shared" / "data" / "streams" / "dev.jsonl"


def _store(tmp_path: Path, lines: list[str]) -> Path:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store.open(tmp_path / "s.db") as store:
        ingest(read_paths([feed]), store)
    return tmp_path / "s.db"


def test_list_changes_since_and_brief(tmp_path, brief_schema):
    import jsonschema

    lines = STREAM.read_text(encoding="utf-8").splitlines()[:20]
    client = TestClient(create_app(store=_store(tmp_path, lines)))
    everything = client.get("/api/stories").json()
    assert everything["total"] == len(everything["stories"]) > 0
    assert client.get(f"/api/stories?after={everything['seq']}").json()["stories"] == []
    page = client.get("/stories")
    assert page.status_code == 200 and "/api/stories?after=" in page.text
    story = everything["stories"][0]["id"]
    brief = client.get(f"/api/stories/{story}").json()
    jsonschema.validate(brief, brief_schema)
    assert client.get(f"/stories/{story}").text.lstrip().lower().startswith("<!doctype html")


def test_an_unknown_story_is_a_one_line_error(tmp_path):
    line = json.dumps({"id": "a", "text": "The council met on Monday and approved the budget for next year."})
    client = TestClient(create_app(store=_store(tmp_path, [line])))
    reply = client.get("/api/stories/s-nope")
    assert reply.status_code == 400 and "no story" in reply.json()["detail"]


def test_a_missing_store_fails_when_the_app_is_made(tmp_path):
    with pytest.raises(InputError, match="no store"):
        create_app(store=tmp_path / "none.db")
