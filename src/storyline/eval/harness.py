"""evaluate(): every chosen system on every cluster of a benchmark file, on the same sentences.

Per cluster the story is prepared once (:func:`storyline.eval.systems.prepare`)
and shared; each system is timed on its own, then scored with
:class:`~storyline.eval.rouge.Rouge` per the file's protocol. The result holds
per-cluster scores, means with 95% bootstrap intervals, paired-bootstrap
p-values of the default ranker against every other system
(:mod:`storyline.eval.stats`), and seconds per cluster.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from storyline.errors import ConfigError
from storyline.eval.datasets import load_benchmark
from storyline.eval.perl_rouge import PerlRouge
from storyline.eval.protocols import Protocol
from storyline.eval.rouge import METRICS, scorer
from storyline.eval.stats import confidence_interval, paired_p_value
from storyline.eval.sumy_baselines import sumy_missing
from storyline.eval.systems import (
    REFERENCES,
    Context,
    Prepared,
    RankerSystem,
    System,
    all_systems,
    is_sumy,
    prepare,
)
from storyline.rankers import DEFAULT_RANKER
from storyline.select import ineligibility, needs_context

#: The sumy baseline the default ranker's "gap closed" is measured from.
GAP_BASELINE = "sumy_lexrank"


@dataclass(frozen=True)
class ClusterScore:
    """One system's summary of one cluster, its scores and its time."""

    cluster: str
    system: str
    scores: dict[str, float]
    seconds: float
    summary: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "cluster": self.cluster,
            "system": self.system,
            **{m: round(v, 6) for m, v in self.scores.items()},
            "seconds": round(self.seconds, 6),
            "summary": list(self.summary),
        }


@dataclass(frozen=True)
class SystemResult:
    """One system over all clusters: per-cluster scores, means, intervals, p-values, speed."""

    name: str
    kind: str
    description: str
    scores: dict[str, np.ndarray]
    seconds: np.ndarray
    ci: dict[str, tuple[float, float]]
    p_value: dict[str, float | None]

    @property
    def mean(self) -> dict[str, float]:
        return {m: float(v.mean()) if v.size else float("nan") for m, v in self.scores.items()}

    @property
    def seconds_per_cluster(self) -> float:
        return float(self.seconds.mean()) if self.seconds.size else float("nan")


@dataclass(frozen=True)
class Candidates:
    """How many candidate sentences there were, and how many ``select()`` may never take alone."""

    total: int
    ineligible: int  # fragment, quotation ... (storyline.select.ineligibility)
    needs_context: int  # eligible, but admitted only after their preceding sentence
    orphaned: int = 0  # of needs_context: no preceding sentence in their document, so never selected


