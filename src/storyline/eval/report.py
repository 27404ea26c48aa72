"""Renderers of an :class:`~storyline.eval.harness.EvalResult`: rich text, Markdown, JSON, per-cluster JSONL."""

from __future__ import annotations

import io
import json

from storyline.eval.harness import EvalResult, SystemResult
from storyline.eval.rouge import METRICS
from storyline.rankers import DEFAULT_RANKER

LABELS = {"rouge1": "R1", "rouge2": "R2", "rougeLsum": "RL(sum)"}
FORMATS = ("text", "md", "json")


def title(result: EvalResult) -> str:
    """``opinosis/dev: 26 clusters; opinosis: 25 words (truncated), ROUGE f1, ...; rouge-score 0.1.2``."""
    return f"{result.dataset}: {len(result.clusters)} clusters; {result.protocol.describe()}; {result.scorer}"


def _score(system: SystemResult, metric: str) -> str:
    low, high = system.ci[metric]
    return f"{100 * system.mean[metric]:.2f} [{100 * low:.2f}, {100 * high:.2f}]"


def _p(system: SystemResult) -> str:
    values = [system.p_value[m] for m in METRICS]
    if any(v is None for v in values):
        return "—"
    return " / ".join("<0.001" if v == 0 else f"{v:.3f}" for v in values if v is not None)


def _name(result: EvalResult, system: SystemResult) -> str:
    if system.name != result.subject:
        return system.name
    return f"{system.name} (default)" if system.name == DEFAULT_RANKER else f"{system.name} (compared)"


def _p_header(result: EvalResult) -> str:
    return f"p vs {result.subject}" if result.subject else "p"


def _footer(result: EvalResult) -> list[str]:
    lines = [
        f"Scores ×100, mean over clusters [95% bootstrap CI]; p: paired bootstrap, p-value that "
        f"{result.subject or 'the compared system'} is not better ({' / '.join(LABELS[m] for m in METRICS)}); "
        "s/cluster excludes preparing the story "
        f"({result.prepare_seconds:.4f} s/cluster, shared) and loading the embedding model "
        f"({result.load_seconds:.2f} s, once).",
    ]
    gap = [result.gap_closed(m) for m in ("rouge1", "rouge2")]
    if all(g is not None for g in gap):
        lines.append(
            f"Gap closed, ({result.subject} − sumy_lexrank) / (oracle − sumy_lexrank): "
            f"R1 {100 * gap[0]:.1f}%, R2 {100 * gap[1]:.1f}%."  # type: ignore[operator]
        )
    ratio = result.speed_ratio()
    if ratio is not None:
        lines.append(f"Speed: {result.subject} takes {ratio:.2f}× the time of sumy_lexrank per cluster.")
    c = result.candidates
    if c.total:
        lines.append(
            f"Candidates: {c.total}; select() refuses {c.ineligible} ({100 * c.ineligible / c.total:.0f}%) as "
            f"ineligible and holds back {c.needs_context} ({100 * c.needs_context / c.total:.0f}%) until their "
            f"preceding sentence is chosen ({c.orphaned} of them have none in their document: never chosen)."
        )
    lines.extend(result.notes)
    return lines


def to_markdown(result: EvalResult, *, heading: str = "###") -> str:
    """A Markdown section: a title, the table, and notes (gap closed, speed, candidates)."""
    head = ["system", "kind", *(LABELS[m] for m in METRICS), _p_header(result), "s/cluster"]
    lines = [
        f"{heading} {title(result)}",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---", "---", *(["---:"] * (len(head) - 2))]) + "|",
    ]
    for s in result.systems:
        name = f"**{_name(result, s)}**" if s.name == result.subject else s.name
        cells = [name, s.kind, *(_score(s, m) for m in METRICS), _p(s), f"{s.seconds_per_cluster:.4f}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.extend(_footer(result))
    return "\n".join(lines) + "\n"


def to_text(result: EvalResult, *, color: bool = False, width: int = 140) -> str:
    """A rich table, as text (ANSI colors only with ``color``)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title(result), title_justify="left")
    for column in ("system", "kind"):
        table.add_column(column)
    for m in METRICS:
        table.add_column(LABELS[m], justify="right")
    table.add_column(_p_header(result), justify="right")
    table.add_column("s/cluster", justify="right")
    for s in result.systems:
        style = "bold" if s.name == result.subject else None
        table.add_row(
            _name(result, s),
            s.kind,
            *(_score(s, m) for m in METRICS),
            _p(s),
            f"{s.seconds_per_cluster:.4f}",
            style=style,
        )
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="auto" if color else None)
    console.print(table)
    for line in _footer(result):
        console.print(line, highlight=False)
    return buffer.getvalue()


def to_json(result: EvalResult) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n"


def to_jsonl(result: EvalResult) -> str:
    """One line per cluster and system: scores, seconds, and the summary as scored."""
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in result.records)


def render(result: EvalResult, fmt: str) -> str:
    if fmt == "text":
        return to_text(result)
    if fmt == "md":
        return to_markdown(result)
    if fmt == "json":
        return to_json(result)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render", "title", "to_json", "to_jsonl", "to_markdown", "to_text"]
