"""Stories from a feed: clustering quality, throughput, cost per article and memory (freshness: feed_freshness.py).

Data: ../shared/data/streams/dev.jsonl (946 articles, 538 gold stories; ``story`` is only scored).
The stream is split by a CRC-32 of the gold story id: even stories are the *tuning* half (the
model in storyline/stories/decision.py was fit on it, ``python bench/feed.py fit``), odd stories
the *held-back* half, only ever scored. Each half is ingested on its own, in stream order.

Larger streams (1,000 to 100,000 articles) are built here from the dev stream, never written by
hand: copy k of the stream gets new ids (``~k``), a light rewrite (one paragraph dropped, or one
sentence of a one-paragraph text, chosen by a seeded generator) and dates 45 days after copy
k-1 (spread over 10 days inside a copy), so each copy's stories are new stories (older ones are
past the 30-day gap) and the number of stories grows with the stream.

``python bench/feed.py run N EXECUTOR WORKERS`` ingests N articles in a fresh process and prints
one JSON line (rate, cost per article over the last tenth, peak memory, store size).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

from memory import peak_rss_mb

HERE = Path(__file__).resolve().parent
STREAM = HERE.parent.parent / "shared" / "data" / "streams" / "dev.jsonl"
COPY_GAP_DAYS = 45


def rows() -> list[dict]:
    return [json.loads(line) for line in STREAM.read_text(encoding="utf-8").splitlines() if line.strip()]


def half(row: dict, salt: str = "") -> str:
    """The row's half: by CRC-32 of its gold story id (``salt`` before it: the second split's, "x")."""
    return "tuning" if zlib.crc32((salt + row["story"]).encode("utf-8")) % 2 == 0 else "held-back"


def _record(row: dict) -> dict:
    return {k: v for k, v in row.items() if k != "story" and v is not None}


def scaled(n: int) -> Iterator[dict]:
    """The first ``n`` records of the dev stream repeated as dated, rewritten copies (gold ``story`` kept, renamed)."""
    base = rows()
    rng = random.Random(12)
    start = dt.date(2001, 1, 1)
    produced = 0
    for k in range(n // len(base) + 1):
        for i, row in enumerate(base):
            if produced == n:
                return
            text = row["text"]
            if k:  # a light rewrite: one paragraph dropped, or one sentence of a one-paragraph text
                lines = text.split("\n")
                if len(lines) > 2:
                    del lines[rng.randrange(len(lines))]
                    text = "\n".join(lines)
                else:
                    sentences = text.split(". ")
                    if len(sentences) > 1:
                        del sentences[rng.randrange(len(sentences))]
                    text = ". ".join(sentences) + f" ({k})"
            day = start + dt.timedelta(days=COPY_GAP_DAYS * k + (10 * i) // len(base))
            yield dict(
                row,
                id=f"{row['id']}~{k}" if k else row["id"],
                text=text,
                date=day.isoformat(),
                story=f"{row['story']}~{k}",
            )
            produced += 1


# --- quality ---------------------------------------------------------------------------------
def cluster_half(records: list[dict], model=None, batch: int = 500, windows: bool = False) -> dict[str, str]:
    """Ingest ``records`` (in order) into a temporary store; article -> story."""
    from storyline.stories import Store, ingest, read_paths
    from storyline.stories.decision import DEFAULT_MODEL

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "half.jsonl"
        path.write_text("".join(json.dumps(_record(r)) + "\n" for r in records), encoding="utf-8")
        with Store.open(Path(tmp) / "s.db") as store:
            ingest(read_paths([path], size=batch), store, model=model or DEFAULT_MODEL, windows=windows)
            return store.assignments()


def quality(model=None) -> dict[str, dict[str, float]]:
    """Scores per half, one article at a time and by windows (--windows), and how far the two agree;
    then the halves of a second split, to check that the choices made on tuning halves hold."""
    from storyline.stories.scoring import bcubed, pairwise

    result = {}
    for salt, name in [("", "tuning"), ("", "held-back"), ("x", "tuning"), ("x", "held-back")]:
        records = [r for r in rows() if half(r, salt) == name]
        gold = {r["id"]: r["story"] for r in records}
        online = cluster_half(records, model)
        runs = [("", online)] + ([(", --windows", cluster_half(records, model, windows=True))] if not salt else [])
        for label, predicted in runs:
            b, p = bcubed(predicted, gold), pairwise(predicted, gold)
            result[("split 2: " if salt else "") + name + label] = {
                "articles": len(records),
                "gold": len(set(gold.values())),
                "stories": len(set(predicted.values())),
                "b3_p": b[0],
                "b3_r": b[1],
                "b3_f": b[2],
                "pw_p": p[0],
                "pw_r": p[1],
                "pw_f": p[2],
                "agree_b3_f": bcubed(predicted, online)[2],
            }
    return result


def fit() -> None:
    """Fit the logistic model on the tuning half's (article, gold story so far) pairs, then grid the thresholds."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from storyline.model import Article
    from storyline.stories.cluster import Clusterer, LiveStory, _query
    from storyline.stories.decision import Model
    from storyline.stories.features import article_features
    from storyline.stories.scoring import bcubed

    tuning = [r for r in rows() if half(r) == "tuning"]
    clusterer = Clusterer()
    x, y = [], []
    for r in tuning:
        f = article_features(Article(id=r["id"], text=r["text"], title=r.get("title")))
        clusterer.idf.add(f.counts)
        vectors = clusterer.idf.vectors(f.counts)
        terms = _query(vectors)
        for story in clusterer._candidates(terms, None):
            x.append(clusterer.features(vectors, story, None))
            y.append(int(story.id == r["story"]))
        story = clusterer.stories.get(r["story"]) or LiveStory(r["story"], [{}, {}, {}], [0.0, 0.0, 0.0])
        clusterer._update(story, vectors, terms, None, r["id"], f.sketch)
    lr = LogisticRegression(C=10.0, max_iter=1000).fit(np.array(x)[:, :2], np.array(y))
    weights = (*(round(float(w), 1) for w in lr.coef_[0]), -0.8)
    bias = round(float(lr.intercept_[0]), 1)
    print(f"pairs {len(y)} (positive {sum(y)}); weights {weights} bias {bias}", file=sys.stderr)
    gold = {r["id"]: r["story"] for r in tuning}
    for join in (0.08, 0.1, 0.12, 0.15, 0.2, 0.25, 0.3):
        for merge in (0.5, 0.8, 0.95, 1.01):
            predicted = cluster_half(tuning, Model(weights, bias, join, merge))
            print(f"join {join} merge {merge}: B-cubed F1 {bcubed(predicted, gold)[2]:.4f}", file=sys.stderr)


