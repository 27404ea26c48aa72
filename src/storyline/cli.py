"""The command line: a thin typer app over the public API.

Results go to stdout, diagnostics to stderr. Exit codes: 0 ok, 1 input or
runtime error, 2 usage error. Each command imports the stages it runs inside
its function, so ``--help`` and a mistyped option answer at once (typer and
the light modules only; tests/test_cli.py checks what ``--help`` imports).
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from storyline import __version__
from storyline.config import DEFAULT_TIME_BUDGET_S, EMBEDDING_MODES, ENTITY_BACKENDS, BriefConfig
from storyline.errors import ConfigError, StorylineError
from storyline.eval.command import register as register_eval
from storyline.render import RENDERERS, render
from storyline.render.text import to_text
from storyline.stories.command import register as register_stories


class _Storyline(typer.Typer):
    """The app; run as the `storyline` command, a brief ends its process as soon as its output is out.

    When Python exits it frees a brief's objects one by one (spaCy's vocabulary and weights, the
    embedding matrix, the parsed text) after a last full garbage collection: about 0.25 s of CPU, a
    sixth of a cold `storyline brief` (bench/results/stages.md), for memory the system takes back at
    once. So a brief that wrote its output runs the exit handlers, flushes the standard streams and
    ends with ``os._exit(0)``, unless a thread Python would wait for still runs. Only the console
    script's call does this (no arguments: click reads ``sys.argv`` and ends the process itself); a
    caller that passes arguments (a test, a program running the app) gets typer's SystemExit as
    before, and every other command, or a brief that failed, exits as Python does.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:
            return super().__call__(*args, **kwargs)
        _ONE_SHOT.append(True)
        if _sibling_wanted(sys.argv[1:]):  # before typer builds the command and parses it (~0.1 s)
            from storyline.extract.nlp_sibling import start

            _SIBLING.append(start())
        try:
            return super().__call__()
        except SystemExit as done:
            if _BRIEFED and done.code in (0, None) and not _threads_to_wait_for():
                _end_process()
            raise


# Set once a brief's output is written (the only command _Storyline ends early).
_BRIEFED: list[bool] = []
# Set when the app runs as the console script: its process makes one brief, then ends.
_ONE_SHOT: list[bool] = []
# The NLP sibling started with the process (_sibling_wanted), for the brief command to take.
_SIBLING: list[Any] = []


def _sibling_wanted(args: list[str]) -> bool:
    """Whether the command line asks for a brief that reads spaCy's results, by its words alone: the command
    first, no help asked for, entities not by the rules. A brief the words do not show (options before the
    command) starts its sibling once typer has parsed it; one they show wrongly has it ended at exit."""
    pairs = zip(args, [*args[1:], ""], strict=False)  # each word and the next (the last: "")
    rules = any(a == "--entities=rules" or (a, b) == ("--entities", "rules") for a, b in pairs)
    return args[:1] == ["brief"] and "--help" not in args and not rules


def _threads_to_wait_for() -> list[threading.Thread]:
    """The threads Python's exit would wait for: the non-daemon ones besides the main thread."""
    return [t for t in threading.enumerate() if not t.daemon and t is not threading.main_thread()]


def _end_process() -> None:
    """Exit now: the exit handlers run and the streams are flushed, the interpreter's teardown is skipped."""
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a stream that cannot take its last bytes: Python's own exit reports it
        return
    os._exit(0)


app = _Storyline(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Storyline: read a news story across many sources, as a sourced brief.",
)
T = TypeVar("T")


def _run(action: Callable[[], T]) -> T:
    """Run ``action``, turning every failure into a one-line message and an exit code."""
    try:
        return action()
    except ConfigError as error:
        _say(f"storyline: error: {error}")
        raise typer.Exit(2) from None
    except StorylineError as error:
        _say(f"storyline: error: {error}")
        raise typer.Exit(1) from None
    except MemoryError:
        _say("storyline: error: out of memory; try fewer or smaller inputs")
        raise typer.Exit(1) from None
    except Exception as error:  # the user gets one line; STORYLINE_DEBUG=1 shows the traceback
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        _say(f"storyline: internal error: {type(error).__name__}: {' '.join(str(error).split())}")
        raise typer.Exit(1) from None


