"""The story store in the web app (``storyline serve --store FILE``): a live list of stories, each one's brief.

``GET /stories`` is the list, newest change first, with article and source counts; it polls
``GET /api/stories?after=SEQ`` every second and puts in the stories that changed since, without a
reload, so what an ingest adds shows up as it commits. ``GET /stories/{id}`` is the story's brief
page (the self-contained HTML report, with click-through to every cited span), ``GET
/api/stories/{id}`` its JSON. Briefs come from the store's cache, rebuilt only when a story
changed. Each request opens its own connection: SQLite's write-ahead log lets it read while an
ingest writes.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

from storyline.errors import InputError
from storyline.stories.briefs import story_brief
from storyline.stories.store import Store

__all__ = ["POLL_MS", "add_store_routes"]

# The list asks for changes once a second: a committed batch shows within about a second.
POLL_MS = 1000


def add_store_routes(app: FastAPI, store_path: Path) -> None:
    """Serve the store at ``store_path`` under ``/stories`` and ``/api/stories``."""
    if not Path(store_path).exists():
        raise InputError(f"no store at {store_path}; create it with `storyline ingest ... --store {store_path}`")
    with Store.open(store_path):  # migrates an older store once, and fails now on a file that is not one
        pass

    @app.get("/stories", response_class=HTMLResponse)
    def stories_page() -> HTMLResponse:
        return HTMLResponse(_PAGE.replace("__POLL__", str(POLL_MS)).replace("__NAME__", html.escape(store_path.name)))

    @app.get("/api/stories")
    def stories_since(after: int = 0, limit: int = 500) -> JSONResponse:
        with Store.open(store_path, read_only=True) as store:
            rows = store.stories(after_seq=after, limit=max(1, min(limit, 5000)))
            merged = store.merged_since(after)
            total = store.count()
        seq = max([after, *(r.last_seq for r in rows), *(s for _, s in merged)])
        return JSONResponse(
            {"stories": [r.to_dict() for r in rows], "merged": [m for m, _ in merged], "seq": seq, "total": total}
        )

    @app.get("/stories/{story}", response_class=HTMLResponse)
    def story_page(story: str) -> HTMLResponse:
        with Store.open(store_path) as store:
            return HTMLResponse(story_brief(store, story, "html"))

    @app.get("/api/stories/{story}")
    def story_json(story: str) -> JSONResponse:
        with Store.open(store_path) as store:
            return JSONResponse(json.loads(story_brief(store, story, "json")))


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Stories · Storyline</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.fresh { background: #fff7d6; transition: background 2s; }
#status { color: #666; }
</style></head>
<body>
<h1>Stories</h1>
<p id="status">Reading __NAME__…</p>
<table id="stories"><thead><tr><th>Story</th><th>Articles</th><th>Sources</th><th>First</th><th>Last</th>
<th>Changed (UTC)</th></tr></thead><tbody></tbody></table>
<script>
"use strict";
let seq = 0;
const body = document.querySelector("#stories tbody");
function cell(row, text, cls) {
  const td = row.insertCell();
  td.textContent = text;
  if (cls) td.className = cls;
  return td;
}
function put(story, fresh) {
  const old = document.getElementById("story-" + story.id);
  if (old) old.remove();
  const row = document.createElement("tr");
  row.id = "story-" + story.id;
  row.dataset.seq = story.seq;
  const link = document.createElement("a");
  link.href = "/stories/" + encodeURIComponent(story.id);
  link.textContent = story.title || story.id;
  row.insertCell().appendChild(link);
  cell(row, story.articles, "n");
  cell(row, story.sources, "n");
  cell(row, story.first_date || "–");
  cell(row, story.last_date || "–");
  cell(row, story.changed.replace("T", " ").slice(0, 19));
  if (fresh) row.className = "fresh";
  body.insertBefore(row, body.firstChild);
}
async function poll() {
  try {
    const reply = await fetch("/api/stories?after=" + seq);
    if (!reply.ok) throw new Error(reply.status);
    const data = await reply.json();
    for (const id of data.merged) {
      const old = document.getElementById("story-" + id);
      if (old) old.remove();
    }
    const fresh = seq > 0;
    for (const story of data.stories.slice().reverse()) put(story, fresh);
    seq = data.seq;
    document.getElementById("status").textContent =
      data.total + " stories; updated " + new Date().toLocaleTimeString();
  } catch (error) {
    document.getElementById("status").textContent = "cannot reach the server (" + error.message + "); retrying";
  }
  setTimeout(poll, __POLL__);
}
poll();
</script>
</body></html>
"""
