"""Load test of the web app: concurrent clients briefing the seeds against a real uvicorn server.

Starts the server in a subprocess on 127.0.0.1, runs ``--clients`` threads
(each with its own httpx client) until ``--requests`` briefs are done or
``--seconds`` have passed, checks every response is 200 and schema-valid,
reads the server's peak memory (VmHWM) from /proc; then, with ``--soak N``,
briefs the seeds N times more one after another (a busy user's half hour,
bounded) with the resident memory of the server and its workers sampled every
fifth of them, stops the server and prints a Markdown table.

    .venv/bin/python bench/load.py --clients 50 --requests 100 --soak 150
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import jsonschema

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _peak_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM) in MB, or None where /proc has no such line."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (the server's brief workers), from /proc."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if f"\nPPid:\t{pid}\n" in status.read_text():
                found.append(int(status.parent.name))
        except (OSError, ValueError):
            continue
    return found


def tree_rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of ``pid`` and its children (the worker processes), from /proc."""
    total = 0.0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue
        if status.parent.name == str(pid) or fields.get("PPid", "").strip() == str(pid):
            total += int(fields.get("VmRSS", "0 kB").split()[0]) / 1024
    return total


def _soak(url: str, files: list[tuple[str, tuple[str, bytes, str]]], pid: int, n: int) -> list[tuple[str, str]]:
    """``n`` sequential seed briefs, the memory sampled before and every fifth of them: the table's rows."""
    memory, failures, start = [tree_rss_mb(pid)], 0, time.perf_counter()
    with httpx.Client(base_url=url, timeout=120) as http:
        for done in range(1, n + 1):
            failures += http.post("/api/brief", files=files).status_code != 200
            if done % max(1, n // 5) == 0:
                memory.append(tree_rss_mb(pid))
    seconds = time.perf_counter() - start
    samples = " -> ".join(f"{mb:.0f}" for mb in memory)
    return [
        ("soak", f"{n} sequential seed briefs (a busy user's 30 minutes, one every 12 s) in {seconds:.0f} s, "
                 f"{failures} failures"),
        ("memory of server + workers (RSS) over the soak", f"{samples} MB (before, then every {max(1, n // 5)} "
                                                            f"briefs); growth {memory[-1] - memory[1]:+.0f} MB "
                                                            "after the first fifth"),
    ]  # fmt: skip


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100, help="total briefs (bounded)")
    parser.add_argument("--seconds", type=float, default=120.0, help="stop starting requests after this")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--soak", type=int, default=0, help="sequential briefs after the concurrent ones")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]

    schema = json.loads((SHARED / "spec" / "brief.schema.json").read_text(encoding="utf-8"))
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(args.seeds.glob("*.txt"))]
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    command = [sys.executable, "-m", "uvicorn", "--factory", "storyline.web.app:create_app"]
    server = subprocess.Popen([*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                print("the server did not start", file=sys.stderr)
                return 1
            time.sleep(0.1)
        # One brief first, so the figures measure serving, not the one-off model load.
        httpx.post(url + "/api/brief", files=files, timeout=120).raise_for_status()
        baseline_mb = _peak_mb(server.pid)

        tickets = itertools.count()
        lock = threading.Lock()
        latencies: list[float] = []
        failures: list[str] = []
        stop_at = time.monotonic() + args.seconds

        def client() -> None:
            with httpx.Client(base_url=url, timeout=args.seconds) as http:
                while next(tickets) < args.requests and time.monotonic() < stop_at:
                    start = time.perf_counter()
                    try:
                        response = http.post("/api/brief", files=files)
                        took = time.perf_counter() - start
                        problem = None if response.status_code == 200 else f"HTTP {response.status_code}"
                        if problem is None:
                            jsonschema.validate(response.json(), schema)
                    except (httpx.HTTPError, jsonschema.ValidationError, ValueError) as error:
                        took, problem = time.perf_counter() - start, f"{type(error).__name__}: {error}"[:200]
                    with lock:
                        latencies.append(took)
                        if problem:
                            failures.append(problem)

        started = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        peak_mb = _peak_mb(server.pid)
        workers_mb = [mb for child in _children(server.pid) if (mb := _peak_mb(child)) is not None]
        load_after = os.getloadavg()[0]
        soak = _soak(url, files, server.pid, args.soak) if args.soak else []
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()

    done = len(latencies)
    rows = [
        ("clients", f"{args.clients}"),
        ("requests", f"{done} ({done - len(failures)} ok: 200 and schema-valid)"),
        ("wall time", f"{elapsed:.1f} s"),
        ("throughput", f"{done / elapsed:.2f} briefs/s"),
        ("latency p50", f"{_percentile(latencies, 0.50):.2f} s" if latencies else "-"),
        ("latency p95", f"{_percentile(latencies, 0.95):.2f} s" if latencies else "-"),
        (
            "server peak memory (VmHWM)",
            f"{peak_mb:.0f} MB (after warm-up brief: {baseline_mb:.0f} MB)" if peak_mb and baseline_mb else "-",
        ),
        ("brief workers' peak memory (VmHWM)", " + ".join(f"{mb:.0f} MB" for mb in workers_mb) or "-"),
        ("load average (1 min), before / after", f"{load_before:.1f} / {load_after:.1f} (2 cores)"),
        *soak,
    ]
    print("| measure | value |\n|---|---|")
    print("\n".join(f"| {name} | {value} |" for name, value in rows))
    for problem in sorted(set(failures))[:5]:
        print(f"failure: {problem}", file=sys.stderr)
    soak_failed = bool(soak) and not soak[0][1].endswith(" 0 failures")
    return 0 if done and not failures and not soak_failed else 1


if __name__ == "__main__":
    sys.exit(main())
