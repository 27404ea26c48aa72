"""The feed at 100,000 articles: one embedded ingest, its cost per article along the way, its memory.

Its own section (``bench/run.py feed_scale``) because it is the one long run of the feed bench:
~3-4 minutes on two idle cores (~1.8 ms CPU an article), far longer on a shared machine, so the
``feed`` section stays a few minutes. The run is ``bench/feed.py run 100000 embedded 1`` in a
fresh process (the stream built by bench/feed.py from the dev stream: dated rewritten copies).

``FEED_SCALE_RESULT=FILE`` formats a run made earlier (the JSON line that command printed)
instead of running again; ``FEED_SCALE_NOTE`` says when and under what load it ran.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from feed import _load, _run_fresh

__all__ = ["ARTICLES", "section"]

ARTICLES = 100_000
TIMEOUT_S = 3600


def section() -> str:
    saved = os.environ.get("FEED_SCALE_RESULT")
    if saved:
        lines = [line for line in Path(saved).read_text(encoding="utf-8").splitlines() if line.startswith("{")]
        result = json.loads(lines[-1])
        origin = f"a run made earlier ({os.environ.get('FEED_SCALE_NOTE', 'time and load not given')})"
    else:
        started_load = _load()
        result = _run_fresh(ARTICLES, "embedded", 1, timeout=TIMEOUT_S)
        origin = f"run now (load average at its start {started_load}, at its end {_load()})"
    out = [
        "## Stories from a feed at 100,000 articles",
        "",
        f"`bench/feed.py run {ARTICLES} embedded 1` in a fresh process: {origin}. The stream: the dev stream's",
        "946 articles repeated as dated, rewritten copies (bench/feed.py), each copy's stories new stories.",
        "Goals: cost per article flat up to 100,000 articles, memory under 2 GB.",
        "",
    ]
    if "error" in result:
        return "\n".join([*out, f"The run failed: {result['error']}."])
    out += [
        "| articles | seconds | articles/s | articles/CPU-s | stories | peak MB | KB/article | store MB |",
        "|---|---|---|---|---|---|---|---|",
        f"| {result['n']:,} | {result['seconds']} | {result['rate']} | {result['cpu_rate']} | {result['stories']:,} "
        f"| {result['peak_mb']} | {result['kb_per_article']} | {result['store_mb']} |",
        "",
        "Cost per article over the tenth of the stream before each mark (wall ms include the machine's other",
        "jobs; CPU ms are the ingesting process's own):",
        "",
        "| articles so far | wall ms/article | CPU ms/article |",
        "|---|---|---|",
    ]
    out += [f"| {int(m):,} | {wall} | {cpu} |" for m, (wall, cpu) in result["cost_at"].items()]
    return "\n".join(out)