# --- speed and memory ------------------------------------------------------------------------
def run(n: int, executor: str, workers: int, windows: bool = False) -> dict[str, object]:
    """Ingest ``n`` articles of the scaled stream in this process; rate, cost per article and memory."""
    from feed_ray import descendants_cpu, split_cpu

    from storyline.stories import Store, ingest, make_executor, read_paths
    from storyline.stories.decision import DEFAULT_MODEL
    from storyline.stories.executors import Executor

    # Inside the caller's folder when it gives one (_run_fresh): a run killed at its timeout leaves nothing behind.
    with tempfile.TemporaryDirectory(dir=os.environ.get("FEED_BENCH_TMP")) as tmp:
        path = Path(tmp) / "stream.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for r in scaled(n):
                out.write(json.dumps(_record(r)) + "\n")
        if executor == "ray-driver":  # the merge across windows and the store on the driver (bench/feed_ray.py)
            from storyline.stories.executors import RayExecutor

            pool: Executor = RayExecutor(workers=workers)
        else:
            pool = make_executor(executor, workers=workers, windows=windows)
        marks: list[tuple[int, float, float]] = []  # after each batch: articles read, wall and CPU clocks
        try:
            with Store.open(Path(tmp) / "s.db") as store:
                children = descendants_cpu()
                started, cpu_started = time.monotonic(), time.process_time()
                report = ingest(
                    read_paths([path], executor=pool, windows=DEFAULT_MODEL if windows else None),
                    store,
                    executor=pool,
                    windows=windows,
                    lookahead=2,
                    on_batch=lambda rep: marks.append((rep.read, time.monotonic(), time.process_time())),
                )
                seconds = time.monotonic() - started
                cpu = time.process_time() - cpu_started
                workers_ms, daemons_ms = split_cpu(children, descendants_cpu(), n)
                stories = len(store.stories())
            size = sum(p.stat().st_size for p in Path(tmp).glob("s.db*"))
        finally:
            pool.close()
    if report.read != n:
        raise SystemExit(f"read {report.read} of {n} articles: {report.warnings[:1]}")
    marks.insert(0, (0, started, cpu_started))
    peak_mb = peak_rss_mb()
    return {
        "n": n,
        "executor": executor + (" --windows" if windows else ""),
        "workers": workers,
        "seconds": round(seconds, 1),
        "rate": round(report.read / seconds),
        "cpu_rate": round(report.read / cpu),  # articles per CPU-second of the driver (workers apart)
        "driver_busy": round(cpu / seconds, 2),  # near 1: the driver bounds the run; under 1: it also waited
        "workers_cpu_ms": workers_ms,  # CPU ms an article of Ray's workers, and of its daemons (feed_ray.split_cpu)
        "daemons_cpu_ms": daemons_ms,
        "cost_ms_last_tenth": _cost(marks, n)[0],
        # The cost per article over the tenth of the stream before each mark: flat means it does not grow.
        "cost_at": {m: _cost(marks, m) for m in COST_MARKS if m <= n},
        "stories": stories,
        "peak_mb": round(peak_mb),
        "kb_per_article": round(peak_mb * 1024 / n, 1),
        "store_mb": round(size / 1e6, 1),
    }