@dataclass(frozen=True)
class EvalResult:
    """Everything one run measured; :mod:`storyline.eval.report` renders it."""

    path: Path
    dataset: str
    protocol: Protocol
    clusters: tuple[str, ...]
    systems: tuple[SystemResult, ...]
    subject: str | None  # the system p-values and gap closed are about: the default ranker when run
    records: tuple[ClusterScore, ...]
    prepare_seconds: float  # per cluster: reading, splitting, cleaning, folding (shared by all systems)
    load_seconds: float  # once: loading the embedding model
    candidates: Candidates
    notes: tuple[str, ...] = ()  # what the run left out or changed, and why (shown under the table)
    scorer: str = "rouge-score 0.1.2"  # the ROUGE backend and, for ROUGE-1.5.5, its flags

    def system(self, name: str) -> SystemResult:
        for s in self.systems:
            if s.name == name:
                return s
        raise KeyError(name)

    def names(self) -> list[str]:
        return [s.name for s in self.systems]

    def gap_closed(self, metric: str, baseline: str = GAP_BASELINE) -> float | None:
        """(subject − baseline) / (oracle − baseline): the share of the headroom the subject (default) takes."""
        if self.subject is None or not {baseline, "oracle"} <= set(self.names()):
            return None
        base = self.system(baseline).mean[metric]
        room = self.system("oracle").mean[metric] - base
        return (self.system(self.subject).mean[metric] - base) / room if room > 0 else None

    def speed_ratio(self, baseline: str = GAP_BASELINE) -> float | None:
        """Subject's (default's) seconds per cluster divided by ``baseline``'s (below 1: it is faster)."""
        if self.subject is None or baseline not in self.names():
            return None
        theirs = self.system(baseline).seconds_per_cluster
        return self.system(self.subject).seconds_per_cluster / theirs if theirs > 0 else None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary (no per-cluster rows: see :attr:`records`)."""
        return {
            "dataset": self.dataset,
            "path": str(self.path),
            "protocol": {
                "name": self.protocol.name,
                "words": self.protocol.words,
                "metric": self.protocol.metric,
                "stemmer": self.protocol.stemmer,
                "truncate": self.protocol.truncate,
                "combine": self.protocol.combine,
                "source": self.protocol.source,
                "rouge155": self.protocol.rouge155_flags(),
            },
            "scorer": self.scorer,
            "clusters": len(self.clusters),
            "default": self.subject,
            "systems": {
                s.name: {
                    "kind": s.kind,
                    "mean": s.mean,
                    "ci95": {m: list(v) for m, v in s.ci.items()},
                    "p_default_not_better": s.p_value,
                    "seconds_per_cluster": s.seconds_per_cluster,
                }
                for s in self.systems
            },
            "gap_closed": {m: self.gap_closed(m) for m in ("rouge1", "rouge2")},
            "speed_ratio_vs_sumy_lexrank": self.speed_ratio(),
            "prepare_seconds_per_cluster": self.prepare_seconds,
            "embedding_load_seconds": self.load_seconds,
            "candidates": {
                "total": self.candidates.total,
                "ineligible": self.candidates.ineligible,
                "needs_context": self.candidates.needs_context,
                "orphaned": self.candidates.orphaned,
            },
            "notes": list(self.notes),
        }


def evaluate(
    path: Path | str,
    *,
    systems: Sequence[str] | None = None,
    protocol: str | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    embeddings: str = "static",
    seed: int = 0,
    rouge: str = "python",
) -> EvalResult:
    """Score ``systems`` (default: every one) on the clusters of the benchmark file ``path``.

    ``protocol`` names a preset replacing the file's own; ``limit`` keeps the
    first N clusters; ``progress(done, total)`` is called after each cluster;
    ``embeddings`` is the mode Storyline's rankers get (``static``: the shipped
    distilled model); ``seed`` fixes the random baseline; ``rouge`` is the
    backend (``python``: rouge-score; ``perl``: ROUGE-1.5.5 with the protocol's
    flags, every summary scored in one run of the script at the end).
    """
    path = Path(path)
    if limit is not None and limit < 1:
        raise ConfigError(f"limit must be a positive integer, got {limit!r}")
    chosen, clusters = load_benchmark(path, protocol=protocol, limit=limit)
    available = all_systems()
    names = list(systems) if systems is not None else list(available)
    unknown = [n for n in names if n not in available]
    if unknown or not names:
        raise ConfigError(f"unknown system {unknown[0] if unknown else ''!r}; choose from {', '.join(available)}")
    score_with = scorer(chosen, rouge)  # a missing Perl install fails here, before any system runs
    context = Context(chosen, embeddings=embeddings, seed=seed)
    notes: list[str] = [score_with.run_note()] if isinstance(score_with, PerlRouge) else []
    missing = sumy_missing() if any(is_sumy(n) for n in names) else ""
    if missing:  # the other systems run without sumy: lead, the oracle and Storyline's rankers
        notes.append(f"Skipped {', '.join(n for n in names if is_sumy(n))}: {missing}.")
        names = [n for n in names if not is_sumy(n)]
        if not names:
            raise ConfigError(f"nothing left to evaluate: {notes[-1]}")
    if any(_reads_embeddings(available[n]) for n in names):  # lead too: it reads the same Features
        context.embedder()  # loaded once, before timing starts
    if context.unavailable:
        skipped = [n for n in names if _needs_embeddings(available[n])]
        names = [n for n in names if n not in skipped]
        left_out = f"Skipped {', '.join(skipped)} (needs embeddings): " if skipped else ""
        notes.append(f"{left_out}no embedding model ({context.unavailable}); Storyline's rankers ran on TF-IDF.")
        if not names:
            raise ConfigError(f"nothing left to evaluate: {notes[-1]}")
    pending: list[tuple[str, str, float, tuple[str, ...], tuple[str, ...]]] = []
    prepare_seconds = []
    counts = np.zeros(4, dtype=int)
    for done, cluster in enumerate(clusters, 1):
        prepared = prepare(cluster)
        prepare_seconds.append(prepared.seconds)
        counts += _candidates(prepared)
        for name in names:
            start = time.perf_counter()
            summary = available[name].summarize(prepared, context)
            seconds = time.perf_counter() - start
            pending.append((cluster.id, name, seconds, tuple(chosen.cut(summary)), tuple(cluster.references)))
        if progress is not None:
            progress(done, len(clusters))
    scores = score_with.score_many([(cut, references) for *_, cut, references in pending])
    records = [
        ClusterScore(cluster_id, name, score, seconds, cut)
        for (cluster_id, name, seconds, cut, _), score in zip(pending, scores, strict=True)
    ]
    subject = _subject(names, available)
    results = tuple(
        _system_result(available[n].name, available[n].kind, available[n].description, records, subject) for n in names
    )
    return EvalResult(
        path=path,
        dataset=_dataset_name(path, chosen),
        protocol=chosen,
        clusters=tuple(c.id for c in clusters),
        systems=results,
        subject=subject,
        records=tuple(records),
        prepare_seconds=float(np.mean(prepare_seconds)),
        load_seconds=context.load_seconds,
        candidates=Candidates(*(int(c) for c in counts)),
        notes=tuple(notes),
        scorer=score_with.describe(),
    )


def rescore(result: EvalResult, rouge: str) -> EvalResult:
    """The same summaries scored again by the ROUGE backend ``rouge``: only the scores differ.

    The references are read again from ``result.path`` (its first clusters, checked by id).
    """
    _, clusters = load_benchmark(result.path, limit=len(result.clusters))
    if tuple(c.id for c in clusters) != result.clusters:
        raise ConfigError(f"{result.path} no longer holds the clusters this result was measured on")
    references = {c.id: tuple(c.references) for c in clusters}
    score_with = scorer(result.protocol, rouge)
    scores = score_with.score_many([(r.summary, references[r.cluster]) for r in result.records])
    records = [replace(r, scores=s) for r, s in zip(result.records, scores, strict=True)]
    systems = tuple(_system_result(s.name, s.kind, s.description, records, result.subject) for s in result.systems)
    notes = tuple(n for n in result.notes if not n.startswith("ROUGE-1.5.5 ("))
    if isinstance(score_with, PerlRouge):
        notes = (score_with.run_note(), *notes)
    return replace(result, systems=systems, records=tuple(records), notes=notes, scorer=score_with.describe())


def _reads_embeddings(system: System) -> bool:
    """Storyline's rankers and the baselines run through its selector (redundancy by embeddings)."""
    return isinstance(system, RankerSystem) or getattr(system, "through_select", False)


