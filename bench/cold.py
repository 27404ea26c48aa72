"""A cold `storyline brief` and `storyline --help` as whole processes, and where a cold brief's CPU goes.

The issue's goals for a fresh process (issue 13): `storyline --help` ≤ 0.3 s, a cold
`storyline brief ../shared/seeds` (default options) ≤ 1.5 s. Each command runs as the
installed console script in a new interpreter, several times; the wall time is what a
user waits on this machine with its other jobs, the CPU time (user + system, from
rusage) what the command costs: its own and its sibling's (the brief forks one for
spaCy's share when a core is free, storyline.extract.nlp_sibling, and reaps it, so the
kernel counts it in the command's children). Rows give the same brief with the sibling
forced (``STORYLINE_NLP_SIBLING=on``) and in one process (``off``), the runs of the
three interleaved. The breakdown runs the
steps of the one-process brief one by one in fresh interpreters (``python bench/cold.py
phases``: one JSON line), each step's CPU time, the median over the runs, and says which
process makes each step when the sibling runs: a step's loads are the ones the brief
would make at that point, so the brief's own lines are what is left when every table
and model is in memory. The process's exit is not in the breakdown: the command ends a
brief with ``os._exit`` once its output is written (storyline.cli).

Storyline's own modules run from their cached bytecode, as an installed package's do (pip compiles
them at install; an editable install's are written by the first run): the section compiles them
first (``compileall``), since this workplace sets PYTHONDONTWRITEBYTECODE and would otherwise
compile all ~100 of them from source at every start. One row also gives a cold brief without that
cache (a copy of the package with no bytecode, PYTHONDONTWRITEBYTECODE=1), what such a setting costs.
"""

from __future__ import annotations

import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
SEEDS = HERE.parents[1] / "shared" / "seeds"
HELP_RUNS, BRIEF_RUNS, PHASE_RUNS = 7, 7, 5
SPACY_SHARE = "the brief's spaCy share: numbers (their parses), quotations' cues (parsed), entities"
ONE_PROCESS = {"STORYLINE_NLP_SIBLING": "off"}  # the brief without its sibling (storyline.extract.nlp_sibling)
# Which process makes each step of the breakdown when the brief runs with its sibling.
WHERE = {
    "interpreter start": "the command (before the fork)",
    "CLI (typer, the light modules)": "the command (before the fork)",
    "the stages' modules (numpy, scipy.sparse, pysbd ...)": "the command (those the sibling reads with, numpy "
    "and pydantic among them, before the fork)",
    "import spaCy": "the sibling",
    "load en_core_web_sm": "the sibling",
    "static embedding model": "the command",
    "city names, lemma table": "the command (the sibling reads the lemma table too)",
    SPACY_SHARE: "the sibling (and a fork of it for most of the NER, when a core is free)",
    "the rest of the brief (first call)": "the command",
}


def process_seconds(
    args: list[str], runs: int, src: Path = SRC, environments: tuple[dict[str, str], ...] = ({},)
) -> list[dict[str, float]]:
    """Median and best wall and CPU time (the processes it reaped included) of ``storyline ARGS`` as a new
    process, ``runs`` times in each of the ``environments`` (interleaved), the package read from ``src``."""
    script = Path(sys.executable).with_name("storyline")
    walls: list[list[float]] = [[] for _ in environments]
    cpus: list[list[float]] = [[] for _ in environments]
    for _ in range(runs):
        for n, extra in enumerate(environments):
            env = {**os.environ, "PYTHONPATH": str(src), **extra}
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([str(script), *args], capture_output=True, check=True, env=env)
            walls[n].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[n].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [
        {"wall": statistics.median(w), "wall best": min(w), "cpu": statistics.median(c), "cpu best": min(c)}
        for w, c in zip(walls, cpus, strict=True)
    ]


def phases() -> dict[str, float]:
    """CPU seconds of each step of a cold brief of the seeds, in this (fresh) process."""
    steps: dict[str, float] = {"interpreter start": time.process_time()}
    last = time.process_time()

    def step(name: str) -> None:
        nonlocal last
        now = time.process_time()
        steps[name] = now - last
        last = now

    import storyline.cli  # noqa: F401

    step("CLI (typer, the light modules)")
    from storyline.imports import collected_once

    with collected_once():  # as the brief command imports them
        from storyline.ingest import load_articles
        from storyline.pipeline import build_brief
        from storyline.render import render
    step("the stages' modules (numpy, scipy.sparse, pysbd ...)")
    from storyline.extract import gazetteer, lemmas, nlp

    nlp.import_spacy()
    step("import spaCy")
    nlp.pipeline()
    step("load en_core_web_sm")
    from storyline.features.embeddings import load_embedder

    load_embedder("auto")
    step("static embedding model")
    gazetteer.cities()
    lemmas.getLemma("said", "VERB")
    step("city names, lemma table")
    from storyline.extract.entities import ner_texts
    from storyline.extract.entities_spacy import entities_of
    from storyline.extract.mentions import Mentions
    from storyline.extract.parse_speaker import story_readings
    from storyline.pipeline import prepare_story

    articles = load_articles([SEEDS])
    documents = prepare_story(articles).documents
    step("")  # not counted: the brief prepares its story again, below
    # What the sibling makes (storyline.extract.nlp_sibling._answer), kept here for the brief below.
    Mentions(()).read_numbers(s for d in documents for s in d.sentences)
    story_readings(documents)
    entities_of(ner_texts(documents))
    step(SPACY_SHARE)
    render(build_brief(articles), "json")
    step("the rest of the brief (first call)")
    steps.pop("")
    return steps


