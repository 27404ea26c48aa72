"""One speed measurement, run in a fresh process so peak memory is its own.

Prints one JSON line: model load seconds, brief seconds (model load excluded),
peak resident memory in MB, sentence and item counts.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from memory import peak_rss_mb

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(scenario: str, embeddings: str, ranker: str) -> None:
    from clusters import SHARED, build

    import storyline
    from storyline.features.embeddings import load_embedder

    start = time.perf_counter()
    load_embedder(embeddings)
    load_seconds = time.perf_counter() - start
    corpus = (
        storyline.load_articles(SHARED / "seeds")
        if scenario == "seeds"
        else storyline.Corpus(tuple(build(int(scenario))))
    )
    start = time.perf_counter()
    brief = storyline.build_brief(corpus, storyline.BriefConfig(embeddings=embeddings, ranker=ranker))
    seconds = time.perf_counter() - start
    peak_mb = peak_rss_mb()
    print(
        json.dumps(
            {
                "scenario": scenario,
                "embeddings": embeddings,
                "ranker": brief.ranker,
                "load_s": round(load_seconds, 2),
                "brief_s": round(seconds, 2),
                "peak_mb": round(peak_mb),
                "documents": len(brief.documents),
                "sentences": sum(len(d.sentences) for d in brief.documents),
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
