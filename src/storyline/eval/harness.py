"""evaluate(): every chosen system on every cluster of a benchmark file, side by side."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyline.eval.datasets import load_benchmark
from storyline.eval.protocols import Protocol
from storyline.eval.rouge import METRICS, Rouge
from storyline.eval.stats import confidence_interval, paired_p_value
from storyline.eval.systems import Prepared, all_systems, timed
from storyline.model import Corpus
from storyline.pipeline import prepare_story
from storyline.rankers import DEFAULT_RANKER
from storyline.select import ineligibility

LABELS = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeLsum": "ROUGE-L"}


@dataclass
class EvalResult:
    dataset: str
    protocol: Protocol
    systems: list[str]
    clusters: list[str] = field(default_factory=list)
    scores: dict[str, dict[str, list[float]]] = field(default_factory=dict)  # system -> metric -> per cluster
    seconds: dict[str, list[float]] = field(default_factory=dict)
    prepare_seconds: list[float] = field(default_factory=list)

    def mean(self, system: str, metric: str) -> float:
        return float(np.mean(self.scores[system][metric]))

    def interval(self, system: str, metric: str) -> tuple[float, float]:
        return confidence_interval(np.array(self.scores[system][metric]))

    def p_value(self, system: str, metric: str) -> float | None:
        """p that the default ranker is not better than ``system`` (None for the default itself)."""
        if system == DEFAULT_RANKER or DEFAULT_RANKER not in self.scores:
            return None
        return paired_p_value(np.array(self.scores[DEFAULT_RANKER][metric]), np.array(self.scores[system][metric]))

    def seconds_per_cluster(self, system: str) -> float:
        return float(np.mean(self.seconds[system]))

    def gap_closed(self, metric: str, baseline: str = "sumy-lexrank") -> float | None:
        """(default - baseline) / (oracle - baseline): the share of the headroom the default takes."""
        needed = {DEFAULT_RANKER, baseline, "oracle"}
        if not needed <= self.scores.keys():
            return None
        base = self.mean(baseline, metric)
        room = self.mean("oracle", metric) - base
        return (self.mean(DEFAULT_RANKER, metric) - base) / room if room > 0 else None

    def per_cluster_records(self) -> list[dict[str, object]]:
        return [
            {
                "dataset": self.dataset,
                "cluster": cluster,
                "system": system,
                **{m: round(self.scores[system][m][n], 6) for m in METRICS},
                "seconds": round(self.seconds[system][n], 6),
            }
            for system in self.systems
            for n, cluster in enumerate(self.clusters)
        ]


def evaluate(
    path: Path,
    *,
    systems: Sequence[str] | None = None,
    protocol: str | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> EvalResult:
    """Score the chosen systems (default: all) on the clusters of ``path``."""
    chosen_protocol, clusters = load_benchmark(path, protocol=protocol)
    clusters = clusters[:limit] if limit else clusters
    available = all_systems()
    names = list(systems or available)
    rouge = Rouge(chosen_protocol)
    result = EvalResult(path.stem if path.stem not in ("dev", "test", "train") else f"{path.parent.name}/{path.stem}",
                        chosen_protocol, names)
    for name in names:
        result.scores[name] = {m: [] for m in METRICS}
        result.seconds[name] = []
    for n, cluster in enumerate(clusters):
        start = time.perf_counter()
        story = prepare_story(Corpus(cluster.articles))
        result.prepare_seconds.append(time.perf_counter() - start)
        candidates = tuple(item.text for item in story.items if item.selectable)
        prepared = Prepared(story, candidates, cluster.references)
        result.clusters.append(cluster.id)
        for name in names:
            summary, seconds = timed(available[name], prepared, chosen_protocol.words, rouge)
            for metric, value in rouge.score(summary, cluster.references).items():
                result.scores[name][metric].append(value)
            result.seconds[name].append(seconds)
        if progress:
            progress(n + 1, len(clusters))
    return result


def refused_share(path: Path) -> float:
    """Share of candidate sentences the selector refuses to put in a summary (diagnostic)."""
    from storyline.select import needs_context

    _, clusters = load_benchmark(path)
    total = refused = 0
    for cluster in clusters:
        for item in prepare_story(Corpus(cluster.articles)).items:
            total += 1
            refused += bool(ineligibility(item) or needs_context(item.text))
    return refused / total if total else 0.0


def to_markdown(result: EvalResult) -> str:
    """The side-by-side table: means with 95% CIs, p-values against the default, speed."""
    head = "| system | kind | " + " | ".join(LABELS[m] for m in METRICS) + " | p vs default (R1/R2/RL) | s/cluster |"
    lines = [head, "|" + "---|" * (len(METRICS) + 4)]
    kinds = {name: s.kind for name, s in all_systems().items()}
    for system in result.systems:
        cells = []
        for metric in METRICS:
            low, high = result.interval(system, metric)
            cells.append(f"{100 * result.mean(system, metric):.2f} [{100 * low:.2f}, {100 * high:.2f}]")
        ps = [result.p_value(system, m) for m in METRICS]
        p_text = "—" if ps[0] is None else "/".join(f"{p:.3f}" for p in ps if p is not None)
        name = f"**{system}** (default)" if system == DEFAULT_RANKER else system
        lines.append(f"| {name} | {kinds[system]} | {' | '.join(cells)} | {p_text} | {result.seconds_per_cluster(system):.4f} |")
    return "\n".join(lines)


def to_jsonl(result: EvalResult) -> str:
    return "".join(json.dumps(r) + "\n" for r in result.per_cluster_records())