@app.command()
def brief(
    paths: Annotated[list[Path], typer.Argument(help="Folders, .txt, .jsonl or .html files.", show_default=False)],
    words: Annotated[int, typer.Option(help="Word budget of the summary.", min=1)] = 100,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(RENDERERS)}.")] = "text",
    ranker: Annotated[str, typer.Option(help="Ranking method (see `storyline rankers`).")] = "default",
    embeddings: Annotated[str, typer.Option(help=f"One of: {', '.join(EMBEDDING_MODES)}.")] = "auto",
    strict: Annotated[bool, typer.Option(help="Fail on any input warning instead of skipping.")] = False,
    entities: Annotated[str, typer.Option(help=f"Entity finder, one of: {', '.join(ENTITY_BACKENDS)}.")] = "auto",
    since: Annotated[
        list[Path] | None,
        typer.Option(help="Earlier articles (repeatable): brief only what PATHS add to them.", show_default=False),
    ] = None,
    since_date: Annotated[
        str | None,
        typer.Option(help="YYYY-MM-DD: brief only what the articles dated from then on add.", show_default=False),
    ] = None,
    max_chars: Annotated[
        int, typer.Option(help="Characters of text briefed at most; the rest is cut, with a warning.", min=1)
    ] = 20_000_000,
    time_budget: Annotated[
        float,
        typer.Option(
            help="Seconds from the command's start (0: no budget): the text is cut to what fits and stages "
            "not done in time are left out, each with a warning.",
            min=0,
        ),
    ] = DEFAULT_TIME_BUDGET_S,
) -> None:
    """Brief a cluster of articles: a summary where every sentence cites its sources."""
    started = time.monotonic()

    def action() -> str:
        from dataclasses import replace

        from storyline.extract.analyses import supplied_by
        from storyline.imports import collected_once

        sibling = _nlp_sibling(entities)  # first, so that it loads spaCy while this process imports the rest

        with collected_once():  # the stages' modules (storyline.imports.collected_once: ~45 ms of CPU)
            from storyline.budget import hard_stops, left_of
            from storyline.ingest import load_articles
            from storyline.pipeline import build_brief, build_update

        if fmt not in RENDERERS:
            raise ConfigError(f"unknown format {fmt!r}; choose one of {', '.join(RENDERERS)}")
        config = BriefConfig(
            words=words, ranker=ranker, embeddings=embeddings, strict=strict, entities=entities,
            max_chars=max_chars, time_budget_s=time_budget or None,
        )  # fmt: skip
        articles = load_articles(paths, max_bytes=config.max_bytes)
        if since and since_date:
            raise ConfigError("give --since or --since-date, not both")
        earlier = load_articles(since, max_bytes=config.max_bytes) if since else None
        config = replace(config, time_budget_s=left_of(time_budget or None, started))
        # This process owns its signals: a stage past its deadline is interrupted.
        with hard_stops(), supplied_by(sibling):
            if earlier is not None:
                result = build_update(articles, since=earlier, config=config)
            elif since_date:
                result = build_update(articles, since_date=_date(since_date), config=config)
            else:
                result = build_brief(articles, config)
        if fmt == "text":
            return to_text(result, color=sys.stdout.isatty())
        return render(result, fmt)

    _emit(_run(action))
    _BRIEFED.append(True)


def _nlp_sibling(entities: str) -> Any:
    """The sibling process that makes spaCy's share of a one-shot brief (storyline.extract.nlp_sibling), or
    None: a brief run from Python (a test, a program calling the app) or with rule-based entities has none."""
    if _SIBLING:  # started with the process, or found of no help then
        sibling = _SIBLING.pop()
        if sibling is not None and entities == "rules":
            sibling.close()
            return None
        return sibling
    if not _ONE_SHOT or entities == "rules":
        return None
    from storyline.extract.nlp_sibling import start

    return start()


def _emit(text: str) -> None:
    """Write the result to stdout; a character the terminal's encoding lacks is shown as ``?``, with a
    warning, and a closed pipe (``| head``) ends the command quietly: neither is a traceback."""
    stream = sys.stdout
    try:
        stream.write(text)
        stream.flush()
    except UnicodeEncodeError:
        encoding = stream.encoding or "utf-8"
        stream.flush()
        stream.buffer.write(text.encode(encoding, errors="replace"))
        stream.buffer.flush()
        _warn(f"the output encoding ({encoding}) cannot show some characters; they are written as '?'")
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit: point it at nothing.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None


def _warn(message: str) -> None:
    _say(f"storyline: warning: {message}")


def _say(line: str) -> None:
    """One diagnostic line on stderr, whatever its encoding and whatever the line holds (a file
    name's undecodable bytes are lone surrogates)."""
    encoding = sys.stderr.encoding or "utf-8"
    sys.stderr.write(line.encode(encoding, errors="backslashreplace").decode(encoding) + "\n")
    sys.stderr.flush()


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"--since-date {text!r} is not a date; write it as YYYY-MM-DD") from None


@app.command()
def rankers() -> None:
    """List the ranking methods."""
    from storyline.rankers import DEFAULT_RANKER, RANKERS

    width = max(len(name) for name in RANKERS)
    for name, method in sorted(RANKERS.items()):
        mark = " (default)" if name == DEFAULT_RANKER else ""
        needs = " [needs embeddings]" if method.needs_embeddings else ""
        typer.echo(f"{name:<{width}}  {method.description}{needs}{mark}")


register_eval(app, _run)
register_stories(app, _run)  # ingest, stories, story (storyline.stories)


@app.command()
def serve(
    folder: Annotated[
        Path | None, typer.Argument(help="A folder to brief at /api/folder (optional).", show_default=False)
    ] = None,
    host: Annotated[str, typer.Option(help="Address to bind; keep 127.0.0.1 unless others must reach it.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    store: Annotated[
        Path | None, typer.Option(help="A story store (`storyline ingest`) to list at /stories.", show_default=False)
    ] = None,
) -> None:
    """Serve the local web app (needs the `web` extra); opens no browser."""
    from storyline.web.server import host_warning
    from storyline.web.server import serve as run_server

    warning = host_warning(host)
    if warning:
        typer.echo(f"storyline: warning: {warning}", err=True)
    _run(lambda: run_server(folder, host=host, port=port, store=store))


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress to stderr.")] = False) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="storyline: %(message)s")
