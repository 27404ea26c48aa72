"""``/healthz`` polled from a process of its own, beside a control server (bench/hostile.py).

Timed in the process that also posts a 10 MB body, a poll waits for that process's own GIL: the
client's delays, not the server's. So the poll runs here, alone, and alternates between the
server under test and :data:`control`, a bare app with the same ``/healthz`` on the same stack
(uvicorn, FastAPI) that runs no briefs: what the control also shows is the machine's scheduling
(the other jobs on its cores), what only the server shows is the server's own.

    python bench/hostile_poll.py SERVER_URL CONTROL_URL   (until SIGTERM; prints the latencies as JSON)
"""

from __future__ import annotations

import json
import signal
import sys
import time

from fastapi import FastAPI

control = FastAPI()


@control.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


def main(server: str, other: str) -> None:
    import httpx

    stopped: list[int] = []
    signal.signal(signal.SIGTERM, lambda *_: stopped.append(1))
    seconds: dict[str, list[float]] = {"server": [], "control": []}
    with httpx.Client(timeout=30) as http:
        while not stopped:
            for name, url in (("server", server), ("control", other)):
                start = time.perf_counter()
                http.get(url + "/healthz")
                seconds[name].append(time.perf_counter() - start)
            time.sleep(0.05)
    print(json.dumps(seconds))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