def _needs_embeddings(system: System) -> bool:
    return isinstance(system, RankerSystem) and system.ranker.needs_embeddings


def _subject(names: list[str], available: dict[str, System]) -> str | None:
    """The system p-values and gap closed are about: the default ranker, else the first other Storyline ranker run."""
    if DEFAULT_RANKER in names:
        return DEFAULT_RANKER
    ours = [n for n in names if available[n].kind == "storyline" and n not in REFERENCES]
    return ours[0] if ours else None


def _system_result(
    name: str, kind: str, description: str, records: list[ClusterScore], subject: str | None
) -> SystemResult:
    mine = [r for r in records if r.system == name]
    scores = {m: np.array([r.scores[m] for r in mine]) for m in METRICS}
    p_value: dict[str, float | None] = {m: None for m in METRICS}
    if subject is not None and subject != name:
        theirs = [r for r in records if r.system == subject]
        for m in METRICS:
            p_value[m] = paired_p_value([r.scores[m] for r in theirs], scores[m])
    return SystemResult(
        name=name,
        kind=kind,
        description=description,
        scores=scores,
        seconds=np.array([r.seconds for r in mine]),
        ci={m: confidence_interval(v) for m, v in scores.items()},
        p_value=p_value,
    )


def _candidates(prepared: Prepared) -> np.ndarray:
    """Candidates; ineligible ones; eligible ones needing their preceding sentence; those without one.

    Mirrors :func:`storyline.select.select`: a context-dependent sentence is
    admitted only right after the sentence before it in its document, so one
    opening its document (every Opinosis sentence is a document) is never chosen.
    """
    items = prepared.story.items
    positions = {(m.doc_id, m.index) for item in items for m in item.members}
    counts = np.zeros(4, dtype=int)
    for i in prepared.candidates:
        item = items[i]
        counts[0] += 1
        if ineligibility(item) is not None:
            counts[1] += 1
        elif needs_context(item.text):
            counts[2] += 1
            counts[3] += (item.sentence.doc_id, item.sentence.index - 1) not in positions
    return counts


def _dataset_name(path: Path, protocol: Protocol) -> str:
    """``opinosis/dev`` for ``.../opinosis/dev.jsonl``; the protocol's name for other layouts."""
    if path.stem in ("dev", "test", "train", "validation", "val"):
        return f"{path.parent.name}/{path.stem}"
    return path.stem or protocol.name


__all__ = ["GAP_BASELINE", "Candidates", "ClusterScore", "EvalResult", "SystemResult", "evaluate", "rescore"]
