"""The entity backends against gold they were not chosen on: the named speakers of the facts gold.

    python bench/entities_quality.py             # the Markdown section

No entity gold exists; the nearest is bench/facts_gold_news (real Multi-News articles, annotated by
other hands, never the seeds), whose quotations name their speaker: the fullest name the article
uses, with the other forms it uses (``aliases``), a person or a body ("the State Department").
Each named speaker of a gold article (once per article) is a person or organisation the entities
section should hold. Each gold article is briefed inside its whole cluster (as
bench/facts_news_quality.py does), both backends on the same prepared documents; an entity counts for
the article when one of its Refs is in it. Measures, over the named speakers of a split:

* **found**: an entity of the article has the speaker's name, or one of its aliases, among its own
  aliases (names compared by :func:`storyline.extract.gazetteer.name_key`: case, dots, hyphens,
  a leading "the");
* **name right**: the entity found is named as the gold names the speaker (the fullest name);
* **typed PERSON**: the entity found is typed ``PERSON`` (most speakers are people; a body speaking
  is not one, so this is a lower bound on the right type, the same for both backends).

What this gold cannot tell: precision (entities that are not speakers are not annotated), and
places. CPU time: both backends over the same documents, in this process, after a warm-up.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from facts_news_quality import SPLITS, load_gold, prepared_stories  # noqa: E402

from storyline.extract.entities import extract_entities, spacy_available  # noqa: E402
from storyline.extract.gazetteer import name_key  # noqa: E402
from storyline.model import Entity  # noqa: E402

BACKENDS = ("spacy", "rules")


def speakers(quotes: Sequence[dict[str, Any]]) -> dict[tuple[str, str], set[str]]:
    """(doc, speaker) -> the name keys of the speaker's forms, for every named gold speaker."""
    found: dict[tuple[str, str], set[str]] = {}
    for q in quotes:
        if q.get("named") and q["speaker"]:
            keys = found.setdefault((q["doc"], q["speaker"]), set())
            keys.update(name_key(n) for n in (q["speaker"], *q.get("aliases", [])))
    return found


def score(entities: Sequence[Entity], doc: str, speaker: str, keys: set[str], n: Counter[str]) -> None:
    """Count one gold speaker of ``doc`` against the entities of its cluster."""
    n["speakers"] += 1
    here = [e for e in entities if any(r.doc == doc for r in e.support)]
    match = next((e for e in here if keys & {name_key(a) for a in e.aliases}), None)
    if match is None:
        return
    n["found"] += 1
    n["name right"] += name_key(match.name) == name_key(speaker)
    n["typed PERSON"] += match.type == "PERSON"


def measure() -> dict[str, Any]:
    """Counts per backend and split, and each backend's CPU seconds over every gold cluster."""
    gold = load_gold("all")
    stories = prepared_stories(gold)
    split = {a["id"]: a["split"] for a in gold.articles}
    cluster_of = {a["id"]: a["cluster"] for a in gold.articles}
    wanted = speakers(gold.quotes)
    counts: dict[tuple[str, str], Counter[str]] = {(b, s): Counter() for b in BACKENDS for s in SPLITS}
    seconds: dict[str, float] = {}
    backends = [b for b in BACKENDS if b != "spacy" or spacy_available()]
    for backend in backends:
        extract_entities(next(iter(stories.values()))[:1], backend=backend)  # warm-up: loads the model
        start = time.process_time()
        entities: dict[str, tuple[Entity, ...]] = {}
        for cluster, documents in stories.items():
            entities[cluster] = extract_entities(documents, backend=backend)
        seconds[backend] = time.process_time() - start
        for (doc, speaker), keys in wanted.items():
            for s in (split[doc], "all"):
                score(entities[cluster_of[doc]], doc, speaker, keys, counts[(backend, s)])
    return {"counts": counts, "seconds": seconds, "backends": backends, "clusters": len(stories)}


def section() -> str:
    load = os.getloadavg()[0]
    result = measure()
    counts, seconds = result["counts"], result["seconds"]
    lines = [
        "## Entity backends on gold not from the seeds (issue 13, issue 14)",
        "",
        "bench/entities_quality.py: the named speakers of bench/facts_gold_news (one per article and",
        "speaker; other hands annotated them, on real Multi-News articles), looked up among the entities of",
        "their article's brief, each gold article briefed inside its whole cluster; a split's figures are",
        "over its speakers. found: an entity has the speaker's name or one of the gold's other forms for it",
        "among its aliases; name right: the entity's name is the gold's (fullest) name; typed PERSON: a",
        "lower bound on the type (bodies speak too). Precision is not measured: only speakers are annotated.",
        f"CPU seconds of each backend over the {result['clusters']} clusters, warm, load average {load:.1f}.",
        "",
        "| backend | split | speakers | found | name right | typed PERSON | CPU s (all clusters) |",
        "|---|---|---|---|---|---|---|",
    ]
    for backend in result["backends"]:
        for s in SPLITS:
            n = counts[(backend, s)]
            cells = [_share(n[k], n["speakers"]) for k in ("found", "name right", "typed PERSON")]
            cpu = f"{seconds[backend]:.2f}" if s == "all" else ""
            lines.append(f"| {backend} | {s} | {n['speakers']} | " + " | ".join(cells) + f" | {cpu} |")
    return "\n".join(lines)


def _share(k: int, n: int) -> str:
    return f"{k / n:.3f} ({k}/{n})" if n else "-"


if __name__ == "__main__":
    print(section())
