"""The web app on hostile input (issue 11, items 2 and 5): links in the served folder, server paths,
unnamed uploads, too many articles, slow clients, briefs past their time, /docs."""

from __future__ import annotations

import asyncio
import json
import os

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
from fastapi.testclient import TestClient  # noqa: E402  (after the skip: the web extra is optional)

from storyline.web.app import Settings, create_app  # noqa: E402

_TEXT = "The army said it had taken the old bridge on Tuesday. Officials said 12 people were hurt."


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def _folder(tmp_path):
    folder = tmp_path / "served"
    folder.mkdir()
    (folder / "a.txt").write_text(_TEXT, encoding="utf-8")
    (folder / "b.txt").write_text(_TEXT.replace("12", "15"), encoding="utf-8")
    return folder


def test_links_in_the_served_folder_are_warnings_without_server_paths(tmp_path):
    folder = _folder(tmp_path)
    os.symlink("loop1.txt", folder / "loop2.txt")
    os.symlink("loop2.txt", folder / "loop1.txt")
    os.symlink(tmp_path / "missing.txt", folder / "dangling.txt")
    os.symlink("gone.txt", folder / "dangling-inside.txt")
    response = TestClient(create_app(folder=folder)).get("/api/folder")
    assert response.status_code == 200, response.text
    brief = response.json()
    warnings = brief["warnings"]
    assert "skipped loop1.txt: a link loop" in warnings or any("loop1.txt" in w for w in warnings)
    assert any(w.startswith("skipped dangling.txt:") for w in warnings)
    assert any(w.startswith("skipped dangling-inside.txt:") for w in warnings)
    assert str(tmp_path) not in response.text
    assert {d["id"] for d in brief["documents"]} == {"a", "b"}


def test_a_folder_of_nothing_but_bad_links_is_one_line_without_its_path(tmp_path):
    folder = tmp_path / "served"
    folder.mkdir()
    os.symlink(tmp_path / "missing.txt", folder / "dangling.txt")
    response = TestClient(create_app(folder=folder)).get("/api/folder")
    assert response.status_code == 400
    assert str(tmp_path) not in response.text and "dangling.txt" in response.json()["detail"]


def test_no_server_path_in_a_response_and_identical_requests_give_identical_answers(client):
    pairs = (("a.txt", _TEXT.encode()), ("b.txt", b"Rebels said so."))
    files = [("files", (name, data, "text/plain")) for name, data in pairs]
    first, second = client.post("/api/brief", files=files), client.post("/api/brief", files=files)
    assert first.status_code == 200, first.text
    assert first.content == second.content
    assert "storyline-web-" not in first.text and "/tmp" not in first.text
    assert [d["path"] for d in first.json()["documents"]] == ["a.txt", "b.txt"]


def test_an_upload_with_an_empty_file_name_is_a_warning(client):
    files = [("files", ("", _TEXT.encode(), "text/plain")), ("files", ("b.txt", _TEXT.encode(), "text/plain"))]
    response = client.post("/api/brief", files=files)
    assert response.status_code == 200, response.text
    assert any("empty file name" in w for w in response.json()["warnings"])


def test_only_unnamed_uploads_is_a_400_that_says_why(client):
    response = client.post("/api/brief", files=[("files", ("", _TEXT.encode(), "text/plain"))])
    assert response.status_code == 400 and "empty file name" in response.json()["detail"]


def test_too_many_articles_in_one_request_is_413():
    few = TestClient(create_app(settings=Settings(max_articles=3)))
    articles = [{"id": str(n), "text": _TEXT} for n in range(4)]
    response = few.post("/api/brief", json={"articles": articles})
    assert response.status_code == 413 and "too many articles" in response.json()["detail"]


def test_a_brief_past_its_timeout_is_stopped_with_a_503_and_the_next_request_is_served():
    impatient = TestClient(create_app(settings=Settings(timeout_s=0.05, workers=1)))
    big = [{"id": str(n), "text": f"{_TEXT} Rebels denied the report on day {n}. " * 20} for n in range(200)]
    response = impatient.post("/api/brief", json={"articles": big})
    assert response.status_code == 503
    assert response.json()["detail"].startswith("the brief took longer than 0.05 s and was stopped")
    assert impatient.get("/healthz").status_code == 200
    patient = TestClient(create_app(settings=Settings(workers=1)))
    assert patient.post("/api/brief", json={"articles": [{"id": "a", "text": _TEXT}]}).status_code == 200


def test_briefs_run_at_a_lower_priority_than_the_server():
    """/healthz is answered by the server process: a busy worker must yield the core to it."""
    from storyline.web.workers import WORKER_NICENESS, WorkerPool

    pool = WorkerPool(1)
    try:
        assert pool.run(os.nice, 0, timeout=60, wait=60) == min(19, os.nice(0) + WORKER_NICENESS)
    finally:
        pool.close()


