"""Hostile input under the clock (issue 11): seconds against input size, the server while a huge brief runs.

1. **Time against size**: a brief (``--embeddings none``) of one long token, one long line and a big
   file of real news sentences, each size in a fresh process; the slope of log(seconds) against
   log(size) says how time grows (1: linear). The big file runs under the web app's budget
   (``time_budget_s=20``, ``max_chars=3,000,000``): it must stop at the budget, with warnings.
2. **The server while a huge brief runs**: a real uvicorn server (``storyline.web.app``); one client
   posts a 3 MB line while others ask ``/healthz`` and brief the seeds; latencies recorded.
3. **Concurrency and soak**: 50 clients briefing the seeds (bench/load.py), then a bounded soak of
   sequential seed briefs with the memory of the server and its workers before and after.

    PYTHONPATH=src python bench/hostile.py
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
SIZES_MB = (0.1, 0.3, 1.0, 3.0, 10.0)
_LEAD = "The army said it had taken the old bridge on Tuesday. Officials said 12 people were hurt.\n"

# Run in a fresh process per measurement: prints {"seconds", "warnings", "sentences"}.
_ONE = r"""
import json, sys, time
from pathlib import Path
import storyline
from storyline.verify import provenance_errors
kind, size, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lead = "The army said it had taken the old bridge on Tuesday. Officials said 12 people were hurt.\n"
if kind == "token":
    text = lead + "x" * size
