"""Disagreement quality: precision and recall of :func:`classify_pair` on labelled real sentence pairs, and the
disagreements found on the seeds.

The pairs (``bench/disagreement_pairs.jsonl``): real sentences from the seeds and from the Opinosis dev reviews
(../shared/data), labelled ``disagree`` (the two cannot both be right, or one disputes the other) or a hard
negative (``agree``, ``different-things``: e.g. a figure for another quantity, two different truce proposals;
``unrelated``). A prediction is positive when ``classify_pair`` names a kind.

What a user sees: every disagreement the brief shows on real clusters (the seeds, each Opinosis dev topic, the
facts gold articles of bench/facts_gold), each judged by hand in ``bench/disagreement_judgements.jsonl``; one not
judged yet is listed as such (a change of the rules that shows something new must be judged before it counts).

On news: every disagreement shown on Multi-News dev clusters, judged by hand per phase in
``bench/disagreement_judgements_news.jsonl`` (see ``bench/judge_disagreements.py``): "before" / "heldout-before"
judge the rules before issue 14 (counted from the file), "after" / "heldout" what the code shows now (rerun).

Run: ``python bench/disagreement_quality.py`` prints the Markdown section.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from facts_quality import read_jsonl
from judge_disagreements import CLUSTERS, PHASE_POSITIONS, judgements, score, shown

from storyline.compare.disagreements import classify_pair, examine, find_disagreements
from storyline.eval.datasets import load_benchmark
from storyline.ingest import load_articles
from storyline.model import Corpus
from storyline.pipeline import prepare_story

HERE = Path(__file__).resolve().parent
PAIRS = HERE / "disagreement_pairs.jsonl"
JUDGEMENTS = HERE / "disagreement_judgements.jsonl"
SEEDS = HERE.parents[1] / "shared" / "seeds"
OPINOSIS = HERE.parents[1] / "shared" / "data" / "opinosis" / "dev.jsonl"
FACTS_GOLD = HERE / "facts_gold" / "articles"


def _clusters() -> Iterator[tuple[str, Corpus]]:
    yield "seeds", load_articles(SEEDS)
    yield "facts gold articles", load_articles(FACTS_GOLD)
    if OPINOSIS.exists():
        _, clusters = load_benchmark(OPINOSIS)
        for cluster in clusters:
            yield f"opinosis {cluster.id}", Corpus(cluster.articles)


def shown_precision() -> tuple[int, int, list[str]]:
    """(correct, shown, lines): every disagreement shown on the real clusters, against the hand judgements."""
    judged = {tuple(j["claims"]): j for j in read_jsonl(JUDGEMENTS)}
    correct = shown = 0
    lines = []
    for name, corpus in _clusters():
        for d in find_disagreements(prepare_story(corpus)):
            claims = tuple(c.text for c in d.claims)
            verdict = judged.get(claims)
            shown += 1
            correct += bool(verdict and verdict["correct"])
            mark = "not judged" if verdict is None else ("right" if verdict["correct"] else "wrong")
            lines.append(f"- {name} ({d.kind}, {mark}): " + " / ".join(f'"{c[:90]}"' for c in claims))
    return correct, shown, lines


def news_phase_lines() -> list[str]:
    """A table row per phase of the news judgements: what was shown, judged right, precision."""
    lines = [
        "| phase | dev clusters (file positions, >= 2 documents) | rules | shown | right | not judged | precision "
        "| judged by |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for phase, (start, stop) in PHASE_POSITIONS.items():
        if phase.endswith("before"):
            rows = judgements(phase)
            right, shown_n, not_judged = sum(bool(j["right"]) for j in rows), len(rows), 0
            rules = "before issue 14 (4455dba), from the file"
            judges = sorted({str(j.get("judge", "earlier session")) for j in rows})
        else:
            now = score(phase, list(shown(positions=(start, stop))))
            right, shown_n, not_judged = now["right"], now["shown"], now["not_judged"]
            rules = "now, rerun"
            judges = now["judges"]
        judged = shown_n - not_judged
        precision = f"{right / judged:.2f}" if judged else "n/a"
        by = ", ".join(judges) or "-"
        lines.append(
            f"| {phase} | {start}-{stop - 1} | {rules} | {shown_n} | {right} | {not_judged} | {precision} | {by} |"
        )
    return lines


def _adjacent(pair: dict[str, str]) -> bool:
    """Whether ``b`` follows ``a`` in one paragraph of the file both come from (a seed article)."""
    if pair["a_source"] != pair["b_source"] or not pair["a_source"].startswith("seeds/"):
        return False
    path = SEEDS / pair["a_source"].removeprefix("seeds/")
    if not path.exists():
        return False
    for paragraph in path.read_text(encoding="utf-8").splitlines():
        at = paragraph.find(pair["a"])
        if at >= 0 and paragraph[at + len(pair["a"]) :].lstrip().startswith(pair["b"]):
            return True
    return False


def score_pairs(path: Path = PAIRS) -> dict[str, object]:
    """Counts and rates on the pairs: ``tp``, ``fp``, ``fn``, ``tn``, ``precision``, ``recall`` and the errors."""
    pairs = read_jsonl(path)
    counts: Counter[str] = Counter()
    errors: list[str] = []
    for p in pairs:
        predicted = classify_pair(p["a"], p["b"], adjacent=_adjacent(p))
        positive, gold = predicted != "none", p["label"] == "disagree"
        key = {(True, True): "tp", (True, False): "fp", (False, True): "fn", (False, False): "tn"}[(positive, gold)]
        counts[key] += 1
        if key in ("fp", "fn"):
            errors.append(f"{key}: [{p['label']}] {p['note']} (predicted {predicted})")
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    return {
        "pairs": len(pairs),
        "labels": dict(Counter(p["label"] for p in pairs)),
        **{k: counts[k] for k in ("tp", "fp", "fn", "tn")},
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "errors": errors,
    }


def disagreement_section() -> str:
    """The Markdown section for ``bench/RESULTS.md``."""
    s = score_pairs()
    labels = ", ".join(f"{n} {k}" for k, n in sorted(s["labels"].items()))  # type: ignore[attr-defined]
    lines = [
        "## Disagreements",
        "",
        f"Pairs: `bench/disagreement_pairs.jsonl`, {s['pairs']} real sentence pairs ({labels}), labelled before "
        "running. Each pair is read by `classify_pair` as two one-sentence documents (as one paragraph when `b` "
        "follows `a` in one paragraph of a seed article); a named kind is a positive.",
        "",
        "| precision | recall | true pos. | false pos. | false neg. | true neg. |",
        "|---|---|---|---|---|---|",
        f"| {s['precision']:.2f} | {s['recall']:.2f} | {s['tp']} | {s['fp']} | {s['fn']} | {s['tn']} |",
        "",
    ]
    if s["errors"]:
        lines += ["Errors:", ""] + [f"- {e}" for e in s["errors"]] + [""]  # type: ignore[operator]
    correct, shown, shown_lines = shown_precision()
    lines += [
        f"Shown on real clusters (seeds, facts gold articles, {sum(1 for _ in _clusters()) - 2} Opinosis dev "
        f"topics): {shown} disagreement(s), {correct} judged right: precision "
        f"{correct / shown if shown else 1.0:.2f} ({correct}/{shown}).",
        "",
        *shown_lines,
        "",
    ]
    lines += [
        f"On news (Multi-News dev, positions 0-{CLUSTERS - 1} read while writing the rules, 50-117 held out "
        "from the first rules' author (the issue-14 denial pairing's author read their denial sentences, not "
        "their judgements), 118-167 (`fresh`) read by no rules' author), every disagreement a brief shows, "
        "judged by hand (`bench/disagreement_judgements_news.jsonl`, reasons per item; `judged by` says whose "
        "judgements they are: `author` rows are the rules' author's own and measure little):",
        "",
        *news_phase_lines(),
        "",
    ]
    story = prepare_story(load_articles(SEEDS))
    found = find_disagreements(story)
    lines += [f"On the seeds ({len(story.documents)} documents): {len(found)} disagreement(s).", ""]
    for d in found:
        lines.append(f"- **{d.topic}** ({d.kind}): {d.why}")
        for c in d.claims:
            refs = ", ".join(f"{r.doc}:{r.sentence} [{r.start}:{r.end}]" for r in c.support)
            lines.append(f'  - "{c.text}" ({refs})')
    rejected = [f for f in examine(story) if not f.disagree]
    if rejected:
        lines += ["", "Considered and not shown:", ""]
        lines += [f"- {f.topic}: {f.why}" for f in rejected]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(disagreement_section())
