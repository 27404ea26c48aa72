"""The candidate list of the disagreement tuning gold (``bench/disagreement_candidates_dev.jsonl``).

Every pair of figures of two different documents of a Multi-News dev cluster (file positions 0-49, clusters
with at least two documents) that count the same thing (the head noun, singular) with the same event (or
none, or a toll with no noun) and different values, once per (quantity, pair of values); and every report
with a loose denial word ("denied", "rejected", "disputed", "not true", "false", "insisted" ...), with the
sentence before it. Each row was then labelled by hand (``real``, ``why``; a real denial names the
``claim`` it answers; ``dispute`` groups the rows of one dispute, shown once), and two disputes the list
missed, found by reading, were added (``dev-read-*``). Written before the rules of issue 14's second pass
were changed; the labels are the rules' author's own (see RESULTS.md, "Disagreements").

    python bench/disagreement_candidates.py > candidates.jsonl   # the unlabelled list
    python bench/disagreement_candidates.py 168 238 > more.jsonl  # another range of file positions
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

from storyline.compare.disagreements import _reports
from storyline.compare.figure_conflicts import _singular
from storyline.eval.datasets import load_benchmark
from storyline.extract.figures import event_class
from storyline.extract.mentions import story_mentions
from storyline.extract.numbers import Number
from storyline.model import Corpus, Sentence
from storyline.pipeline import prepare_story

DEV_FILE = Path(__file__).resolve().parents[2] / "shared" / "data" / "multinews" / "dev.jsonl"
_DENY = re.compile(
    r"\b(den(y|ies|ied|ying|ial|ials)|reject\w*|disput\w*|refut\w*|dismiss\w*|rubbish\w*|not true|untrue|false"
    r"|baseless|contradict\w*|insist\w*)\b",
    re.I,
)


def _side(s: Sentence, n: Number) -> dict[str, object]:
    return {"doc": s.doc_id, "sentence": s.index, "text": s.text, "figure": n.text, "value": n.value}


def candidates(start: int = 0, stop: int = 50) -> list[dict[str, object]]:
    _, clusters = load_benchmark(DEV_FILE)
    out: list[dict[str, object]] = []
    for pos in range(start, min(stop, len(clusters))):
        cluster = clusters[pos]
        if len(cluster.articles) < 2:
            continue
        story = prepare_story(Corpus(cluster.articles))
        layer = story_mentions(story)
        reports = _reports(story)
        layer.read_numbers(reports)
        groups: dict[tuple[str | None, str | None], list[tuple[Sentence, Number]]] = {}
        for s in reports:
            for n in layer.numbers(s):
                thing, event = _singular(n.unit), event_class(n.event)
                if thing is not None or event == "kill":
                    groups.setdefault((thing, event), []).append((s, n))
        for (thing, event), rows in groups.items():
            seen: set[frozenset[float]] = set()
            for (a, x), (b, y) in combinations(rows, 2):
                if a.doc_id == b.doc_id or x.value == y.value or frozenset((x.value, y.value)) in seen:
                    continue
                seen.add(frozenset((x.value, y.value)))

                out.append(
                    {
                        "pos": pos,
                        "cluster": cluster.id,
                        "type": "figures",
                        "unit": thing,
                        "event": event,
                        "a": _side(a, x),
                        "b": _side(b, y),
                    }
                )
        documents = {d.id: d for d in story.documents}
        for s in reports:
            m = _DENY.search(s.text)
            if m:
                previous = documents[s.doc_id].sentences[s.index - 1].text if s.index else ""
                out.append(
                    {
                        "pos": pos,
                        "cluster": cluster.id,
                        "type": "denial",
                        "cue": m.group(0),
                        "denial": {"doc": s.doc_id, "sentence": s.index, "text": s.text},
                        "previous": previous,
                    }
                )
    return out


if __name__ == "__main__":
    import sys

    start, stop = (int(a) for a in sys.argv[1:3]) if len(sys.argv) > 2 else (0, 50)
    for row in candidates(start, stop):
        print(json.dumps(row, ensure_ascii=False))
