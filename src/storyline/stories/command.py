"""The ``storyline ingest``, ``stories`` and ``story`` commands: a feed into a story store, and reading it.

Imports are light here (typer only); each command imports the store and the clustering when it
runs, so ``storyline --help`` stays fast. Results go to stdout, the ingest report and the progress
bar to stderr.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from storyline.errors import ConfigError

if TYPE_CHECKING:
    from storyline.stories.executors import Executor

STORE_HELP = "The story store (one SQLite file; created by ingest)."
LIST_FORMATS = ("text", "json")
STORY_FORMATS = ("text", "md", "json", "html")


def register(app: typer.Typer, run: Callable[[Callable[[], Any]], Any]) -> None:
    """Add the three commands to ``app``; ``run`` turns failures into one-line messages and exit codes."""

    @app.command()
    def ingest(
        paths: Annotated[
            list[str], typer.Argument(help="Folders, .txt, .jsonl, .html files; - reads JSONL from stdin.")
        ],
        store: Annotated[Path, typer.Option(help=STORE_HELP)],
        executor: Annotated[
            str, typer.Option(help="embedded (this process), processes (a local pool) or ray.")
        ] = "embedded",
        workers: Annotated[
            int | None, typer.Option(help="Processes of the pool, or CPUs of a local Ray cluster.", min=1)
        ] = None,
        ray_address: Annotated[
            str | None, typer.Option(help="A running Ray cluster (default: $RAY_ADDRESS, else a local one).")
        ] = None,
        briefs: Annotated[
            bool, typer.Option(help="Rebuild the brief of every story that changed, in the background.")
        ] = False,
        brief_workers: Annotated[
            int,
            typer.Option(
                help="With --briefs: processes of their own that build briefs (not with ray, whose workers do).",
                min=1,
            ),
        ] = 2,
        windows: Annotated[
            bool, typer.Option(help="Cluster each batch by windows on the workers, then merge across windows.")
        ] = False,
        batch: Annotated[int, typer.Option(help="Articles per committed batch.", min=1)] = 500,
        fmt: Annotated[str, typer.Option("--format", "-f", help="The report: text or json.")] = "text",
    ) -> None:
        """Put articles into stories, online, in a store; ingesting an article twice changes nothing."""

        def action() -> str:
            from storyline.stories import Store, ingest, make_executor, read_paths, read_stream
            from storyline.stories.decision import DEFAULT_MODEL

            if fmt not in LIST_FORMATS:
                raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(LIST_FORMATS)}")
            if "-" in paths and len(paths) > 1:
                raise ConfigError("read - (stdin) alone, not with paths")
            pool = make_executor(executor, workers=workers, address=ray_address, windows=windows)
            builders = _brief_executor(pool, brief_workers) if briefs else None
            try:
                with Store.open(store) as target:
                    source = (
                        read_stream(sys.stdin, size=batch)
                        if paths == ["-"]
                        else read_paths(paths, executor=pool, size=batch, windows=DEFAULT_MODEL if windows else None)
                    )
                    with _progress() as progress:
                        live = paths == ["-"]
                        report = ingest(
                            source,
                            target,
                            executor=pool,
                            briefs=briefs,
                            on_batch=progress,
                            lookahead=0 if live else 2,
                            windows=windows,
                            brief_executor=builders,
                        )
            finally:
                if builders is not None and builders is not pool:
                    builders.close()
                pool.close()
            return json.dumps(report.to_dict(), indent=2) + "\n" if fmt == "json" else "\n".join(report.lines()) + "\n"

        typer.echo(run(action), nl=False, err=fmt == "text")

    @app.command()
    def stories(
        store: Annotated[Path, typer.Option(help=STORE_HELP)],
        fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
        limit: Annotated[int | None, typer.Option(help="Only the N most recently changed.", min=1)] = None,
    ) -> None:
        """List the stories, the most recently changed first."""

        def action() -> str:
            from storyline.stories import Store

            if fmt not in LIST_FORMATS:
                raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(LIST_FORMATS)}")
            with Store.open(store, read_only=True) as source:
                rows = source.stories(limit=limit)
            if fmt == "json":
                return json.dumps([r.to_dict() for r in rows], indent=2, ensure_ascii=False) + "\n"
            lines = [
                f"{'id':<14}  {'articles':>8}  {'sources':>7}  {'first':<10}  {'last':<10}  {'changed':<20}  title"
            ]
            for r in rows:
                d = r.to_dict()
                lines.append(
                    f"{r.id:<14}  {r.articles:>8}  {r.sources:>7}  {r.first_date or '-':<10}  "
                    f"{r.last_date or '-':<10}  "
                    f"{str(d['changed'])[:19]:<20}  {r.title or ''}"
                )
            return "\n".join(lines) + "\n"

        typer.echo(run(action), nl=False)

    @app.command()
    def story(
        story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id (from `storyline stories`).")],
        store: Annotated[Path, typer.Option(help=STORE_HELP)],
        fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(STORY_FORMATS)}.")] = "text",
        since: Annotated[
            str | None, typer.Option(help="YYYY-MM-DD: only what the story's articles from then on add.")
        ] = None,
    ) -> None:
        """The brief of one story (cached in the store until the story changes)."""

        def action() -> str:
            from storyline.stories import Store
            from storyline.stories.briefs import story_brief

            if fmt not in STORY_FORMATS:
                raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(STORY_FORMATS)}")
            day = _date(since) if since else None
            with Store.open(store) as source:
                return story_brief(source, story_id, fmt, since=day)

        typer.echo(run(action), nl=False)


def _brief_executor(pool: Executor, workers: int) -> Executor:
    """Where ``--briefs`` builds: Ray's workers on Ray; else processes of their own, so that briefs
    never take the GIL from the clustering nor queue ahead of the next batches' features."""
    from storyline.stories.briefs import warm_up
    from storyline.stories.executors import ProcessExecutor

    return pool if pool.name == "ray" else ProcessExecutor(workers=workers, warm_up=warm_up)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--since {text!r} is not a date; write it as YYYY-MM-DD") from None


class _progress:
    """A rich progress line on stderr while ingesting, only when stderr is a terminal."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> _progress:
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._bar = Progress(
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[stories]} new stories"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("ingest", total=None, stories=0)
        return self

    def __call__(self, report: Any) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=report.read, total=report.total, stories=report.new_stories)

    def __exit__(self, *_: object) -> None:
        if self._bar is not None:
            self._bar.stop()
