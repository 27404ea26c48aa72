"""The static (distilled) model against the full MiniLM: speed and agreement.

Agreement on real sentences (the benchmark files' documents and the seeds):
Spearman correlation of the cosine similarities of 20,000 random sentence
pairs, and the overlap of each sentence's 5 nearest neighbours.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
from scipy.stats import spearmanr
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.features import embeddings

SHARED = Path(__file__).resolve().parents[2] / "shared"


def sentences() -> list[str]:
    found = []
    for path in sorted((SHARED / "data").glob("*/*.jsonl")):
        with path.open(encoding="utf-8") as f:
            next(f)
            for line in f:
                found += [d["text"] for d in json.loads(line)["docs"] if d["text"].strip()]
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        found += [p for line in path.read_text(encoding="utf-8").splitlines() for p in line.split(". ") if p.strip()]
    return found


def measure() -> str:
    texts = sentences()
    rows, vectors = [], {}
    for mode in ("static", "full"):
        start = time.perf_counter()
        embedder = embeddings.load_embedder(mode)
        load = time.perf_counter() - start
        assert embedder is not None
        start = time.perf_counter()
        vectors[mode] = embedder.encode(texts)
        rate = len(texts) / (time.perf_counter() - start)
        rows.append((mode, embedder.name, embedder.dim, load, rate))
    vectors["tfidf"] = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, len(texts), 20_000), rng.integers(0, len(texts), 20_000)
    sample = rng.choice(len(texts), 1000, replace=False)
    agreement = []
    for mode in ("static", "tfidf"):
        v, full = vectors[mode], vectors["full"]
        rho = spearmanr(np.einsum("ij,ij->i", v[a], v[b]), np.einsum("ij,ij->i", full[a], full[b])).statistic
        overlap = [len(set(np.argsort(-(v @ v[i]))[1:6]) & set(np.argsort(-(full @ full[i]))[1:6])) / 5 for i in sample]
        agreement.append(f"| {mode} | {rho:.3f} | {np.mean(overlap):.2f} |")
    size = sum(p.stat().st_size for p in embeddings.STATIC_DIR.iterdir()) / 1e6
    lines = [
        f"{len(texts)} real sentences (../shared/data documents and seed sentences).",
        "",
        "| mode | model | dim | load (s) | sentences/s |",
        "|---|---|---|---|---|",
        *[f"| {m} | {name} | {dim} | {load:.2f} | {rate:,.0f} |" for m, name, dim, load, rate in rows],
        "",
        "Agreement with the full model (TF-IDF shown for scale): Spearman correlation of the cosines of",
        "20,000 random sentence pairs, and the share of each sentence's 5 nearest neighbours (1,000 sentences)",
        "that the full model also puts in its top 5.",
        "",
        "| representation | Spearman vs full | top-5 neighbour overlap |",
        "|---|---|---|",
        *agreement,
        "",
        f"Static model on disk: {size:.1f} MB.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(measure())
