"""Run ``storyline ARGS`` as the console script does, the NLP sibling made to fail in a named way.

``python sibling_runner.py MODE REPORT ARGS...``: the app runs as the installed script runs it (no
arguments: a one-shot brief, so the sibling is forked), and at exit REPORT gets one JSON line: the
sibling's pid, the kinds of results it delivered, why it was given up on, and whether this process
imported spaCy. MODE is how the sibling behaves (its own code, from the fork on):

- ``as is``: unchanged;
- ``killed``: it kills itself at once (SIGKILL), before it answers;
- ``numbers only``: it answers the numbers, as it would, then dies before the entities;
- ``hung``: it answers nothing and never ends (the parent's patience made 1 s);
- ``garbled``: it answers a kind of result that does not exist.

MODE ``busy`` or ``idle`` leaves the sibling as is but makes the machine's free cores (``free_cores``) 0 or 1.
"""

from __future__ import annotations

import atexit
import json
import os
import signal
import sys
import time

import storyline.extract.nlp_sibling as nlp_sibling
from storyline.cli import app

MODE, REPORT = sys.argv[1], sys.argv[2]
started: list[tuple[int, nlp_sibling.Sibling]] = []
real_start, real_answer = nlp_sibling.start, nlp_sibling._answer


def start() -> nlp_sibling.Sibling | None:
    sibling = real_start()
    if sibling is not None:
        started.append((sibling.pid, sibling))
    return sibling


def answer(request: nlp_sibling.Request, send: nlp_sibling.Send) -> None:
    if MODE == "killed":
        os.kill(os.getpid(), signal.SIGKILL)
    elif MODE == "numbers only":

        def numbers_then_die(kind: str, results: dict) -> None:
            if kind != nlp_sibling.NUMBERS:
                os.kill(os.getpid(), signal.SIGKILL)
            send(kind, results)
            time.sleep(0.5)  # the writer's thread sends it

        real_answer(request, numbers_then_die)
    elif MODE == "hung":
        while True:
            time.sleep(60)
    elif MODE == "garbled":
        request()
        send("no such kind", {"a": 1})
        time.sleep(60)
    else:
        real_answer(request, send)


def report() -> None:
    pid, sibling = started[0] if started else (0, None)
    with open(REPORT, "w", encoding="utf-8") as out:
        json.dump(
            {
                "pid": pid,
                "received": sibling.received if sibling else [],
                "failed": sibling.failed if sibling else None,
                "spacy_here": "spacy" in sys.modules,
            },
            out,
        )


nlp_sibling.start = start
nlp_sibling._answer = answer
if MODE == "hung":
    nlp_sibling.patience = lambda chars: 1.0
if MODE in ("busy", "idle"):
    nlp_sibling.free_cores = lambda: int(MODE == "idle")
atexit.register(report)  # registered before the sibling's close: it runs after it (exit handlers run last first)
sys.argv = ["storyline", *sys.argv[3:]]
app()
