"""Briefs scheduled by size (issue 11): a huge request runs in a lane of its own, at a lower priority,
so an ordinary brief never waits for it; every worker is started, warm, when the app starts."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
from fastapi.testclient import TestClient  # noqa: E402  (after the skip: the web extra is optional)

from storyline.web.app import Settings, _pool, create_app  # noqa: E402
from storyline.web.workers import LARGE_NICENESS, WORKER_NICENESS, Busy, WorkerPool  # noqa: E402

_TEXT = "The army said it had taken the old bridge on Tuesday. Officials said 12 people were hurt."


def _nice_of(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def test_a_pool_runs_its_workers_at_its_own_niceness():
    pool = WorkerPool(1, niceness=LARGE_NICENESS)
    try:
        assert pool.run(os.nice, 0, timeout=60, wait=60) == min(19, os.nice(0) + LARGE_NICENESS)
    finally:
        pool.close()


def test_the_app_starts_both_lanes_workers_when_it_starts():
    settings = Settings(workers=3, large_workers=2)  # sizes no other test uses: pools of their own
    before = {p.pid for p in multiprocessing.active_children()}
    base = os.nice(0)
    expected = [min(19, base + WORKER_NICENESS)] * 3 + [min(19, base + LARGE_NICENESS)] * 2
    try:
        with TestClient(create_app(settings=settings)):  # entering runs the app's startup
            deadline = time.monotonic() + 60
            while True:  # each worker lowers its own priority first thing once its process runs
                started = [p for p in multiprocessing.active_children() if p.pid not in before]
                levels = sorted(_nice_of(p.pid) for p in started)
                if levels == expected or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
    finally:
        _pool(3, WORKER_NICENESS).close()
        _pool(2, LARGE_NICENESS).close()
    assert levels == expected


#: How long a step below may wait on the machine (a worker at nice +15 warming up on a busy machine
#: gets a hundredth of a core): a bound on a hang, never on the behaviour tested.
_PATIENCE = 900.0


def _hold(lane: WorkerPool, fifo: Path, held: list[bytes]) -> threading.Thread:
    """A thread whose job takes the lane's one worker until :func:`_release` (its worker blocks
    opening ``fifo`` to read), not for a guessed number of seconds."""

    def job() -> None:
        held.append(lane.run(Path.read_bytes, fifo, timeout=_PATIENCE, wait=_PATIENCE))

    holder = threading.Thread(target=job)
    holder.start()
    return holder


def _wait_until_held(lane: WorkerPool, holder: threading.Thread) -> None:
    """Return once ``holder`` has the lane's one slot: a job that may not wait at all is then Busy."""
    deadline = time.monotonic() + _PATIENCE
    while holder.is_alive() and time.monotonic() < deadline:
        try:
            lane.run(os.getpid, timeout=_PATIENCE, wait=0)
        except Busy:
            return
        time.sleep(0.05)  # the slot is free again: leave the holder a moment to take it
    raise AssertionError("the holder never took the lane's worker")


def _release(fifo: Path, holder: threading.Thread) -> None:
    """Let the holder's job end: opening ``fifo`` to write lets its reader's open return (it then reads EOF)."""
    while holder.is_alive():
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            break
        except OSError:  # no reader yet: the holder's job has not reached the worker
            time.sleep(0.05)
    holder.join()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="holds a worker with a named pipe")
def test_a_huge_request_does_not_wait_for_the_ordinary_lane_and_an_ordinary_one_does_not_take_the_huge_lane(
    tmp_path: Path,
) -> None:
    # Nothing here depends on the machine's pace: both lanes are warm before the requests, the ordinary
    # lane's one worker is held until released, and the budget is far beyond what 40 short articles
    # take. Only ``queue_s`` is short: the time a request waits for a worker of its lane.
    settings = Settings(
        workers=1, large_workers=1, large_bytes=2_000, queue_s=0.2, time_budget_s=_PATIENCE, timeout_s=_PATIENCE
    )
    fifo = tmp_path / "release"
    os.mkfifo(fifo)
    held: list[bytes] = []
    with TestClient(create_app(settings=settings)) as client:
        ordinary_lane, huge_lane = _pool(1, WORKER_NICENESS), _pool(1, LARGE_NICENESS)
        for lane in (ordinary_lane, huge_lane):  # returns once the lane's worker has warmed up
            lane.run(os.getpid, timeout=_PATIENCE, wait=_PATIENCE)
        holder = _hold(ordinary_lane, fifo, held)
        try:
            _wait_until_held(ordinary_lane, holder)
            two = [{"id": "a", "text": _TEXT}, {"id": "b", "text": _TEXT}]
            huge = [{"id": str(n), "text": f"{_TEXT} Rebels denied the report on day {n}."} for n in range(40)]
            small = client.post("/api/brief", json={"articles": two})
            large = client.post("/api/brief", json={"articles": huge})
        finally:
            _release(fifo, holder)
    assert held == [b""]  # the holder's job ran, and held the ordinary lane, until released
    assert small.status_code == 503 and "busy" in small.json()["detail"]
    assert large.status_code == 200, large.text
    assert len(large.json()["documents"]) == 40
    assert not any("budget" in w for w in large.json()["warnings"])
