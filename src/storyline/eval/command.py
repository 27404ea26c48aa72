"""The ``storyline eval`` command: ROUGE of every system on a benchmark file, side by side.

Results go to stdout, the progress bar and errors to stderr; exit 1 on an
input error, 2 on a usage error (as the rest of the CLI).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from storyline.errors import ConfigError, StorylineError

FORMATS = ("text", "md", "json")


def register(app: typer.Typer, run: Callable[[Callable[[], Any]], Any]) -> None:
    """Add the ``eval`` command to ``app``.

    ``run`` turns failures into one-line messages and exit codes (the CLI's ``_run``).
    """
    runner = run

    @app.command("eval")
    def eval_command(
        path: Annotated[Path, typer.Argument(help="A benchmark file (JSONL: a protocol line, then clusters).")],
        ranker: Annotated[
            str, typer.Option(help="all, default, or NAME[,NAME] (each with random, lead and oracle).")
        ] = "default",
        fmt: Annotated[str, typer.Option("--format", "-f", help="text, md or json.")] = "text",
        out: Annotated[Path | None, typer.Option(help="Also write per-cluster scores here (JSONL).")] = None,
        protocol: Annotated[
            str | None, typer.Option(help="Score with this preset instead of the file's protocol.")
        ] = None,
        limit: Annotated[int | None, typer.Option(help="Only the first N clusters.", min=1)] = None,
        rouge: Annotated[
            str, typer.Option(help="python (rouge-score) or perl (ROUGE-1.5.5 with the protocol's published flags).")
        ] = "python",
        baseline_selector: Annotated[
            str,
            typer.Option(help="How sumy baselines pick sentences: own, storyline (Storyline's select()), or both."),
        ] = "own",
    ) -> None:
        """ROUGE-1/2/L(sum) with 95% CIs of Storyline's rankers, sumy's, and references."""

        def action() -> str:
            from storyline.eval.harness import evaluate
            from storyline.eval.report import render, to_jsonl, to_text
            from storyline.eval.systems import resolve

            if fmt not in FORMATS:
                raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
            systems = resolve(ranker, baseline_selector)
            with _progress(path.name) as update:
                result = evaluate(path, systems=systems, protocol=protocol, limit=limit, progress=update, rouge=rouge)
            if out is not None:
                try:
                    out.write_text(to_jsonl(result), encoding="utf-8")
                except OSError as error:
                    raise StorylineError(f"cannot write {out}: {error.strerror or error}") from None
            if fmt == "text":
                return to_text(result, color=sys.stdout.isatty())
            return render(result, fmt)

        typer.echo(runner(action), nl=False)


class _progress:
    """A rich progress bar on stderr (hidden when stderr is not a terminal); yields ``update(done, total)``."""

    def __init__(self, name: str) -> None:
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._task = self._bar.add_task(f"evaluating {name}", total=None)

    def __enter__(self) -> Callable[[int, int], None]:
        self._bar.start()
        return lambda done, total: self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        self._bar.stop()


__all__ = ["register"]
