"""The eval command, through typer's runner: formats, --out, --limit, --ranker, errors and exit codes."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from storyline.cli import app as cli_app
from storyline.rankers import DEFAULT_RANKER

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    return cli_app


def test_text_output_lists_scores_with_intervals(app, tiny_benchmark):
    result = runner.invoke(app, ["eval", str(tiny_benchmark), "--ranker", "lexrank"])
    assert result.exit_code == 0, result.output
    for text in ("R1", "R2", "RL(sum)", "lexrank", "oracle", "random", "lead", "2 clusters", "s/cluster"):
        assert text in result.stdout


def test_markdown_and_out_file(app, tiny_benchmark, tmp_path):
    out = tmp_path / "scores.jsonl"
    result = runner.invoke(app, ["eval", str(tiny_benchmark), "--format", "md", "--out", str(out), "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "| system |" in result.stdout and "1 clusters" in result.stdout
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["system"] for r in rows} == {DEFAULT_RANKER, "random", "lead", "oracle"}


def test_json_format_with_protocol_override(app, tiny_benchmark):
    result = runner.invoke(
        app, ["eval", str(tiny_benchmark), "-f", "json", "--protocol", "duc2004", "--ranker", "lead"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["protocol"]["name"] == "duc2004" and data["clusters"] == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--ranker", "nope"], 2, "unknown system 'nope'"),
        (["--format", "html"], 2, "unknown format 'html'"),
        (["--protocol", "nope"], 2, "unknown protocol 'nope'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(app, tiny_benchmark, args, code, message):
    result = runner.invoke(app, ["eval", str(tiny_benchmark), *args])
    assert result.exit_code == code
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_or_malformed_file_exits_1(app, tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 1 and "no such benchmark file" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"protocol": {}}\n{oops\n', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad)])
    assert result.exit_code == 1 and f"{bad}:2:" in result.output


def test_storyline_cli_has_the_eval_command(tiny_benchmark):
    from storyline.cli import app as cli_app

    result = runner.invoke(cli_app, ["eval", str(tiny_benchmark), "--ranker", "lead", "--limit", "1"])
    assert result.exit_code == 0, result.output
    assert "oracle" in result.stdout
