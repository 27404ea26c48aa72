"""Ray's throughput on 2 cores: ``ingest --executor ray --windows`` with 1 and 2 workers, and what bounds it.

Each run is ``bench/feed.py run N EXECUTOR W windows`` in a fresh process (a local Ray of W CPUs, its
workers warmed up before the clock starts), 1 and 2 workers back to back, both paths in each round
(interleaved, so that they share the machine's load). ``thin``: the thin driver (stories/thin.py):
one Ray actor a CPU; any actor parses and clusters a window of 250 lines, the keeper actor merges
each batch's windows into the stories, runs the merge pass and writes the store, and the driver only
reads lines and collects counts. ``driver``: the path before it (``ray-driver``: Ray's tasks parse
and cluster the windows, the driver merges them and writes the store). Besides the wall rate, each
run counts CPU time, which the machine's other jobs do not change: the driver's (this process), the
Ray workers' or actors' and Ray's own daemons' (raylet, GCS, ...), all read from /proc for the
driver's descendants.

Why a ratio of 2 workers to 1 is bounded on 2 cores, per article: the driver spends D CPU ms, the
workers W (actors: the keeper's part included), Ray's daemons R. With the merge on the driver, one
worker runs beside it, so at best 1 / max(W, D + R) articles per ms, and two share the 2 cores with
it, at best 2 / (D + W + R): 2 / 1 is at most 2 max(W, D + R) / (D + W + R), 1.6 only if D + R <=
W / 4. With the thin driver, one worker does all of W alone (at best 1 / W), two share the cores with
a driver of almost nothing (at best 2 / (D + W + R), and no faster than the keeper's sequential part K
allows, 1 / K): 2 / 1 is at most 2 W / (D + W + R). On a loaded machine the scheduler shares the
cores among all processes, so more workers also take a larger share of the machine from its other
jobs: a wall ratio measured under load can pass these bounds; the CPU columns are what the load does
not change.

Where the merge's part goes (:func:`driver_parts`, in this process, no Ray): the same windows computed
here, then each part of the merging side's work (the driver's, or the keeper's on the thin path) timed
on them alone.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUNDS = 3


def descendants_cpu() -> dict[int, tuple[str, float]]:
    """Each descendant of this process: its name and its CPU seconds (user + system) so far."""
    tick = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, str, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # gone meanwhile
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        table[int(entry)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / tick)
    found: dict[int, tuple[str, float]] = {}
    parents = [os.getpid()]
    while parents:
        parent = parents.pop()
        for pid, (ppid, name, cpu) in table.items():
            if ppid == parent:
                found[pid] = (name, cpu)
                parents.append(pid)
    return found


def split_cpu(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]], n: int) -> tuple[float, float]:
    """CPU ms per article of Ray's workers (processes a task names ``ray::...``; a worker's name changes
    with its task, so each is followed by its pid) and of the rest (raylet, gcs_server, the dashboard's
    agents...), between two :func:`descendants_cpu` readings."""
    workers = rest = 0.0
    for pid, (name, cpu) in after.items():
        spent = cpu - before.get(pid, (name, 0.0))[1]
        names = {name, before.get(pid, (name, 0.0))[0]}
        if any(k.startswith("ray::") and "Dashboard" not in k and "RuntimeEnv" not in k for k in names):
            workers += spent
        else:
            rest += spent
    return round(1000 * workers / n, 3), round(1000 * rest / n, 3)


def driver_parts(n: int = 4000) -> dict[str, float]:
    """CPU ms per article of each part of an ingest --windows, in this process on the scaled stream's
    first ``n`` (batches of 500, windows of 250 lines): a worker's (parse_lines), then the driver's:
    unpickling a window's result, the merge across windows, the merge pass, the store's writes, the rest."""
    from feed import _record, scaled

    from storyline.stories import Store, ingest, read_paths
    from storyline.stories.decision import DEFAULT_MODEL
    from storyline.stories.reading import parse_lines
    from storyline.stories.windows import WINDOW

    lines = [json.dumps(_record(r)) + "\n" for r in scaled(n)]
    jobs = [("".join(lines[i : i + WINDOW]), i + 1, "stream.jsonl", False, DEFAULT_MODEL) for i in range(0, n, WINDOW)]
    parse_lines(jobs[0])  # warm
    started = time.process_time()
    shipped = [pickle.dumps(parse_lines(job)) for job in jobs]
    worker = time.process_time() - started
    started = time.process_time()
    for blob in shipped:
        pickle.loads(blob)
    unpickle = time.process_time() - started
    spent = {"absorb": 0.0, "merge_pass": 0.0, "commit_batch": 0.0}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stream.jsonl"
        path.write_text("".join(lines), encoding="utf-8")
        started = time.process_time()
        batches = list(read_paths([path], windows=DEFAULT_MODEL))  # the lines read; parsed when first asked
        reading = time.process_time() - started
        for batch in batches:
            batch.articles  # parsed here, before the clock  # noqa: B018
        with Store.open(Path(tmp) / "s.db") as store, _timed(spent):
            started = time.process_time()
            ingest(batches, store, windows=True)
            whole = time.process_time() - started
    driver = {key: 1000 * value / n for key, value in spent.items()}
    driver["rest"] = 1000 * whole / n - sum(driver.values())
    return {"worker": 1000 * worker / n, "reading": 1000 * reading / n, "unpickle": 1000 * unpickle / n, **driver}


class _timed:
    """Adds up the CPU time of the driver's parts (:func:`driver_parts`) while inside it."""

    def __init__(self, spent: dict[str, float]) -> None:
        from storyline.stories import feed, store
        from storyline.stories.cluster import Clusterer

        self.spent = spent
        self.places = [(feed, "absorb_window", "absorb"), (Clusterer, "merge_pass", "merge_pass")]
        self.places.append((store.Store, "commit_batch", "commit_batch"))
        self.saved: list[object] = []

    def __enter__(self) -> _timed:
        for owner, attribute, key in self.places:
            original = getattr(owner, attribute)
            self.saved.append(original)
            setattr(owner, attribute, self._clock(original, key))
        return self

    def _clock(self, original, key):  # type: ignore[no-untyped-def]
        def clocked(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.spent[key] += time.process_time() - started

        return clocked

    def __exit__(self, *_: object) -> None:
        for (owner, attribute, _), original in zip(self.places, self.saved, strict=True):
            setattr(owner, attribute, original)


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


PATHS = (("thin", "ray"), ("driver", "ray-driver"))


def section() -> str:
    from feed import _run_fresh

    n = int(os.environ.get("FEED_RAY_N", "4000"))
    lines = ["## Ray on 2 cores: ingest --executor ray --windows, 1 and 2 workers (issue 12)", ""]
    lines += [__doc__.split("\n\n", 1)[1].strip(), ""]
    lines += [
        f"{n} articles of bench/feed.py's scaled stream a run; load average at the start: {_load()}.",
        "",
        "| round | path | workers | seconds | articles/s | driver CPU ms | workers' CPU ms | Ray daemons' CPU ms "
        "| stories | load after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    runs: dict[str, list[dict]] = {path: [] for path, _ in PATHS}
    for number in range(1, ROUNDS + 1):
        for path, executor in PATHS:
            for workers in (1, 2):
                r = _run_fresh(n, executor, workers, True)
                runs[path].append(r)
                if "error" in r:
                    lines.append(f"| {number} | {path} | {workers} | failed: {r['error']} | | | | | | |")
                    continue
                lines.append(
                    f"| {number} | {path} | {workers} | {r['seconds']} | {r['rate']} | {1000 / r['cpu_rate']:.2f} "
                    f"| {r['workers_cpu_ms']} | {r['daemons_cpu_ms']} | {r['stories']} | {_load()} |"
                )
    lines.append("")
    for path, _ in PATHS:
        lines += _summary(path, runs[path])
    parts = driver_parts(n)
    keeper = sum(parts[k] for k in ("unpickle", "absorb", "merge_pass", "commit_batch", "rest"))
    lines += [
        "",
        f"The parts, in this process without Ray (CPU ms an article, {n} articles; load average now {_load()}): "
        f"a worker's (parsing, the language check, features, the window's clustering) {parts['worker']:.2f}; "
        f"the driver's reading of lines {parts['reading']:.2f}; the merging side's (the keeper's on the thin path): "
        f"unpickling a window's result {parts['unpickle']:.2f}, the merge across windows "
        f"{parts['absorb']:.2f}, the merge pass of converging stories {parts['merge_pass']:.2f}, the store's "
        f"writes {parts['commit_batch']:.2f}, the rest (identity by hash, dates, the report) {parts['rest']:.2f}: "
        f"K = {keeper:.2f}: the thin path's keeper, one after another, allows up to {1000 / keeper:.0f} "
        "articles/s whatever the workers.",
    ]
    return "\n".join(lines)


def _summary(path: str, runs: list[dict]) -> list[str]:
    """A path's ratios per round, its mean rates and CPU, and the bound those CPU figures set on 2 cores."""
    good = [r for r in runs if "error" not in r]
    pairs = [(one, two) for one, two in zip(runs[::2], runs[1::2], strict=False) if "error" not in one | two]
    if not good or not pairs:
        return [f"{path}: no complete round."]
    ratios = ", ".join(f"{two['rate'] / one['rate']:.2f}x" for one, two in pairs)
    mean = {
        w: sum(r["rate"] for r in good if r["workers"] == w) / max(1, sum(r["workers"] == w for r in good))
        for w in (1, 2)
    }
    d = sum(1000 / r["cpu_rate"] for r in good) / len(good)
    w = sum(r["workers_cpu_ms"] for r in good) / len(good)
    rest = sum(r["daemons_cpu_ms"] for r in good) / len(good)
    if path == "thin":
        bound, formula = 2 * w / (d + w + rest), "2 W / (D + W + R)"
    else:
        bound, formula = 2 * max(w, d + rest) / (d + w + rest), "2 max(W, D + R) / (D + W + R)"
    return [
        f"{path}: 2 workers / 1 worker, each round (wall): {ratios}; mean {mean[1]:.0f} articles/s with 1 worker, "
        f"{mean[2]:.0f} with 2. CPU ms an article (means over the runs): D = {d:.2f}, W = {w:.2f}, R = {rest:.2f}; "
        f"on 2 cores 2 workers / 1 is at most {formula} = {min(2.0, bound):.2f}x.",
        "",
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent / "src"))
    sys.path.insert(0, str(HERE))
    print(json.dumps(driver_parts()) if sys.argv[1:] == ["parts"] else section())
