"""The golden briefs: the JSON brief of each case, as committed in tests/golden/briefs/.

A case is the seeds or one cluster of a fixed dev slice (the first
``DEV_CLUSTERS`` clusters of ``../shared/data/multinews/dev.jsonl``, read at
test time; only Storyline's output is committed), briefed with the default
options, as ``storyline brief PATH --format json [--embeddings none]`` would
print it.

Regenerate (only in a commit that says what output changed and why)::

    PYTHONPATH=src python tests/golden/regenerate.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import storyline

HERE = Path(__file__).resolve().parent
BRIEFS = HERE / "briefs"
SHARED = HERE.parents[2] / "shared"
SEEDS = SHARED / "seeds"
DEV = SHARED / "data" / "multinews" / "dev.jsonl"
DEV_CLUSTERS = 5
EMBEDDINGS = ("none", "auto")  # TF-IDF alone, and the default (the shipped static model)
REGENERATE = "PYTHONPATH=src python tests/golden/regenerate.py"


def dev_clusters() -> Iterator[tuple[str, storyline.Corpus]]:
    """The dev slice's clusters, read with no stage of Storyline (so a reader's change cannot move the slice)."""
    with DEV.open(encoding="utf-8") as f:
        next(f)  # the protocol line
        for _, line in zip(range(DEV_CLUSTERS), f, strict=False):
            record = json.loads(line)
            articles = tuple(
                storyline.Article(
                    id=str(doc["id"]),
                    text=doc["text"],
                    title=doc.get("title") or None,
                    source=doc.get("source") or None,
                )
                for doc in record["docs"]
            )
            yield str(record["id"]), storyline.Corpus(articles)


def cases() -> Iterator[tuple[str, storyline.Corpus]]:
    """Every case's name and its articles: the seeds, then the dev slice (when ../shared/data is there)."""
    yield "seeds", storyline.load_articles([SEEDS])
    if DEV.is_file():
        yield from dev_clusters()


def golden_path(case: str, embeddings: str) -> Path:
    return BRIEFS / f"{case}.embeddings-{embeddings}.json"


def brief_json(corpus: storyline.Corpus, embeddings: str) -> str:
    """The brief as `storyline brief --format json` prints it, the checkout's own place written ``<shared>``."""
    text = storyline.render(storyline.build_brief(corpus, storyline.BriefConfig(embeddings=embeddings)), "json")
    return text.replace(json.dumps(str(SHARED))[1:-1], "<shared>")


def main() -> None:
    BRIEFS.mkdir(exist_ok=True)
    written = []
    for case, corpus in cases():
        for embeddings in EMBEDDINGS:
            path = golden_path(case, embeddings)
            path.write_text(brief_json(corpus, embeddings), encoding="utf-8")
            written.append(path.name)
    print(f"wrote {len(written)} golden briefs in {BRIEFS}", file=sys.stderr)


if __name__ == "__main__":
    main()