COST_MARKS = (1_000, 2_000, 5_000, 10_000, 20_000, 30_000, 50_000, 100_000)


def _cost(marks: list[tuple[int, float, float]], upto: int) -> tuple[float, float]:
    """Wall and CPU milliseconds per article over the batches that end in (0.9 * upto, upto]."""
    inside = [m for m in marks if 0.9 * upto < m[0] <= upto] or marks[-1:]
    before = next(m for m in reversed(marks) if m[0] < inside[0][0])
    last = inside[-1]
    articles = max(1, last[0] - before[0])
    return round(1000 * (last[1] - before[1]) / articles, 2), round(1000 * (last[2] - before[2]) / articles, 2)


def _run_fresh(n: int, executor: str, workers: int, windows: bool = False, *, timeout: int = 1200) -> dict[str, object]:
    try:
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run(
                [sys.executable, __file__, "run", str(n), executor, str(workers), *(["windows"] if windows else [])],
                capture_output=True,
                text=True,
                timeout=timeout,
                env=dict(os.environ, FEED_BENCH_TMP=tmp),
            )
    except subprocess.TimeoutExpired:
        return {"n": n, "executor": executor, "workers": workers, "error": f"over {timeout} s (timed out)"}
    if done.returncode:
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return {"n": n, "executor": executor, "workers": workers, "error": tail[0]}
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the section -------------------------------------------------------------------------------
def _worker_cost(n: int = 2000) -> float:
    """CPU milliseconds per article of a worker's part (:func:`parse_lines`: parsing its line, the language
    check, its features) over the scaled stream's first ``n``, in pieces of 250 lines as ingest cuts them."""
    from storyline.stories.reading import parse_lines

    lines = [json.dumps(_record(r)) + "\n" for r in scaled(n)]
    jobs = [("".join(lines[i : i + 250]), i + 1, "stream.jsonl", True, None) for i in range(0, n, 250)]
    parse_lines(jobs[0])
    started = time.process_time()
    for job in jobs:
        parse_lines(job)
    return 1000 * (time.process_time() - started) / n


