"""The `storyline eval` command."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from storyline.errors import ConfigError


def register(app: typer.Typer, run: object) -> None:
    """Add ``eval`` to the CLI; ``run`` turns failures into one-line errors (cli._run)."""

    @app.command("eval")
    def eval_command(
        path: Annotated[Path, typer.Argument(help="A benchmark file (../shared/data/*/*.jsonl).", show_default=False)],
        ranker: Annotated[str, typer.Option(help="all, default, or NAME[,NAME]: systems to score.")] = "default",
        fmt: Annotated[str, typer.Option("--format", "-f", help="text, md or json.")] = "text",
        out: Annotated[Path | None, typer.Option(help="Write per-cluster scores as JSONL here.")] = None,
        protocol: Annotated[str | None, typer.Option(help="Override the file's protocol (opinosis, duc2004, ...).")] = None,
        limit: Annotated[int | None, typer.Option(help="Only the first N clusters.", min=1)] = None,
    ) -> None:
        """ROUGE-1/2/L with 95% bootstrap intervals, side by side with the classic baselines."""
        from rich.console import Console
        from rich.progress import Progress

        from storyline.eval.harness import evaluate, to_jsonl, to_markdown
        from storyline.eval.systems import choose

        def action() -> str:
            if fmt not in ("text", "md", "json"):
                raise ConfigError(f"unknown format {fmt!r}; choose one of text, md, json")
            systems = choose(ranker)
            with Progress(console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task(f"evaluating {path.name}", total=None)
                result = evaluate(
                    path,
                    systems=systems,
                    protocol=protocol,
                    limit=limit,
                    progress=lambda done, total: bar.update(task, completed=done, total=total),
                )
            if out:
                out.write_text(to_jsonl(result), encoding="utf-8")
            if fmt == "json":
                summary = {
                    "dataset": result.dataset,
                    "protocol": result.protocol.__dict__,
                    "clusters": len(result.clusters),
                    "systems": {
                        s: {
                            **{m: result.mean(s, m) for m in result.scores[s]},
                            "ci95": {m: result.interval(s, m) for m in result.scores[s]},
                            "p_vs_default": {m: result.p_value(s, m) for m in result.scores[s]},
                            "seconds_per_cluster": result.seconds_per_cluster(s),
                        }
                        for s in result.systems
                    },
                }
                return json.dumps(summary, indent=2) + "\n"
            title = (
                f"{result.dataset}: {len(result.clusters)} clusters, {result.protocol.words} words, "
                f"ROUGE {result.protocol.metric} ({result.protocol.combine} over references)"
            )
            table = to_markdown(result)
            return f"## {title}\n\n{table}\n" if fmt == "md" else f"{title}\n\n{table}\n"

        typer.echo(run(action), nl=False)  # type: ignore[operator]
