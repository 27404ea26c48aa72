"""The story store in a real browser: the list fills in, new stories appear without a reload, briefs open.

Debian's chromium driven by Playwright against uvicorn on 127.0.0.1, as tests/web/test_browser.py.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
playwright_api = pytest.importorskip("playwright.sync_api")
import uvicorn  # noqa: E402  (after the skips: the web extra is optional)

from storyline.stories import Store, ingest, read_paths  # noqa: E402
from storyline.web.app import create_app  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
STREAM = Path(__file__).resolve().parents[3] / "shared" / "data" / "streams" / "dev.jsonl"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no browser at {CHROMIUM} (apt-get install chromium)"),
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in STREAM.read_text(encoding="utf-8").splitlines()[:40]]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, rows) -> Path:
    tmp = tmp_path_factory.mktemp("store")
    with Store.open(tmp / "s.db") as store:
        ingest(read_paths([_jsonl(tmp / "first.jsonl", rows[:30])]), store)
    return tmp / "s.db"


@pytest.fixture(scope="module")
def server_url(store_path) -> Iterator[str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    server = uvicorn.Server(
        uvicorn.Config(create_app(store=store_path), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server_url):
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(60_000)
        yield page
        context.close()
        browser.close()


def test_the_list_shows_new_stories_without_a_reload_and_opens_their_briefs(
    page, server_url, store_path, rows, tmp_path
):
    page.goto(server_url + "/stories")
    page.wait_for_selector("#stories tbody tr")
    with Store.open(store_path, read_only=True) as store:
        listed = store.stories()
    assert page.locator("#stories tbody tr").count() == len(listed)
    first_row_id = page.get_attribute("#stories tbody tr >> nth=0", "id")
    assert first_row_id == f"story-{listed[0].id}"  # newest change first

    page.evaluate("window.__not_reloaded = true")
    with Store.open(store_path) as store:
        ingest(read_paths([_jsonl(tmp_path / "more.jsonl", rows[30:40])]), store)
        newest = store.stories(limit=1)[0]
    page.wait_for_selector(f"#stories tbody tr#story-{newest.id}.fresh")
    assert page.evaluate("window.__not_reloaded") is True
    assert page.get_attribute("#stories tbody tr >> nth=0", "id") == f"story-{newest.id}"

    page.click(f"#story-{newest.id} a")
    page.wait_for_selector("ol.summary li")
    page.click("ol.summary li >> nth=0")
    assert page.locator("span.hit").count() >= 1  # the cited spans of the sources are highlighted
