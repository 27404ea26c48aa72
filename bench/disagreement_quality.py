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


# The tuning golds (gold before rules): every candidate pair on some Multi-News dev clusters labelled by hand, with
# the file positions they cover (bench/disagreement_candidates.py). The second was written after the first
# round of rule changes and before the second.
TUNING_GOLDS = {
    "dev 0-49": (HERE / "disagreement_candidates_dev.jsonl", (0, 50)),
    "dev 168-237": (HERE / "disagreement_candidates_dev2.jsonl", (168, 238)),
}
# What the rules before this round (main at f945a00) showed there, scored the same way (rerun at that commit).
TUNING_BEFORE = {"dev 0-49": (1, 1, 1), "dev 168-237": (3, 1, 1)}


def _gold_disputes(path: Path) -> dict[str, set[str]]:
    """Each real dispute of a tuning gold: the texts of every sentence of its rows (either side)."""
    disputes: dict[str, set[str]] = {}
    for row in read_jsonl(path):
        if row["real"]:
            sides = (row["a"], row["b"]) if row["type"] == "figures" else (row["denial"], row["claim"])
            disputes.setdefault(row["dispute"], set()).update(side["text"] for side in sides)
    return disputes


def tuning_gold_score(path: Path, positions: tuple[int, int]) -> dict[str, int]:
    """What the brief shows on the gold's clusters: ``shown``, ``right`` (the first item of a real dispute: both
    claims are sentences of it), and ``disputes`` (the gold's real disputes, each once)."""
    disputes = _gold_disputes(path)
    found: set[str] = set()
    rows = list(shown(positions=positions))
    for r in rows:
        texts = {c["text"] for c in r["claims"]}
        hit = next((d for d, sentences in disputes.items() if len(texts) == 2 and texts <= sentences), None)
        if hit is not None:
            found.add(hit)
    return {"shown": len(rows), "right": len(found), "found": len(found), "disputes": len(disputes)}


def tuning_gold_lines() -> list[str]:
    lines = [
        "| tuning gold | disputes | before: shown / right / found | now: shown | right | found (recall) | precision |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, (path, positions) in TUNING_GOLDS.items():
        now = tuning_gold_score(path, positions)
        b_shown, b_right, b_found = TUNING_BEFORE[name]
        precision = f"{now['right'] / now['shown']:.2f}" if now["shown"] else "n/a"
        lines.append(
            f"| {name} (`{path.name}`) | {now['disputes']} | {b_shown} / {b_right} / {b_found} | {now['shown']} "
            f"| {now['right']} | {now['found']} ({now['found'] / now['disputes']:.2f}) | {precision} |"
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
        "Tuning golds (issue 14, second pass; gold before rules): on Multi-News dev clusters, every pair of figures of "
        "two documents for one counted thing and event with different values, and every sentence with a loose denial "
        "word, labelled by hand by the rules' author before the rules were changed "
        "(`bench/disagreement_candidates.py`; "
        "one dispute of each gold found by reading). An item shown is right when both its claims are sentences of one "
        "labelled dispute, and only the first item of a dispute counts; `found` is the disputes shown at least once. "
        "The author's own labels: they measure recall honestly, precision only as well as one hand can.",
        "",
        *tuning_gold_lines(),
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
        "Issue 14, second pass (session 9): the held-out clusters were run once after each round of rule changes "
        "(two runs, neither read): both showed nothing; `bench/disagreements_heldout_shown.jsonl` holds what they "
        "show, with both claims, their documents, spans and neighbouring sentences, for an independent judge. On "
        "`fresh` the one item shown before this pass (judged right) is no longer shown; why was not looked into, "
        "fresh being read only as this count. The six new items of `after` are judged by the rules' author from "
        "the tuning gold's labels (`judge: author`).",
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
