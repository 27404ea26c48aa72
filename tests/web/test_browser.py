"""End to end in a real browser: Debian's chromium driven by Playwright against uvicorn on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

pytest.importorskip("fastapi")
playwright_api = pytest.importorskip("playwright.sync_api")
import uvicorn  # noqa: E402  (after the skips: the web extra is optional)

from storyline.web.app import create_app  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no browser at {CHROMIUM} (apt-get install chromium)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
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


def _brief_in_page(page) -> playwright_api.Frame:
    """Click the button, check the progress state, and return the iframe's frame once the brief is in."""
    page.click("#brief-button")
    page.wait_for_selector("#status:has-text('Done')")
    assert page.is_enabled("#brief-button")
    handle = page.wait_for_selector("#brief:not([hidden])")
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_selector("ol.summary")
    return frame


def test_uploaded_seeds_brief_highlights_exactly_the_cited_spans(page, server_url, seeds_dir):
    seeds = sorted(seeds_dir.glob("*.txt"))
    page.goto(server_url + "/")
    page.set_input_files("#files", [str(p) for p in seeds])
    # Slow the request down a little so the progress state is observable.
    page.route("**/api/brief.html", lambda route: (time.sleep(0.3), route.continue_()))
    page.click("#brief-button")
    page.wait_for_selector("#status:has-text('Briefing')")
    assert page.is_disabled("#brief-button")
    page.unroute("**/api/brief.html")
    page.wait_for_selector("#status:has-text('Done')")
    frame = page.wait_for_selector("#brief:not([hidden])").content_frame()
    assert frame is not None
    frame.wait_for_selector("ol.summary li")

    frame.click("ol.summary li >> nth=0")
    highlighted = frame.eval_on_selector_all("span.hit", "spans => spans.map(s => s.id)")

    files = [("files", (p.name, p.read_bytes())) for p in seeds]
    brief = httpx.post(server_url + "/api/brief", files=files, timeout=60).json()
    cited = [f"s-{ref['doc']}-{ref['sentence']}" for ref in brief["summary"][0]["support"]]
    assert highlighted and sorted(highlighted) == sorted(cited)

    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "brief.png"), full_page=True)
    assert (OUTPUT / "brief.png").stat().st_size > 0


def test_pasted_markup_shows_as_text_and_never_runs(page, server_url):
    hostile = '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=1</script>'
    pasted = (
        f"The city council approved the new budget on Monday. {hostile} The vote was nine to two.\n\n"
        "Council members approved the budget after a long debate. The mayor welcomed the vote on Monday."
    )
    page.goto(server_url + "/")
    page.fill("#paste", pasted)
    frame = _brief_in_page(page)
    page.wait_for_timeout(300)  # give any injected handler the chance to run
    assert frame.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert frame.locator("img").count() == 0
    assert hostile in frame.inner_text("body")
