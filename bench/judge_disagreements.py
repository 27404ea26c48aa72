"""The disagreements a brief shows on 50 real news clusters, listed for a judge (issue 14, "before" / "after").

    python bench/judge_disagreements.py              # every disagreement shown, each claim with its context
    python bench/judge_disagreements.py --jsonl      # the same as JSON lines (cluster, topic, kind, why, claims)
    python bench/judge_disagreements.py --score after  # precision of the judged phase over what is shown now
    python bench/judge_disagreements.py --phase heldout  # the held-out clusters (file positions 50-117)

The clusters: those of ../shared/data/multinews/dev.jsonl at the phase's positions in the file (0-49 for
"before" / "after", on which the rules were read; 50-117 for "heldout" / "heldout-before", which the rules'
author never read) that hold at least two documents, each briefed by ``storyline.build_brief`` with
``BriefConfig(embeddings="none")``.
The judge reads every disagreement shown, both claims in their documents (the sentence before and
after each claim is printed), and writes one row per disagreement to
``bench/disagreement_judgements_news.jsonl``:
``{"phase", "cluster", "topic", "kind", "claims": [texts], "right": bool, "why", "judge"?}``, where ``right`` says
whether the claims are a real disagreement between sources about the same thing, a denial paired
with the claim it answers, and not a second item for a dispute already shown. The "before" and
"heldout-before" rows judge the rules before issue 14 (main at 4455dba); "after" and "heldout" the new rules.
``--score PHASE`` matches what is shown now against that phase's rows by (cluster, claim texts)
and counts what is not judged yet apart. ``judge`` is ``"author"`` on rows the author of the rules judged
(own judgement, measures little), ``"independent"`` on rows of a judge who did not write them; the score says which.

    python bench/judge_disagreements.py --phase after > bench/disagreements_after.txt   # what to judge
    python bench/judge_disagreements.py --phase fresh > bench/disagreements_fresh.txt   # for an independent judge
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from storyline import BriefConfig, build_brief
from storyline.eval.datasets import load_benchmark
from storyline.model import Corpus, Document

HERE = Path(__file__).resolve().parent
DEV_FILE = HERE.parents[1] / "shared" / "data" / "multinews" / "dev.jsonl"
JUDGEMENTS = HERE / "disagreement_judgements_news.jsonl"
CLUSTERS = 50
# The file positions (start, stop) each phase reads; the held-out range was never read by the rules' author.
# "fresh" (118-167) was never read by the author of the issue-14 denial pairing and figure index either: it waits for
# an independent judge.
PHASE_POSITIONS = {
    "before": (0, 50),
    "after": (0, 50),
    "heldout-before": (50, 118),
    "heldout": (50, 118),
    "fresh": (118, 168),
}
# Who judged a row (its ``judge`` field): rows without one were judged by the session that wrote the phase's file.
AUTHOR = "author"


def _plain(obj: Any) -> Any:
    """A brief's fact as a plain dict, whether the library hands out typed facts or dicts."""
    return obj.to_dict() if hasattr(obj, "to_dict") else obj


def _context(documents: dict[str, Document], ref: dict[str, Any]) -> tuple[str, str]:
    """The sentence before and the sentence after the cited span, in its document."""
    doc = documents[ref["doc"]]
    index = next((i for i, s in enumerate(doc.sentences) if s.start <= ref["start"] < s.end), None)
    if index is None:
        return "", ""
    before = doc.sentences[index - 1].text if index > 0 else ""
    after = doc.sentences[index + 1].text if index + 1 < len(doc.sentences) else ""
    return before, after


def shown(data: Path = DEV_FILE, positions: tuple[int, int] = (0, CLUSTERS)) -> Iterator[dict[str, Any]]:
    """Every disagreement shown on the clusters at file ``positions`` [start, stop) with two documents or more."""
    _, all_clusters = load_benchmark(data)
    picked = [c for c in all_clusters[positions[0] : positions[1]] if len(c.articles) >= 2]
    for cluster in picked:
        brief = build_brief(Corpus(cluster.articles), BriefConfig(embeddings="none"))
        documents = {d.id: d for d in brief.documents}
        for d in map(_plain, brief.disagreements):
            claims = []
            for c in d["claims"]:
                ref = c["support"][0]
                before, after = _context(documents, ref)
                claims.append(
                    {
                        "text": c["text"],
                        "doc": ref["doc"],
                        "start": ref["start"],
                        "end": ref["end"],
                        "before": before,
                        "after": after,
                    }
                )
            yield {"cluster": cluster.id, "topic": d["topic"], "kind": d["kind"], "why": d["why"], "claims": claims}


def judgements(phase: str, path: Path = JUDGEMENTS) -> list[dict[str, Any]]:
    """The rows of ``phase``, in the file's order (one per item shown when it was judged)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [j for j in rows if j["phase"] == phase]


def score(phase: str, rows: Sequence[dict[str, Any]], path: Path = JUDGEMENTS) -> dict[str, Any]:
    """Precision of what is shown now against the ``phase`` judgements; unjudged ones counted apart.

    An item shown twice has two rows (the second judged as the repeat it is); a shown item's k-th copy
    takes its k-th row, and a copy beyond the judged ones counts as a wrong repeat.
    """
    judged: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
    for j in judgements(phase, path):
        judged.setdefault((j["cluster"], tuple(j["claims"])), []).append(j)
    copies: Counter[tuple[str, tuple[str, ...]]] = Counter()
    right = wrong = unjudged = 0
    judges: set[str] = set()
    for r in rows:
        key = (r["cluster"], tuple(c["text"] for c in r["claims"]))
        verdicts, copy = judged.get(key, []), copies[key]
        copies[key] += 1
        if not verdicts:
            unjudged += 1
            continue
        judges.add(str(verdicts[min(copy, len(verdicts) - 1)].get("judge", "earlier session")))
        if copy < len(verdicts) and verdicts[copy]["right"]:
            right += 1
        else:
            wrong += 1
    judged_n = right + wrong
    return {
        "phase": phase,
        "shown": len(rows),
        "right": right,
        "wrong": wrong,
        "not_judged": unjudged,
        "precision": right / judged_n if judged_n else None,
        "judges": sorted(judges),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", action="store_true", help="JSON lines instead of text")
    parser.add_argument("--score", metavar="PHASE", choices=PHASE_POSITIONS, help="precision against PHASE's rows")
    parser.add_argument("--phase", default="after", choices=PHASE_POSITIONS, help="whose clusters to list")
    parser.add_argument("--data", type=Path, default=DEV_FILE, help="the Multi-News dev file")
    args = parser.parse_args(argv)
    rows = list(shown(args.data, PHASE_POSITIONS[args.score or args.phase]))
    if args.score:
        print(json.dumps(score(args.score, rows)))
        return
    for n, r in enumerate(rows):
        if args.jsonl:
            print(json.dumps(r, ensure_ascii=False))
            continue
        print(f"[{n}] {r['cluster']} ({r['kind']}) topic: {r['topic']!r}; why: {r['why']}")
        for c in r["claims"]:
            print(f"    - [{c['doc']}] {c['text']}")
            print(f"        before: {c['before'][:200]}")
            print(f"        after:  {c['after'][:200]}")
    if not args.jsonl:
        print(f"{len(rows)} disagreements shown")


if __name__ == "__main__":
    main()
