"""What the story facts add to a brief's time: each extraction stage timed on a 100-document cluster.

The cluster is bench/clusters.py's (real sentences from ../shared, a third of the documents
syndicated or spun copies). Each stage runs on the prepared story, warm (a model's load is
timed apart, once), and the whole brief is timed in the same process for comparison.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


_SPACY = "entities, spaCy (--entities spacy)"


def _seconds(action: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def facts_speed_section(documents: int = 100) -> str:
    from clusters import build

    import storyline
    from storyline.compare.disagreements import find_disagreements
    from storyline.extract.entities import extract_entities, spacy_available
    from storyline.extract.figures import extract_figures
    from storyline.extract.quotes import extract_quotes
    from storyline.extract.timeline import build_timeline
    from storyline.pipeline import prepare_story

    corpus = storyline.Corpus(tuple(build(documents)))
    story = prepare_story(corpus)
    docs = story.documents
    stages: list[tuple[str, Callable[[], object]]] = [
        ("quotes", lambda: extract_quotes(docs)),
        ("figures", lambda: extract_figures(docs)),
        ("timeline (dates)", lambda: build_timeline(docs)),
        ("disagreements", lambda: find_disagreements(story)),
        ("entities, rules", lambda: extract_entities(docs, backend="rules")),
    ]
    times = {name: _seconds(stage) for name, stage in stages}
    spacy_load = None
    if spacy_available():
        start = time.perf_counter()
        extract_entities(docs[:1], backend="spacy")
        spacy_load = time.perf_counter() - start
        times[_SPACY] = _seconds(lambda: extract_entities(docs, backend="spacy"))
    config = storyline.BriefConfig(embeddings="none")
    whole = _seconds(lambda: storyline.build_brief(corpus, config), repeat=1)
    per_100 = 100 / documents
    total = sum(times.values())
    default = total - times.get(_SPACY, 0)
    lines = [
        "| stage | seconds per 100 documents |",
        "|---|---|",
        *[f"| {name} | {t * per_100:.2f} |" for name, t in times.items()],
        f"| **all facts (default: rule-based entities)** | **{default * per_100:.2f}** |",
        f"| all facts, spaCy entities | {(total - times['entities, rules']) * per_100:.2f} |",
        f"| whole brief, facts included (TF-IDF path, default options) | {whole * per_100:.2f} |",
    ]
    if spacy_load is not None:
        lines.append(f"| spaCy import and model load, once per process | {spacy_load:.2f} |")
    sentences = sum(len(d.sentences) for d in docs)
    return "\n".join(
        [
            "## Story facts: extra time",
            "",
            f"bench/facts_speed.py: each stage on a {documents}-document cluster ({sentences} sentences) built by",
            "bench/clusters.py, best of 3 warm runs; the whole brief timed once in the same process.",
            "",
            *lines,
        ]
    )


if __name__ == "__main__":
    print(facts_speed_section())
