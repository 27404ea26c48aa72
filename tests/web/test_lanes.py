"""Briefs scheduled by size (issue 11): a huge request runs in a lane of its own, at a lower priority,
so an ordinary brief never waits for it; every worker is started, warm, when the app starts."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("multipart")
from fastapi.testclient import TestClient  # noqa: E402  (after the skip: the web extra is optional)

from storyline.web.app import Settings, _pool, create_app  # noqa: E402
from storyline.web.workers import LARGE_NICENESS, WORKER_NICENESS, WorkerPool  # noqa: E402

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


def test_a_huge_request_does_not_wait_for_the_ordinary_lane_and_an_ordinary_one_does_not_take_the_huge_lane():
    settings = Settings(workers=1, large_workers=1, large_bytes=2_000, queue_s=0.2)
    with TestClient(create_app(settings=settings)) as client:
        ordinary_lane = _pool(1, WORKER_NICENESS)
        holder = threading.Thread(target=ordinary_lane.run, args=(time.sleep, 8), kwargs={"timeout": 120, "wait": 120})
        holder.start()
        time.sleep(0.5)  # the ordinary lane's one worker is now taken
        small = client.post("/api/brief", json={"articles": [{"id": "a", "text": _TEXT}, {"id": "b", "text": _TEXT}]})
        huge = [{"id": str(n), "text": f"{_TEXT} Rebels denied the report on day {n}."} for n in range(40)]
        large = client.post("/api/brief", json={"articles": huge})
        holder.join()
    assert small.status_code == 503 and "busy" in small.json()["detail"]
    assert large.status_code == 200, large.text
    assert len(large.json()["documents"]) == 40