def test_a_json_body_nested_too_deeply_is_a_4xx_line(client):
    body = '{"articles": [{"id": "a", "text": "x", "title": ' + "[" * 100_000 + "]" * 100_000 + "}]}"
    response = client.post("/api/brief", content=body, headers={"content-type": "application/json"})
    assert 400 <= response.status_code < 500 and "\n" not in response.json()["detail"]


def test_a_lone_surrogate_in_json_articles_is_a_warning(client):
    body = json.dumps({"articles": [{"id": "a", "text": _TEXT + " \ud800"}, {"id": "b", "text": _TEXT}]})
    response = client.post("/api/brief", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    assert any("lone surrogate" in w for w in response.json()["warnings"])


def test_a_json_article_with_an_id_of_5000_digits_is_briefed_with_a_warning_on_it(client):
    """As in a JSONL file: the record's id is shortened and named, not the whole request refused."""
    articles = json.dumps({"articles": [{"id": 0, "text": _TEXT}, {"id": "b", "text": _TEXT.replace("12", "15")}]})
    body = articles.replace('"id": 0', '"id": ' + "7" * 5_000)  # a JSON number no Python int may parse
    response = client.post("/api/brief", content=body, headers={"content-type": "application/json"})
    assert response.status_code == 200, response.text
    assert any("id of 5,000 characters shortened" in w for w in response.json()["warnings"])
    assert len(response.json()["documents"]) == 2


def test_a_number_past_a_floats_range_is_no_figure_and_the_answer_strict_json(client):
    """A 400-digit count would be infinity, which JSON has no way to write (it was a 500)."""
    text = f"Officials said {'7' * 400} people were hurt on Tuesday. {_TEXT}"
    response = client.post("/api/brief", files=[("files", ("a.txt", text.encode(), "text/plain"))])
    assert response.status_code == 200, response.text
    figures = json.loads(response.text, parse_constant=lambda name: pytest.fail(f"{name} in the answer"))["figures"]
    assert [f["text"] for f in figures] == ["12 people"]


def test_a_slow_client_gets_408():
    app = create_app(settings=Settings(body_timeout_s=0.05, workers=0))
    sent: list[dict] = []

    async def never() -> dict:
        await asyncio.sleep(3600)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http", "method": "POST", "path": "/api/brief", "raw_path": b"/api/brief", "query_string": b"",
        "headers": [(b"content-type", b"application/json")], "http_version": "1.1", "scheme": "http",
        "server": ("test", 80), "client": ("test", 1), "root_path": "",
    }  # fmt: skip
    asyncio.run(asyncio.wait_for(app(scope, never, send), timeout=10))
    assert sent[0]["status"] == 408
    assert b"did not arrive within" in b"".join(m.get("body", b"") for m in sent)


def test_docs_lists_the_endpoints_on_a_self_contained_page(client):
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for path in ("/api/brief", "/api/brief.html", "/healthz"):
        assert f"<code>{path}</code>" in page.text
    assert "src=" not in page.text and "https://" not in page.text
    assert client.get("/openapi.json").json()["info"]["title"] == "Storyline"


def test_a_request_past_its_time_budget_is_cut_in_the_worker_with_named_warnings():
    """The budget counts from when the body is in and holds to the end: the summary then is the lead."""
    hurried = TestClient(create_app(settings=Settings(time_budget_s=0.001, workers=1)))
    articles = [{"id": str(n), "text": f"{_TEXT} Rebels denied the report on day {n}. " * 20} for n in range(5)]
    response = hurried.post("/api/brief", json={"articles": articles})
    assert response.status_code == 200, response.text
    brief = response.json()
    assert brief["summary"] and brief["figures"] == [] and brief["entities"] == []
    assert any("the summary was not ranked" in w for w in brief["warnings"])
    assert any(w.startswith("time budget of") and "left out" in w for w in brief["warnings"])
    again = hurried.post("/api/brief", json={"articles": articles[:2]})
    assert again.status_code == 200, again.text


def test_a_worker_past_its_request_s_deadline_is_killed_with_a_503_line():
    """The deadline is asked when the job starts (a callable timeout): the budget the wait ate into."""
    import time

    from storyline.web.workers import TimedOut, WorkerPool

    pool = WorkerPool(1)
    try:
        with pytest.raises(TimedOut, match=r"^the brief took longer than 0.2 s and was stopped"):
            pool.run(time.sleep, 30, timeout=lambda: 0.2, wait=60)
        assert pool.run(os.getpid, timeout=lambda: 60.0, wait=60) > 0  # replaced, and serving
    finally:
        pool.close()
