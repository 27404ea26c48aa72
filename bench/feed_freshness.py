"""Freshness of a story's brief on a live feed: arrival of an article -> a cached brief of its story that holds it.

The first ``FEED_FRESH_N`` (400) articles of the dev stream are written into a pipe at 20 a second
and read by ``ingest`` as a live feed (``read_stream``: a batch closes 0.5 s after its first line),
with briefs rebuilt in the background (storyline/stories/refresh.py). For each article: when it
arrived on the pipe, when its batch was committed (its story assigned), when the first brief of
its story from a version that holds it was cached (quick or full), and when the first *full* one
was. Builders: ``in-thread`` (the ingest's own process, a thread beside the clustering: the
design before the brief processes) and 1 or 2 processes of their own (what ``ingest --briefs
--brief-workers N`` runs).

Why the numbers are what they are: the demand is the stories changed per second times a brief's
CPU cost, measured here on the replayed stories; a tier keeps up only where that demand stays
under the cores its builders get.

``python bench/feed_freshness.py [in-thread|1|2]`` runs one configuration and prints its JSON.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from feed import _load, _record, rows

__all__ = ["brief_costs", "freshness", "section"]

HERE = Path(__file__).resolve().parent
RATE = 20.0
GOAL_S = 5.0


def _pid_after(pause: float) -> int:
    """This worker's pid after ``pause`` seconds: mapped once per worker, it shows every worker is up."""
    time.sleep(pause)
    return os.getpid()


def _warm(pool, workers: int) -> None:
    """Wait until every brief process has started and warmed up (its initializer), as a running service's have."""
    deadline = time.monotonic() + 300
    while len(set(pool.map(_pid_after, [0.5] * workers, chunk=1))) < workers and time.monotonic() < deadline:
        pass


