"""The command line, through typer's runner and as the README runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.rankers import RANKERS

runner = CliRunner()


def test_brief_prints_a_readable_summary(seeds_dir):
    result = runner.invoke(app, ["brief", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.stdout
    assert "reported by" in result.stdout


def test_brief_json_validates(seeds_dir, brief_schema):
    result = runner.invoke(app, ["brief", str(seeds_dir), "--format", "json", "--words", "150"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, brief_schema)
    assert sum(len(s["text"].split()) for s in data["summary"]) <= 150


def test_brief_markdown_has_sections(seeds_dir):
    result = runner.invoke(app, ["brief", str(seeds_dir), "--format", "md", "--ranker", "lexrank"])
    assert result.exit_code == 0, result.output
    assert "## Summary" in result.stdout and "## Sources" in result.stdout


def test_missing_path_is_a_one_line_input_error(tmp_path):
    result = runner.invoke(app, ["brief", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "nope" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "pdf"], "pdf"),
        (["--ranker", "magic"], "magic"),
        (["--embeddings", "gpu"], "gpu"),
        (["--words", "0"], "words"),
        (["--entities", "bert"], "bert"),
    ],
)
def test_bad_options_are_usage_errors(seeds_dir, args, needle):
    result = runner.invoke(app, ["brief", str(seeds_dir), *args])
    assert result.exit_code == 2
    assert needle in result.stderr


def test_empty_folder_is_an_input_error(tmp_path):
    result = runner.invoke(app, ["brief", str(tmp_path)])
    assert result.exit_code == 1
    assert "no articles" in result.stderr


def test_strict_mode_fails_on_warnings(tmp_path, seeds_dir):
    (tmp_path / "a.txt").write_text(
        (seeds_dir / "000_cb909a982181dd53.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary\x00")
    assert runner.invoke(app, ["brief", str(tmp_path)]).exit_code == 0
    strict = runner.invoke(app, ["brief", str(tmp_path), "--strict"])
    assert strict.exit_code == 1 and "b.txt" in strict.stderr


def test_rankers_lists_every_method():
    result = runner.invoke(app, ["rankers"])
    assert result.exit_code == 0
    listed = {line.split()[0] for line in result.stdout.splitlines()}
    assert listed == set(RANKERS)


def test_readme_command_runs_from_the_installed_script(seeds_dir):
    script = Path(sys.executable).with_name("storyline")
    done = subprocess.run(
        [str(script), "brief", str(seeds_dir), "--format", "json"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["story"]["documents"] == 5


def test_a_brief_run_as_the_command_ends_early_with_its_output_whole_and_exit_handlers_run(seeds_dir):
    """The console script's call (no arguments) ends a brief with os._exit once its output is written
    (storyline.cli._Storyline): the output must still be all there, byte for byte what the app gives
    in process, and exit handlers registered before it must still run."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('exit handler ran', file=sys.stderr))\n"
        f"sys.argv = ['storyline', 'brief', {str(seeds_dir)!r}, '--format', 'html']\n"
        "from storyline.cli import app\n"
        "app()\n"
        "print('not reached: the app ends the process', file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "exit handler ran"
    assert done.stdout == runner.invoke(app, ["brief", str(seeds_dir), "--format", "html"]).stdout


def test_a_failed_brief_run_as_the_command_exits_as_python_does(tmp_path):
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('exit handler ran', file=sys.stderr))\n"
        f"sys.argv = ['storyline', 'brief', {str(tmp_path / 'missing')!r}]\n"
        "from storyline.cli import app\n"
        "app()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.splitlines() == [
        f"storyline: error: no such file or directory: {tmp_path / 'missing'}",
        "exit handler ran",
    ]


def test_brief_html_is_one_page(seeds_dir):
    result = runner.invoke(app, ["brief", str(seeds_dir), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!doctype html>") and result.stdout.rstrip().endswith("</html>")