elif kind == "line":
    text = lead + ("Word " * (size // 5))
else:
    text = Path(path).read_text(encoding="utf-8")
# token and line: the rules entity backend (spaCy, the default when installed, is ~130 s a MB of
# one line: a separate row); file: the defaults under the web app's budget.
budget = {"time_budget_s": 20.0, "max_chars": 3_000_000} if kind == "file" else {"entities": "rules"}
config = storyline.BriefConfig(embeddings="none", **budget)
# Warm-up: the stages import their libraries and load their tables on first use (seconds).
storyline.build_brief([storyline.Article(id="w", text=lead), storyline.Article(id="v", text=lead)], config)
start = time.perf_counter()
brief = storyline.build_brief([storyline.Article(id="big", text=text), storyline.Article(id="lead", text=lead)], config)
seconds = time.perf_counter() - start
errors = provenance_errors(brief)
print(json.dumps({"seconds": round(seconds, 2), "warnings": list(brief.warnings), "provenance_errors": len(errors),
                  "sentences": sum(len(d.sentences) for d in brief.documents)}))
"""


def _news_file(size: int, path: Path) -> Path:
    """About ``size`` characters of real news paragraphs (Multi-News dev), one per line, never repeated."""
    lines, total = [], 0
    with (SHARED / "data" / "multinews" / "dev.jsonl").open(encoding="utf-8") as f:
        next(f)
        for raw in f:
            for doc in json.loads(raw)["docs"]:
                for line in doc["text"].splitlines():
                    if line.strip() and total < size:
                        lines.append(line)
                        total += len(line) + 1
    while total < size:  # the dev file is ~3 MB: past it, its lines again, each numbered
        n = len(lines)
        lines += [f"{n + k}: {line}" for k, line in enumerate(lines[:10_000])]
        total = sum(len(line) + 1 for line in lines)
    text = "\n".join(lines)[:size]
    path.write_text(text, encoding="utf-8")
    return path


def _measure(kind: str, size: int, path: Path) -> dict[str, object]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    try:
        done = subprocess.run([sys.executable, "-c", _ONE, kind, str(size), str(path)], capture_output=True,
                              text=True, timeout=600, env=env, check=True)  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"seconds": None, "warnings": ["killed after 600 s"], "provenance_errors": None, "sentences": None}
    row: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return row


def _slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of log(seconds) on log(size)."""
    xs, ys = [math.log(x) for x, _ in points], [math.log(max(y, 1e-3)) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def size_table(tmp: Path) -> str:
    lines = ["| input | 0.1 MB | 0.3 MB | 1 MB | 3 MB | 10 MB | slope (log s / log size) | notes |",
             "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for kind, label in (("token", "one long token"), ("line", "one long line (no period)"),
                        ("file", "big file of news, web budget")):  # fmt: skip
        cells, points, notes = [], [], set()
        for mb in SIZES_MB:
            size = int(mb * 1_000_000)
            path = _news_file(size, tmp / f"news-{mb}.txt") if kind == "file" else tmp / "unused"
            row = _measure(kind, size, path)
            print(kind, mb, row["seconds"], row["provenance_errors"], file=sys.stderr)
            seconds = row["seconds"]
            cells.append(f"{seconds:.1f} s" if isinstance(seconds, float | int) else "killed")
            if isinstance(seconds, float | int):
                points.append((mb, float(seconds)))
            if row["provenance_errors"]:
                notes.add(f"{row['provenance_errors']} provenance errors")
            for warning in row["warnings"]:  # type: ignore[attr-defined]
                if "budget" in warning or "cut" in warning:
                    notes.add(warning.split(":")[0] if "cut from text" in warning else _short(warning))
        slope = f"{_slope(points):.2f}" if len(points) > 1 else "-"
        lines.append(f"| {label} | {' | '.join(cells)} | {slope} | {'; '.join(sorted(notes))[:300]} |")
    return "\n".join(lines)


def _short(warning: str) -> str:
    return warning.split(", the first")[0].replace("characters", "chars")


# -- the server ------------------------------------------------------------------------------------


def _start_server() -> tuple[subprocess.Popen[bytes], str]:
    sys.path.insert(0, str(HERE))
    import httpx
    from load import _free_port

    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    command = [sys.executable, "-m", "uvicorn", "--factory", "storyline.web.app:create_app", "--host", "127.0.0.1",
               "--port", str(port), "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return server, url
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its children (the worker processes), from /proc."""
    total = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if status.parent.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            total += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
    return total


def _seed_files() -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted((SHARED / "seeds").glob("*.txt"))]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def server_table(soak_requests: int = 150) -> str:
    import httpx

    server, url = _start_server()
    try:
        seeds = _seed_files()
        httpx.post(url + "/api/brief", files=seeds, timeout=120).raise_for_status()  # warm both workers' caches
        httpx.post(url + "/api/brief", files=seeds, timeout=120).raise_for_status()
        huge = {"articles": [{"id": "huge", "text": _LEAD + "Word " * 600_000}, {"id": "lead", "text": _LEAD}]}
        outcome: dict[str, object] = {}

        def post_huge() -> None:
            start = time.perf_counter()
            response = httpx.post(url + "/api/brief", json=huge, timeout=300)
            outcome.update(status=response.status_code, seconds=time.perf_counter() - start)

        thread = threading.Thread(target=post_huge)
        thread.start()
        time.sleep(1.0)  # the huge brief is running in a worker
        health, seed_times, seed_status = [], [], []
        while thread.is_alive() and len(health) < 200:
            start = time.perf_counter()
            httpx.get(url + "/healthz", timeout=30)
            health.append(time.perf_counter() - start)
            if len(health) % 20 == 1:
                start = time.perf_counter()
                seed_status.append(httpx.post(url + "/api/brief", files=seeds, timeout=120).status_code)
                seed_times.append(time.perf_counter() - start)
            time.sleep(0.05)
        thread.join()
        before = _tree_rss_mb(server.pid)
        soak_start, failures = time.perf_counter(), 0
        with httpx.Client(base_url=url, timeout=120) as http:
            for _ in range(soak_requests):
                failures += http.post("/api/brief", files=seeds).status_code != 200
        soak_s = time.perf_counter() - soak_start
        after = _tree_rss_mb(server.pid)
    finally:
        _stop(server)
    rows = [
        ("huge brief (3 MB line)", f"HTTP {outcome.get('status')} after {outcome.get('seconds', 0):.1f} s"),
        ("`/healthz` during it", f"{len(health)} requests, p50 {1000 * _percentile(health, 0.5):.0f} ms, "
                                 f"p95 {1000 * _percentile(health, 0.95):.0f} ms, max {1000 * max(health):.0f} ms"),
        ("seed briefs during it", f"{len(seed_times)}: HTTP {sorted(set(seed_status))}, "
                                  f"max {max(seed_times):.1f} s" if seed_times else "none"),
        ("soak", f"{soak_requests} sequential seed briefs in {soak_s:.0f} s, {failures} failures"),
        ("memory of server + workers (RSS)", f"{before:.0f} MB before the soak, {after:.0f} MB after"),
    ]  # fmt: skip
    return "| measure | value |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)


def load_table(clients: int = 50, requests: int = 100) -> str:
    done = subprocess.run([sys.executable, str(HERE / "load.py"), "--clients", str(clients), "--requests",
                           str(requests), "--seconds", "300"], capture_output=True, text=True, check=False)  # fmt: skip
    return done.stdout.strip() + (f"\n\n(load.py exit {done.returncode}: {done.stderr.strip()[:200]})"
                                  if done.returncode else "")  # fmt: skip


def section() -> str:
    import tempfile

    load_average = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        sizes = size_table(Path(tmp))
    server = server_table()
    load = load_table()
    return "\n".join([
        "## Hostile input: time against size, the server under a huge brief",
        "",
        "bench/hostile.py. Each brief in a fresh process after a warm-up brief, `--embeddings none`; a long",
        "token and a long line with no budget and `--entities rules` (every stage linear: sentences over 2,000",
        "characters are cut at a space, runs over 100 characters are no words); the big file (real Multi-News",
        "dev paragraphs, numbered past the file's ~3 MB) under the web app's budget (`time_budget_s=20`,",
        "`max_chars=3,000,000`): it stops at the budget with warnings. Slope: least squares of log(seconds)",
        "on log(size), 1 = linear.",
        f"Load average when this section started: {load_average:.1f} (2 cores shared; every figure is slowed).",
        "",
        sizes,
        "",
        "The server (uvicorn, `storyline.web.app`, 2 worker processes): a 3 MB one-line brief runs while",
        "`/healthz` is polled and the seeds are briefed; then a bounded soak.",
        "",
        server,
        "",
        "50 concurrent clients briefing the seeds (bench/load.py --clients 50 --requests 100):",
        "",
        load,
    ])  # fmt: skip


if __name__ == "__main__":
    print(section())