def freshness(builders: str = "1", count: int | None = None, rate: float = RATE) -> dict[str, object]:
    """Replay ``count`` dev articles at ``rate``/s into an ingest with briefs; per-article delays (see module)."""
    from storyline.stories import Store, ingest, read_stream
    from storyline.stories.briefs import warm_up
    from storyline.stories.executors import EmbeddedExecutor, ProcessExecutor

    count = count or int(os.environ.get("FEED_FRESH_N", "400"))
    records = rows()[:count]
    if builders == "in-thread":
        pool = EmbeddedExecutor()
        warm_up()  # the models loaded before the clock starts, as a running service's are
    else:
        # The workers import this folder's helper (_pid_after) and the package, as PYTHONPATH says.
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))
        pool = ProcessExecutor(workers=int(builders), warm_up=warm_up)
        _warm(pool, int(builders))
    read_fd, write_fd = os.pipe()
    arrivals: list[float] = []

    def feed() -> None:
        with os.fdopen(write_fd, "w", encoding="utf-8") as out:
            start = time.monotonic()
            for i, r in enumerate(records):
                time.sleep(max(0.0, start + i / rate - time.monotonic()))
                arrivals.append(time.monotonic())
                out.write(json.dumps(_record(r)) + "\n")
                out.flush()

    committed: list[tuple[str, int, float]] = []  # per article, in arrival order: (story, version, when)
    built: dict[str, list[tuple[int, float, bool]]] = defaultdict(list)
    changes = 0  # (story, batch) pairs: the briefs the feed asked for before coalescing
    cpu_started = time.process_time()
    try:
        with (
            tempfile.TemporaryDirectory() as tmp,
            Store.open(Path(tmp) / "s.db") as store,
            os.fdopen(read_fd, encoding="utf-8") as stream,
        ):

            def on_batch(report) -> None:
                nonlocal changes
                now = time.monotonic()
                ids = [r["id"] for r in records[len(committed) : report.read]]
                story_of = store.assignments_of(ids)
                versions = {s: store.story(s).version for s in set(story_of.values())}
                changes += len(versions)
                committed.extend((story_of[i], versions[story_of[i]], now) for i in ids)

            feeder = threading.Thread(target=feed)
            feeder.start()
            ingest(
                read_stream(stream),
                store,
                briefs=True,
                brief_executor=pool,
                on_batch=on_batch,
                on_brief=lambda story, version, when, quick: built[story].append((version, when, quick)),
            )
            feeder.join()
            final = store.assignments()
    finally:
        pool.close()
    driver_cpu = time.process_time() - cpu_started
    fed_s = arrivals[-1] - arrivals[0]
    delays: dict[str, list[float]] = {"commit": [], "any": [], "full": []}
    for r, arrived, (story, version, at) in zip(records, arrivals, committed, strict=True):
        delays["commit"].append(at - arrived)
        # A story merged away after the commit: its survivor's briefs after the article arrived.
        mine = [(t, q) for v, t, q in built.get(story, []) if v >= version] or [
            (t, q) for _, t, q in built.get(final[r["id"]], []) if t >= arrived
        ]
        for tier, times in (("any", [t for t, _ in mine]), ("full", [t for t, q in mine if not q])):
            delays[tier].append(min(times) - arrived if times else float("inf"))  # never briefed: late
    result: dict[str, object] = {
        "builders": builders,
        "articles": len(records),
        "rate": rate,
        "changes_per_s": round(changes / fed_s, 1),
        "briefs": sum(len(b) for b in built.values()),
        "driver_cpu_ms_per_article": round(1000 * driver_cpu / len(records), 2),
        "load": _load(),
    }
    for tier, values in delays.items():
        quarter = max(1, len(values) // 4)  # by arrival: does the delay grow as the feed goes on?
        first, last = sorted(values[:quarter]), sorted(values[-quarter:])
        values.sort()
        result[tier] = {
            "first_quarter": first[len(first) // 2],
            "last_quarter": last[len(last) // 2],
            "median": values[len(values) // 2],
            "p95": values[int(0.95 * (len(values) - 1))],
            "max": values[-1],
            "within": sum(d <= GOAL_S for d in values) / len(values),
        }
    return result


def brief_costs(count: int | None = None, sample: int = 40) -> dict[str, float]:
    """CPU ms of a quick and of a full brief, averaged over ``sample`` of the replayed stories (as
    they stand at the feed's end), in this process after a warm-up, each cold (no spaCy result kept
    from an earlier brief); and of a full brief rebuilt after a story's last article (the brief without
    it built first, untimed: what a brief worker that built the story before does), over the sampled
    stories of two articles or more."""
    from storyline.extract import analyses
    from storyline.model import Article
    from storyline.stories.briefs import quick_renderings, renderings, warm_up

    count = count or int(os.environ.get("FEED_FRESH_N", "400"))
    stories: dict[str, list[Article]] = defaultdict(list)
    for r in rows()[:count]:
        stories[r["story"]].append(Article(id=r["id"], text=r["text"], title=r.get("title")))
    chosen = list(stories.values())[:sample]
    warm_up()
    costs = {"stories": float(len(stories))}
    for name, build in (("quick", quick_renderings), ("full", renderings)):
        spent = 0.0
        for articles in chosen:
            analyses.clear()
            started = time.process_time()
            build(articles)
            spent += time.process_time() - started
        costs[name] = 1000 * spent / len(chosen)
    grown = [articles for articles in chosen if len(articles) > 1]
    cold = rebuilt = 0.0
    for articles in grown:
        analyses.clear()
        started = time.process_time()
        renderings(articles)
        cold += time.process_time() - started
        analyses.clear()
        renderings(articles[:-1])
        started = time.process_time()
        renderings(articles)
        rebuilt += time.process_time() - started
    costs["grown"] = float(len(grown))
    costs["grown_cold"] = 1000 * cold / max(1, len(grown))
    costs["grown_rebuilt"] = 1000 * rebuilt / max(1, len(grown))
    return costs


def section() -> str:
    count = int(os.environ.get("FEED_FRESH_N", "400"))
    lines = ["## Freshness of story briefs on a live feed (ingest --briefs)", ""]
    lines += [f"Load average at the start: {_load()} (1, 5, 15 min; 2 cores shared with other jobs).", ""]
    costs = brief_costs(count)
    # Each configuration twice, interleaved: the machine's load moves within minutes, and one run
    # of each would compare the loads as much as the builders.
    repeats = int(os.environ.get("FEED_FRESH_REPEATS", "2"))
    runs = [freshness(b, count) for _ in range(repeats) for b in ("in-thread", "1", "2")]
    lines += [
        f"The first {count} dev articles (../shared/data/streams/dev.jsonl, {int(costs['stories'])} gold stories)",
        f"written into a pipe at {RATE:.0f}/s and read as a live feed by `ingest` (bench/feed_freshness.py).",
        "Seconds from an article's arrival on the pipe to: its batch committed (story assigned); the first",
        "brief of its story from a version that holds it (quick or full); the first full one. Builders:",
        "in-thread = a thread of the ingest's process (the earlier design); 1 or 2 = processes of their own",
        f"(`--brief-workers`, 2 by default). Each configuration ran {repeats} times, interleaved.",
        f"Goal: every changed story's brief within {GOAL_S:.0f} s of its article. Quarters: the median delay over",
        "the first and over the last quarter of the articles by arrival (a delay that grows: a builder behind).",
        "",
        "| builders | committed: median / max s | a brief: median s | p95 s | max s | within 5 s "
        "| quarters s | the full brief: median s | max s | quarters s | stories changed/s "
        "| ingest process CPU ms/article | load after |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        c, a, f = r["commit"], r["any"], r["full"]
        lines.append(
            f"| {r['builders']} | {c['median']:.2f} / {c['max']:.2f} | {a['median']:.2f} | {a['p95']:.2f} "
            f"| {a['max']:.2f} | {a['within']:.2f} | {a['first_quarter']:.2f} / {a['last_quarter']:.2f} "
            f"| {f['median']:.1f} | {f['max']:.1f} | {f['first_quarter']:.1f} / {f['last_quarter']:.1f} "
            f"| {r['changes_per_s']} | {r['driver_cpu_ms_per_article']} | {r['load']} |"
        )
    changes = max(float(r["changes_per_s"]) for r in runs)  # type: ignore[arg-type]
    lines += [
        "",
        f"Brief cost on {40} of these stories (CPU, after a warm-up, this process, nothing kept from an earlier",
        f"brief): quick {costs['quick']:.0f} ms, full {costs['full']:.0f} ms. The {costs['grown']:.0f} of them with "
        f"two articles or more: full {costs['grown_cold']:.0f} ms cold,",
        f"{costs['grown_rebuilt']:.0f} ms rebuilt after their last article by a process that built the story "
        "without it (its spaCy results kept,",
        "storyline.extract.analyses; a story new to the feed, most of them here, gains nothing from it).",
        f"At ~{changes:.0f} changed stories a second, quick briefs need "
        f"~{changes * costs['quick'] / 1000:.2f} CPU-s a second",
        f"and full ones ~{changes * costs['full'] / 1000:.2f}: the quick tier "
        f"{'fits' if changes * costs['quick'] <= 1000 else 'does not fit'} in one core, the full tier "
        f"{'fits' if changes * costs['full'] <= 2000 else 'does not fit'} in two,",
        "so full briefs fall behind for as long as the feed runs at this rate and catch up when it slows",
        "(their delay grows with the feed's length: compare the quarters). A builder that gets less than the",
        "quick tier's share of a core (one process on a loaded machine) falls behind on quick briefs too.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "src"))
    if len(sys.argv) > 1:
        print(json.dumps(freshness(sys.argv[1]), indent=1))
    else:
        print(section())
