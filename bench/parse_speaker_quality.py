"""The parse's second reading of quotation speakers against the rules', by class, on the TUNING gold only.

    python bench/parse_speaker_quality.py            # the table (dev and dev2)
    python bench/parse_speaker_quality.py --cases    # every disagreement, with the gold speaker (tuning splits)

For each quotation of the gold articles of ``dev`` (bench/facts_gold_news) and the ``dev2`` batch, the
rules' cue (the speaker mention next to the quotation, before pronouns and descriptions are resolved) is
set beside the parse's reading (:mod:`storyline.extract.parse_speaker`: the subject of the speech verb
governing the quotation), and each is scored against the gold speaker: the rules' final speaker, and the
parse's subject as written. Never run on test, fresh or wcep_fresh: their per-class counts are for no one
to read (their aggregates come from the facts_news and facts_fresh sections).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from facts_news_quality import DEV2, GOLD, _agrees, load_gold, prepared_stories

from storyline.extract.people import PRONOUNS
from storyline.extract.quotes import extract_quotes
from storyline.extract.second_reader import NAMED_KINDS, recording

TUNING = {"dev": (GOLD, "dev"), "dev2": (DEV2, "all")}


def _kind(speaker: object) -> str:
    if not isinstance(speaker, str) or not speaker:
        return "none"
    if speaker.lower() in PRONOUNS:
        return "pronoun"
    return "name" if any(w[:1].isupper() for w in speaker.split()[1:] + speaker.split()[:1]) else "description"


def rows(split: str, *, apply: bool = False, kinds: frozenset[str] | None = None) -> list[dict[str, Any]]:
    """One row per gold quotation the system found: the rules' cue and final speaker, the parse's reading
    (``apply``: combined, the parse naming subjects of ``kinds``; else the rules' speakers alone)."""
    token = NAMED_KINDS.set(kinds) if kinds is not None else None
    gold_dir, name = TUNING[split]
    gold = load_gold(name, gold_dir)
    stories = prepared_stories(gold)
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold.quotes:
        by_doc.setdefault(g["doc"], []).append(g)
    out = []
    for _, documents in sorted(stories.items()):
        with recording(apply) as log:
            extract_quotes(documents)
        for doc, q, cue, reading in log:
            g = next((g for g in by_doc.get(doc.id, ()) if q.start < g["end"] and g["start"] < q.end), None)
            if g is None:
                continue
            text = doc.article.text
            cue_speaker, cue_span, how = cue
            parsed = text[reading.start : reading.end] if reading else None
            head = text[reading.head_start : reading.head_end] if reading else None
            if reading is None:
                relation = "no reading"
            elif cue_span is None:
                relation = "rules none"
            else:
                lo, hi = cue_span  # type: ignore[misc]
                relation = "agree" if reading.start < hi and lo < reading.end else "disagree"
            out.append(
                {
                    "doc": doc.id,
                    "start": q.start,
                    "pos": reading.pos if reading else None,
                    "quote": text[q.start : q.end][:60],
                    "how": how or "-",
                    "cue": cue_speaker,
                    "cue_kind": _kind(cue_speaker),
                    "final": q.speaker,
                    "final_right": None if q.speaker is None else _agrees(g, q.speaker),
                    "parsed": parsed,
                    "head": head,
                    "proper": bool(reading and reading.proper),
                    "parse_right": None if head is None else _agrees(g, head),
                    "verb": f"{reading.verb}/{reading.via}/{'P' if reading.proper else '-'}" if reading else None,
                    "sentence": text[doc.sentences[q.sentence].start : doc.sentences[q.close_sentence].end][:300],
                    "relation": relation,
                    "gold": g["speaker"],
                    "named": bool(g["named"]),
                }
            )
    if token is not None:
        NAMED_KINDS.reset(token)
    return out


def changes(split: str, kinds: frozenset[str]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The gold quotations whose final speaker the combination changes: (rules alone, combined)."""
    before = {(r["doc"], r["start"]): r for r in rows(split)}
    after = rows(split, apply=True, kinds=kinds)
    return [(before[(r["doc"], r["start"])], r) for r in after if before[(r["doc"], r["start"])]["final"] != r["final"]]


def table(splits: Sequence[str] = ("dev", "dev2")) -> str:
    lines = [
        "| split | relation | cue kind | quotations | rules right / wrong / none | parse head right / wrong |",
        "|---|---|---|---|---|---|",
    ]
    for split in splits:
        tally: Counter[tuple[str, str]] = Counter()
        right: Counter[tuple[str, str, str]] = Counter()
        for r in rows(split):
            key = (r["relation"], r["cue_kind"])
            tally[key] += 1
            rules = {True: "right", False: "wrong", None: "none"}[r["final_right"]]
            right[(*key, rules)] += 1
            if r["parse_right"] is not None:
                right[(*key, "p_right" if r["parse_right"] else "p_wrong")] += 1
        for key in sorted(tally):
            lines.append(
                f"| {split} | {key[0]} | {key[1]} | {tally[key]} | "
                f"{right[(*key, 'right')]} / {right[(*key, 'wrong')]} / {right[(*key, 'none')]} | "
                f"{right[(*key, 'p_right')]} / {right[(*key, 'p_wrong')]} |"
            )
    return "\n".join(lines)


def section() -> str:
    """Markdown: the two readers by class on the tuning gold, and what the combination changes there."""
    lines = [
        "## Quotation speakers: the parse's second reading against the rules' (tuning gold only)",
        "",
        "bench/parse_speaker_quality.py: each gold quotation of `dev` and `dev2` the system finds, its rules' cue",
        "(before pronouns and descriptions are resolved) beside the parse's reading (extract/parse_speaker.py: the",
        "subject of the speech verb governing the quotation); `agree` when the spans overlap, `rules none` when",
        "the rules read no cue. The rules' column scores their final speaker (right / wrong / none by the gold),",
        "the parse's the subject's head as written. Test, fresh and wcep_fresh are never broken down so.",
        "",
        table(),
        "",
        "What the combination (the default: the parse names proper-noun and pronoun subjects where the rules",
        "read no cue, and leaves the speaker open against a proper name it reads elsewhere) changes:",
        "",
        "| split | speakers newly given (right / wrong) | given speakers left open (were right / wrong) |",
        "|---|---|---|",
    ]
    for split in ("dev", "dev2"):
        changed = changes(split, NAMED_KINDS.get())
        given = [a for b, a in changed if b["final"] is None]
        opened = [b for b, a in changed if a["final"] is None and b["final"] is not None]
        new_right, new_wrong = (
            sum(a["final_right"] is True for a in given),
            sum(a["final_right"] is False for a in given),
        )
        was_right, was_wrong = (
            sum(b["final_right"] is True for b in opened),
            sum(b["final_right"] is False for b in opened),
        )
        lines.append(f"| {split} | {new_right} / {new_wrong} | {was_right} / {was_wrong} |")
    return "\n".join(lines) + "\n"


def outside_gold(limit: int) -> list[str]:
    """The first ``limit`` Multi-News dev clusters that hold no article of any gold set (dev, test, every batch):
    each quotation the combination changes, and each disagreement of the two readers, for reading by eye."""
    from facts_news_quality import BATCHES, DEV_FILE, read_jsonl

    from storyline.eval.datasets import load_benchmark
    from storyline.model import Corpus
    from storyline.pipeline import prepare_story

    gold_clusters = {a["cluster"] for d in (GOLD, *BATCHES.values()) for a in read_jsonl(d / "articles.jsonl")}
    _, clusters = load_benchmark(DEV_FILE)
    lines = []
    for cluster in [c for c in clusters if c.id not in gold_clusters][:limit]:
        documents = prepare_story(Corpus(cluster.articles)).documents
        with recording(False) as alone:
            extract_quotes(documents)
        with recording(True) as combined:
            extract_quotes(documents)
        for (doc, q, cue, reading), (_, q2, _, _) in zip(alone, combined, strict=True):
            text = doc.article.text
            sentence = text[doc.sentences[q.sentence].start : doc.sentences[q.close_sentence].end][:260]
            head = text[reading.head_start : reading.head_end] if reading else None
            span = cue[1]
            disagree = (
                reading is not None
                and isinstance(span, tuple)
                and not (reading.start < span[1] and span[0] < reading.end)
            )
            if q.speaker != q2.speaker or disagree:
                kind = "changed" if q.speaker != q2.speaker else "disagree"
                via = f"{reading.via}/{reading.dep}/{reading.pos}" if reading else "-"
                lines.append(
                    f"{kind} {q.speaker!r} -> {q2.speaker!r} (cue {cue[0]!r}, parse {head!r} {via}) [{doc.id}]"[:400]
                )
                lines.append(f"      {sentence!r}")
    return lines


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", action="store_true", help="list the disagreements and the rules-none readings")
    parser.add_argument("--changes", default=None, help="parts of speech the parse may name (PROPN,PRON,NOUN)")
    parser.add_argument("--outside", type=int, default=0, help="read N clusters in no gold set (by eye)")
    parser.add_argument("--split", choices=sorted(TUNING), action="append", help="a tuning split (default: both)")
    args = parser.parse_args()
    splits = args.split or ["dev", "dev2"]
    if args.outside:
        print("\n".join(outside_gold(args.outside)))
        return
    if args.changes:
        for split in splits:
            for b, a in changes(split, frozenset(args.changes.split(","))):
                print(
                    f"{split} {a['pos']:5} {b['final']!r} ({b['final_right']}) -> {a['final']!r} ({a['final_right']}) "
                    f"gold={a['gold']!r} [{a['doc']}] {a['quote']!r}"
                )
        return
    if not args.cases:
        print(table(splits))
        return
    for split in splits:
        for r in rows(split):
            if r["relation"] in ("disagree", "rules none"):
                print(
                    f"{split} {r['relation']:10} {r['how']:6} cue={r['cue']!r} final={r['final']!r} "
                    f"({r['final_right']}) parse={r['head']!r}/{r['verb']} ({r['parse_right']}) gold={r['gold']!r} "
                    f"[{r['doc']}] {r['quote']!r}\n      {r['sentence']!r}"
                )


if __name__ == "__main__":
    main()