def _ceiling_lines() -> list[str]:
    """Candidate recall and the offline ceiling of the features, per half (bench/feed_ceiling.py)."""
    from feed_ceiling import candidate_recall, offline_ceiling

    lines = [
        "",
        "Where the errors come from (bench/feed_ceiling.py; nothing tuned on it). Candidates: of the articles whose",
        "gold story already has articles in live stories, the share for which one of those stories is among the",
        "index's candidates, and the share that joined one. Offline ceiling: the online model's features (body and",
        "name cosines, its weights) with the whole half's IDF, all pairs, average-link clustering cut at the",
        "threshold best against the gold itself. Short pairs: gold pairs with a text too short to place.",
        "",
        "| half | with a mate | candidates hold it | joined it | ceiling pair P | pair R | pair F1 | B3 F1 "
        "| short pairs / gold pairs |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name in ("tuning", "held-back"):
        records = [r for r in rows() if half(r) == name]
        c, o = candidate_recall(records), offline_ceiling(records)
        lines.append(
            f"| {name} | {c['with_mate']} | {c['recall']:.3f} | {c['joined']:.3f} | {o['pw_p']:.3f} | {o['pw_r']:.3f} "
            f"| {o['pw_f']:.3f} | {o['b3_f']:.3f} | {o['short_pairs']} / {o['gold_pairs']} |"
        )
    return lines


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def feed_section() -> str:
    lines = ["## Stories from a feed (storyline ingest)", ""]
    lines += [f"Load average at the start: {_load()} (1, 5, 15 min; 2 cores shared with other jobs).", ""]
    q = quality()
    lines += [
        "Clustering quality on ../shared/data/streams/dev.jsonl, split by CRC-32 of the gold story id; the model",
        "(storyline/stories/decision.py) was fit on the tuning half only. Anchors: Miranda et al. (EMNLP 2018)",
        "pairwise F1 94.0 on their English stream; SCStory (WWW 2023) B-cubed F1 87.7. Goal on the held-back half:",
        "B-cubed F1 >= 0.95, pairwise F1 >= 0.94. `--windows` rows: the same half clustered by windows of 250",
        "then merged; the last column is the B-cubed F1 of that clustering against the one-at-a-time one.",
        "",
        "| half | articles | gold stories | stories | B3 P | B3 R | B3 F1 | pair P | pair R | pair F1 "
        "| B3 F1 vs online |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in q.items():
        lines.append(
            f"| {name} | {s['articles']} | {s['gold']} | {s['stories']} | {s['b3_p']:.3f} | {s['b3_r']:.3f} | "
            f"{s['b3_f']:.3f} | {s['pw_p']:.3f} | {s['pw_r']:.3f} | {s['pw_f']:.3f} | {s['agree_b3_f']:.3f} |"
        )
    lines += _ceiling_lines()
    sizes = [int(s) for s in os.environ.get("FEED_BENCH_SIZES", "1000,10000,30000").split(",")]
    runs = [_run_fresh(n, "embedded", 1) for n in sizes]
    pool_n = int(os.environ.get("FEED_BENCH_POOL_N", "4000"))
    runs += [_run_fresh(pool_n, "embedded", 1), _run_fresh(pool_n, "processes", 2)]
    ray_n = int(os.environ.get("FEED_BENCH_RAY_N", "2000"))
    runs += [_run_fresh(ray_n, "ray", w, windows) for windows in (False, True) for w in (1, 2)]
    lines += [
        "",
        f"Throughput, ingest + clustering + store (no briefs), each in a fresh process; load average now {_load()}.",
        "Streams built from the dev stream by bench/feed.py (a synthetic replay: copy k of the stream gets new ids,",
        "one paragraph or sentence dropped, dates 45 days after copy k-1, so its stories are new stories).",
        "Goals: >= 500 articles/s embedded, cost per article flat to 100,000, memory < 2 GB; Ray 2 workers >= 1.6x 1.",
        "",
        "articles/CPU-s: articles per CPU-second of the ingesting process (the driver: workers not counted);",
        "embedded, what one idle core gives; with workers, what the driver alone could take. driver busy: its CPU",
        "time over the wall time (near 1: the driver bounds the run; under 1 on a busy machine: it waited for a core).",
        "`processes`: the driver clusters while 2 spawned processes parse the next batches and compute their",
        "features. driver CPU ms: the driver's CPU time per article over the whole run.",
        "",
        "| articles | executor | workers | seconds | articles/s | articles/CPU-s | driver CPU ms | driver busy "
        "| ms/article (last tenth) | stories | peak MB | KB/article | store MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        if "error" in r:
            lines.append(f"| {r['n']} | {r['executor']} | {r['workers']} | failed: {r['error']} | | | | | | | | | |")
            continue
        lines.append(
            f"| {r['n']} | {r['executor']} | {r['workers']} | {r['seconds']} | {r['rate']} | {r['cpu_rate']} "
            f"| {1000 / r['cpu_rate']:.2f} | {r['driver_busy']} | {r['cost_ms_last_tenth']} "
            f"| {r['stories']} | {r['peak_mb']} | {r['kb_per_article']} | {r['store_mb']} |"
        )
    largest = max((r for r in runs if "error" not in r and r["executor"] == "embedded"), key=lambda r: r["n"])
    lines += [
        "",
        f"Cost per article along the {largest['n']:,}-article embedded run (over the tenth of the stream before each",
        "mark; wall ms include the load's stalls, CPU ms are the ingesting process's own):",
        "",
        "| articles so far | wall ms/article | CPU ms/article |",
        "|---|---|---|",
    ]
    lines += [f"| {int(m):,} | {wall} | {cpu} |" for m, (wall, cpu) in largest["cost_at"].items()]
    cpu_costs = [cpu for wall, cpu in largest["cost_at"].values()]
    spread = max(cpu_costs) / min(cpu_costs) - 1
    lines += [
        "",
        f"CPU ms/article along it: {min(cpu_costs)} to {max(cpu_costs)} ({spread:.0%} apart). The 100,000-article",
        "section below is historical: its run (commit 618f684) predates stories closing once the feed's dates have",
        "moved 60 days past them (stories/cluster.py CLOSE_AFTER_DAYS); before it, each copy's expired stories",
        "stayed in the index's postings, so the postings an article counts grew with the stream, its cost with them.",
    ]
    rates = {(r["executor"], r["workers"]): r.get("rate") for r in runs}
    for mode in ("processes", "ray", "ray --windows"):
        one, two = rates.get(("embedded" if mode == "processes" else mode, 1)), rates.get((mode, 2))
        if one and two:
            base = "embedded (1 process)" if mode == "processes" else "1 worker"
            lines.append(f"\n{mode}: 2 workers / {base} = {two / one:.2f}x (wall; load average now {_load()}).")
    worker_ms = _worker_cost()
    ray_one = next((r for r in runs if "error" not in r and r["executor"] == "ray" and r["workers"] == 1), None)
    if ray_one:
        driver_ms = 1000 / ray_one["cpu_rate"]
        bound = min(2.0, max(1.0, worker_ms / driver_ms))
        lines += [
            "",
            "What bounds the workers: a worker's part of an article (parsing its line, the language check, its",
            f"features: bench/feed.py _worker_cost) takes {worker_ms:.2f} ms CPU; the driver's (reading lines, the",
            f"online clustering, the store, Ray's submitting and collecting) {driver_ms:.2f} ms (the ray 1-worker",
            "run's driver CPU per article). The driver is sequential, so with cores enough 2 workers / 1 is at most",
            f"min(2, max(1, worker ms / driver ms)) = {bound:.2f}x; on 2 cores, which the driver shares with the",
            f"workers, 2 workers give at most 2 / ({worker_ms:.2f} + {driver_ms:.2f}) articles per ms. Only --windows",
            "spreads the clustering, at the cost of stories that differ from the one-at-a-time path's: how far",
            "that goes on 2 cores, with each part's CPU, in the next section (bench/feed_ray.py).",
        ]
    lines += ["", "Freshness of the briefs on a live feed: its own section (bench/feed_freshness.py)."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "src"))
    command = sys.argv[1] if len(sys.argv) > 1 else "section"
    if command == "run":
        print(json.dumps(run(int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), windows="windows" in sys.argv[5:])))
    elif command == "fit":
        fit()
    elif command == "quality":
        print(json.dumps(quality(), indent=1))
    else:
        print(feed_section())
