"""Synthetic large clusters for the speed benchmark, built from real text in ../shared/data.

Each document strings together ~30 sentences made from real ones: the
sentences of the benchmark files' documents (reviews, news articles) and of
the seeds, cut at a sentence-final mark before a space. About 30%
of the documents copy an earlier one word for word (syndication) or with one
word changed (spun copies), so folding has real work to do.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from storyline.model import Article

SHARED = Path(__file__).resolve().parents[2] / "shared"
# A pool sentence: 6 to 60 words (a news article's text is many sentences, a review one).
_WORDS = range(6, 61)


def _sentence_pool() -> list[str]:
    pool: list[str] = []
    for path in sorted((SHARED / "data").glob("*/*.jsonl")):
        with path.open(encoding="utf-8") as f:
            next(f)  # protocol line
            for line in f:
                # Cluster files only: a stream file (one article a line, no "docs") repeats their articles.
                for doc in json.loads(line).get("docs", ()):
                    for sentence in re.split(r"(?<=[.!?])\s+", " ".join(doc["text"].split())):
                        if len(sentence.split()) in _WORDS:
                            pool.append(sentence)
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines()[1:]:
            pool.extend(p.strip() + "." for p in paragraph.split(". ") if len(p.split()) >= 6)
    return pool


def build(documents: int, *, sentences: int = 30, seed: int = 0) -> list[Article]:
    """``documents`` articles of about ``sentences`` sentences each, reproducibly.

    Fresh sentences splice the first half of one real sentence to the second
    half of another, so nearly all are distinct, as in a large real cluster;
    three go to a paragraph so the sentence splitter has real work.
    """
    rng = random.Random(seed)
    pool = _sentence_pool()
    articles: list[Article] = []
    for n in range(documents):
        if articles and rng.random() < 0.3:
            source = rng.choice(articles).text
            text = source.replace(" the ", " the very ", 1) if rng.random() < 0.5 else source
        else:
            body = []
            for _ in range(sentences):
                head, tail = rng.choice(pool).split(), rng.choice(pool).split()
                body.append(" ".join(head[: len(head) // 2] + tail[len(tail) // 2 :]).rstrip(" .") + ".")
            text = "\n".join(" ".join(body[i : i + 3]) for i in range(0, len(body), 3))
        articles.append(Article(id=f"bench-{n:04d}", text=text))
    return articles