def without_bytecode(args: list[str], runs: int) -> dict[str, float]:
    """:func:`process_seconds` of a copy of the package that has no cached bytecode, and writes none."""
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(SRC / "storyline", Path(folder) / "storyline", ignore=shutil.ignore_patterns("__pycache__"))
        os.environ["PYTHONDONTWRITEBYTECODE"], before = "1", os.environ.get("PYTHONDONTWRITEBYTECODE")
        try:
            return process_seconds(args, runs, Path(folder))[0]
        finally:
            if before is None:
                del os.environ["PYTHONDONTWRITEBYTECODE"]
            else:
                os.environ["PYTHONDONTWRITEBYTECODE"] = before


def section() -> str:
    compileall.compile_dir(SRC / "storyline", quiet=1)  # as installed (see the module's docstring)
    load_before = os.getloadavg()
    (help_,) = process_seconds(["--help"], HELP_RUNS)
    brief, forced, alone = process_seconds(
        ["brief", str(SEEDS)], BRIEF_RUNS, environments=({}, {"STORYLINE_NLP_SIBLING": "on"}, ONE_PROCESS)
    )
    uncached = without_bytecode(["brief", str(SEEDS)], BRIEF_RUNS)
    runs = []
    for _ in range(PHASE_RUNS):
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "phases"], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    load_after = os.getloadavg()
    steps = {name: statistics.median(r[name] for r in runs) for name in runs[0]}

    def ms(seconds: float) -> str:
        return f"{seconds * 1000:.0f} ms"

    lines = [
        "## A cold brief, a whole process (issue 13)",
        "",
        "bench/cold.py: the installed `storyline` script in a new interpreter each run, "
        f"{HELP_RUNS} runs of `--help` and {BRIEF_RUNS} of a cold `brief ../shared/seeds` (default options, text "
        f"output). Load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after: other jobs on the "
        "2 cores slow the wall time most. The CPU time is the command's and its sibling's: the brief forks a "
        "sibling process that makes spaCy's share (storyline.extract.nlp_sibling) and reaps it, so the CPU "
        "columns hold both. By default it forks only when a core is free at its start (the kernel's count of "
        "running tasks), so on a busy machine some of its runs are made in one process; the rows forcing it "
        "(`on`) and turning it off (`off`) ran interleaved with it. "
        "Storyline's modules run from their cached bytecode, as an installed package's do; the last row is the "
        "same brief from a copy of the package without it (PYTHONDONTWRITEBYTECODE=1: every module compiled "
        "from source at each start).",
        "",
        "| command | wall, median | wall, best | CPU (sibling's included), median | CPU, best | goal |",
        "|---|---|---|---|---|---|",
    ]
    for name, row, goal in (
        ("`storyline --help`", help_, "≤ 300 ms"),
        ("cold `storyline brief ../shared/seeds`", brief, "≤ 1500 ms"),
        ("the same, the sibling forked whatever the load (`STORYLINE_NLP_SIBLING=on`)", forced, "—"),
        ("the same in one process (`STORYLINE_NLP_SIBLING=off`)", alone, "—"),
        ("the same (with its sibling), no cached bytecode", uncached, "—"),
    ):
        lines.append(
            f"| {name} | {ms(row['wall'])} | {ms(row['wall best'])} | {ms(row['cpu'])} | {ms(row['cpu best'])} "
            f"| {goal} |"
        )
    lines += [
        "",
        f"Where a cold brief's CPU goes (its steps one by one in a fresh interpreter, in one process, median of "
        f"{PHASE_RUNS}; the exit is not counted: the command ends with `os._exit` once the brief is written), and "
        "which process makes each when the brief runs with its sibling. The sibling is forked once the CLI's "
        "modules are in, when the command line's words show a brief (before typer parses them); the command "
        "waits for its numbers at the figures, for its quotations' cues at the quotes and for its entities at "
        "the entities, so the wall time is about the longer of the two paths:",
        "",
        "| step | CPU | with the sibling, made by |",
        "|---|---|---|",
        *(f"| {name} | {ms(seconds)} | {WHERE.get(name, '')} |" for name, seconds in steps.items()),
        f"| **total** | **{ms(sum(steps.values()))}** | |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:] == ["phases"]:
        print(json.dumps(phases()))
    else:
        print(section())
