"""The command line's one-shot brief with spaCy's share made in a sibling process (storyline.extract.nlp_sibling).

Each command runs as a new process, as the console script does (tests/extract/sibling_runner.py),
and its output is compared byte for byte with the same command in one process
(``STORYLINE_NLP_SIBLING=off``); a sibling that fails in any way must leave the same output, and no
process of the command may outlive it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from storyline.extract import analyses, nlp

pytestmark = pytest.mark.skipif(not nlp.spacy_available(), reason="the sibling makes spaCy's results (the full extra)")

RUNNER = Path(__file__).with_name("sibling_runner.py")
SRC = Path(__file__).resolve().parents[2] / "src"
DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "multinews" / "dev.jsonl"


def _environment(mark: str, **extra: str) -> dict[str, str]:
    """The command's environment: the sibling forked whatever the machine's load (``on``), unless told."""
    forced = {"STORYLINE_NLP_SIBLING": "on"}
    return {**os.environ, "PYTHONPATH": str(SRC), "STORYLINE_SIBLING_TEST": mark, **forced, **extra}


def _brief(args: list[str], mode: str, report: Path, **extra: str) -> tuple[str, dict]:
    """The command's stdout and the runner's report, once no process of the command is left."""
    mark = uuid.uuid4().hex
    done = subprocess.run(
        [sys.executable, str(RUNNER), mode, str(report), "brief", *args],
        capture_output=True,
        text=True,
        env=_environment(mark, **extra),
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert _survivors(mark) == []
    return done.stdout, json.loads(report.read_text(encoding="utf-8"))


def _in_one_process(args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "from storyline.cli import app; app()", "brief", *args],
        capture_output=True,
        text=True,
        env=_environment(uuid.uuid4().hex, STORYLINE_NLP_SIBLING="off"),
        check=True,
        timeout=300,
    )
    return done.stdout


def _survivors(mark: str, grace_s: float = 5.0) -> list[int]:
    """The processes still running with the command's mark in their environment, once a killed one has had
    ``grace_s`` to go (the kernel ends a dead process's children asynchronously)."""
    needle = f"STORYLINE_SIBLING_TEST={mark}".encode()
    until = time.monotonic() + grace_s
    while True:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                environ = (entry / "environ").read_bytes()
            except OSError:  # gone, or not ours
                continue
            if needle in environ.split(b"\0"):
                found.append(int(entry.name))
        if not found or time.monotonic() > until:
            return found
        time.sleep(0.05)


@pytest.fixture(scope="module")
def dev_cluster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first cluster of the dev slice (as tests/golden reads it), as a JSONL file."""
    if not DEV.exists():
        pytest.skip("the Multi-News dev data is not in ../shared")
    with DEV.open(encoding="utf-8") as f:
        next(f)  # the protocol line
        record = json.loads(next(f))
    path = tmp_path_factory.mktemp("dev") / "cluster.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for doc in record["docs"]:
            out.write(json.dumps({"id": str(doc["id"]), "text": doc["text"], "title": doc.get("title") or None}) + "\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_seeds_brief_made_with_the_sibling_is_the_one_made_in_one_process(seeds_dir, tmp_path, fmt):
    args = [str(seeds_dir), "--format", fmt]
    out, report = _brief(args, "as is", tmp_path / "report.json")
    assert out == _in_one_process(args)
    assert report["received"] == ["numbers (parse)", "speaker readings", "ner"] and report["failed"] is None
    assert report["spacy_here"] is False  # every result came from the sibling


@pytest.mark.slow
def test_a_dev_cluster_brief_made_with_the_sibling_is_the_one_made_in_one_process(dev_cluster, tmp_path):
    args = [str(dev_cluster), "--format", "json"]
    out, report = _brief(args, "as is", tmp_path / "report.json")
    assert out == _in_one_process(args)
    assert report["received"] == ["numbers (parse)", "speaker readings", "ner"] and report["spacy_here"] is False


@pytest.mark.slow
@pytest.mark.parametrize(
    ("mode", "received"),
    [("killed", []), ("numbers only", ["numbers (parse)"]), ("hung", []), ("garbled", [])],
)
def test_a_failed_sibling_leaves_the_same_brief_and_no_process(seeds_dir, tmp_path, mode, received):
    args = [str(seeds_dir), "--format", "json"]
    out, report = _brief(args, mode, tmp_path / "report.json")
    assert out == _in_one_process(args)
    assert report["pid"] > 0 and report["received"] == received
    assert report["failed"]  # given up on, and the brief made here
    assert report["spacy_here"] is True


@pytest.mark.slow
@pytest.mark.parametrize(
    ("options", "environment"), [(["--entities", "rules"], {}), ([], {"STORYLINE_NLP_SIBLING": "off"})]
)
def test_rule_based_entities_and_a_turned_off_sibling_fork_nothing(seeds_dir, tmp_path, options, environment):
    out, report = _brief([str(seeds_dir), *options], "as is", tmp_path / "report.json", **environment)
    assert report["pid"] == 0 and "reported by" in out


@pytest.mark.slow
@pytest.mark.parametrize(("machine", "forked"), [("busy", False), ("idle", True)])
def test_left_to_itself_the_command_forks_only_where_a_core_is_free(seeds_dir, tmp_path, machine, forked):
    args = [str(seeds_dir), "--format", "json"]
    out, report = _brief(args, machine, tmp_path / "report.json", STORYLINE_NLP_SIBLING="auto")
    assert (report["pid"] > 0) is forked and report["spacy_here"] is not forked
    assert out == _in_one_process(args)


@pytest.mark.parametrize(
    ("loadavg", "running"), [("0.52 0.48 0.40 1/211 4242\n", 1), ("3.10 2.05 1.50 4/380 977\n", 4), ("garbled", 0)]
)
def test_free_cores_are_the_cores_less_the_tasks_running_now(tmp_path, loadavg, running):
    from storyline.extract.nlp_sibling import free_cores

    path = tmp_path / "loadavg"
    path.write_text(loadavg, encoding="ascii")
    cores = len(os.sched_getaffinity(0))
    assert free_cores(str(path)) == cores - running
    assert free_cores(str(tmp_path / "missing")) == cores


def test_a_brief_run_from_python_forks_no_sibling(seeds_dir, monkeypatch):
    """The library, the web app's workers and a test's runner brief in their own process."""
    from typer.testing import CliRunner

    from storyline.cli import app

    def refuse() -> int:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", refuse)
    result = CliRunner().invoke(app, ["brief", str(seeds_dir)])
    assert result.exit_code == 0, result.output


class _Handing:
    """A supplier that hands over fixed results of one kind."""

    def __init__(self, kind: str, results: dict[str, str]) -> None:
        self.kind, self.results, self.asked = kind, results, []

    def story(self, documents):
        return (self.kind,)

    def supply(self, name):
        self.asked.append(name)
        for text, result in self.results.items():
            analyses.named(name).keep(text, result)


KEPT: analyses.Kept[str] = analyses.Kept("test: supplied", 1 << 20, lambda text, result: len(text) + len(result))


def test_a_kept_kind_waits_for_its_supplier_once_then_misses_as_before():
    supplier = _Handing(KEPT.name, {"a text": "its result"})
    KEPT.clear()
    with analyses.supplied_by(supplier):
        assert KEPT.get("a text") is None  # nothing announced: nothing awaited
        analyses.announce(())
        assert analyses.supplying()
        assert KEPT.lookup(["another", "a text"]) == ({"a text": "its result"}, ["another"])
        assert KEPT.get("one more") is None
        assert supplier.asked == [KEPT.name]  # asked once
    assert not analyses.supplying()


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["brief", "seeds"], True),
        (["brief", "seeds", "--format", "json", "--entities", "spacy"], True),
        (["brief", "seeds", "--entities", "rules"], False),
        (["brief", "--entities=rules", "seeds"], False),
        (["brief", "--help"], False),
        (["-v", "brief", "seeds"], False),  # started by the command itself, once parsed
        (["serve"], False),
        (["ingest", "brief"], False),
        ([], False),
    ],
)
def test_the_sibling_starts_with_the_process_only_for_a_brief_its_words_show(args, wanted):
    from storyline.cli import _sibling_wanted

    assert _sibling_wanted(args) is wanted


@pytest.mark.slow
def test_a_killed_command_leaves_no_sibling(seeds_dir):
    """A command killed with its sibling running leaves no process (the kernel ends the sibling with it)."""
    mark = uuid.uuid4().hex
    command = subprocess.Popen(
        [sys.executable, "-c", "from storyline.cli import app; app()", "brief", str(seeds_dir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_environment(mark),
    )
    until = time.monotonic() + 60
    while len(_survivors(mark, grace_s=0)) < 2 and command.poll() is None and time.monotonic() < until:
        time.sleep(0.01)  # until the sibling is forked
    assert len(_survivors(mark, grace_s=0)) >= 2, "no sibling was forked"
    command.kill()
    command.wait()
    assert _survivors(mark) == []
