"""Helpers for the hostile-input suite: brief a folder through the CLI and check what came out.

Every case must give a brief (exit 0) or a one-line error (exit 1 or 2), never a traceback, and
every Ref of the brief must cite its text exactly (``storyline.verify.provenance_errors``).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import storyline
from storyline.cli import app
from storyline.verify import provenance_errors

runner = CliRunner()


def is_mark(ch: str) -> bool:
    """A combining mark (Unicode categories Mn, Mc, Me) or a joiner: no grapheme cluster starts on one
    (UAX #29: no break before Extend, SpacingMark or ZWJ)."""
    return unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200c\u200d"


def cut_graphemes(brief: storyline.Brief) -> list[str]:
    """Refs that start on a combining mark or end just before one: "Ru" cited out of "Rüssia" (NFD),
    or a sentence starting on a mark left after a space."""
    texts = {d.id: d.article.text for d in brief.documents}
    bad = []
    for where, ref in _refs(brief.to_dict()):
        text = texts[str(ref["doc"])]
        start, end = int(ref["start"]), int(ref["end"])
        if (start < len(text) and is_mark(text[start])) or (end < len(text) and is_mark(text[end])):
            bad.append(f"{where}: {text[start : end + 1]!r}")
    return bad


def _refs(node: object, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        if {"doc", "start", "end"} <= node.keys():
            found.append((where, node))
        for key, value in node.items():
            found += _refs(value, f"{where}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            found += _refs(value, f"{where}[{n}]")
    return found


def brief_cli(*args: str) -> tuple[int, str, str]:
    """Run ``storyline brief ARGS`` in-process; (exit code, stdout, stderr)."""
    result = runner.invoke(app, ["brief", *args])
    return result.exit_code, result.stdout, result.stderr


def assert_no_traceback(code: int, stderr: str) -> None:
    assert "Traceback" not in stderr
    assert "internal error" not in stderr, stderr
    if code != 0:
        assert code in (1, 2) and len(stderr.strip().splitlines()) == 1, stderr


def assert_exact(brief: storyline.Brief) -> None:
    assert provenance_errors(brief) == []
    assert cut_graphemes(brief) == []


def brief_json(*args: str) -> dict[str, Any]:
    code, out, err = brief_cli(*args, "--format", "json", "--embeddings", "none")
    assert_no_traceback(code, err)
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


class Checks:
    """The suite's helpers, as one fixture (``--import-mode=importlib`` cannot import a conftest)."""

    brief_cli = staticmethod(brief_cli)
    brief_json = staticmethod(brief_json)
    assert_no_traceback = staticmethod(assert_no_traceback)
    assert_exact = staticmethod(assert_exact)
    cut_graphemes = staticmethod(cut_graphemes)
    is_mark = staticmethod(is_mark)
    write = staticmethod(lambda folder, name, content: write(folder, name, content))


@pytest.fixture
def check() -> Checks:
    return Checks()


@pytest.fixture
def story_text() -> str:
    """A short story in the shape of news copy (not from any dev cluster)."""
    return (
        "The army said it had taken the old bridge on Tuesday. "
        "Officials said 12 people were hurt in the fighting. "
        "Rebels said the bridge had yet to fall.\n"
    )


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
