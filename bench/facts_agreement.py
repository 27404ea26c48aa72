"""How far two careful readers agree on the news facts gold, and where the system stands between them.

    python bench/facts_agreement.py        # the Markdown section

A second annotator, who wrote no rules and never saw the first labels, labelled the quotations and
figures of 16 gold articles (8 test, 8 dev, sampled at random by the coordinator) from the spans
alone: bench/facts_gold_news/agreement (its README says how). Agreement between the two readers is
the ceiling against which an extractor's accuracy on one reader's labels can be read: a goal above
it measures the first reader's choices, not the extractor.

Measures, on the same spans:

* **Speakers**: two labels agree when both are null, or when a name of one (speaker or alias)
  and a name of the other pass ``facts_quality.same_speaker`` (the scorer's own rule).
* **Figures**: value, unit and event each agree under the scorer's rules
  (``facts_news_quality``: values to 1e-6, units folded, an inflection of the event accepted).
* **The system** is scored against each reader's labels of the same spans with the scorer of
  bench/facts_news_quality.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from facts_news_quality import (
    GOLD,
    Gold,
    Score,
    _same_value,
    load_gold,
    prepared_stories,
    same_event,
    score_figures,
    score_quotes,
    system_figures,
    system_quotes,
    unit_key,
)
from facts_quality import read_jsonl, same_speaker

from storyline.model import Document

AGREEMENT = GOLD / "agreement"


def _names(row: dict[str, Any]) -> list[str]:
    return [row["speaker"], *row.get("aliases", [])] if row.get("speaker") else []


def speakers_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Both unknown, or a name of one is a name of the other."""
    if not a.get("speaker") or not b.get("speaker"):
        return not a.get("speaker") and not b.get("speaker")
    return any(same_speaker(x, y) for x in _names(a) for y in _names(b))


def figure_agreement(a: dict[str, Any], b: dict[str, Any]) -> dict[str, bool]:
    ok = {
        "value": _same_value(float(a["value"]), b["value"]),
        "unit": unit_key(a["unit"]) == unit_key(b["unit"]),
        "event": same_event(a["event"], b["event"]) and same_event(b["event"], a["event"]),
    }
    return {**ok, "all": all(ok.values())}


def _pairs(first: Sequence[dict[str, Any]], second: Sequence[dict[str, Any]]) -> list[tuple[dict, dict]]:
    """The second reader's rows with the first reader's row of the same span (every span must be there)."""
    by_span = {(r["doc"], r["start"], r["end"]): r for r in first}
    missing = [r for r in second if (r["doc"], r["start"], r["end"]) not in by_span]
    if missing:
        raise ValueError(f"{len(missing)} agreement rows name no gold span, e.g. {missing[0]['text']!r}")
    return [(by_span[(r["doc"], r["start"], r["end"])], r) for r in second]


def _share(hits: int, n: int) -> str:
    return f"{hits / n:.3f} ({hits}/{n})" if n else "n/a"


def _system_scores(stories: dict[str, tuple[Document, ...]], quotes: list[dict], figures: list[dict]) -> Score:
    """The system scored against one reader's labels of the sampled spans (``stories``: prepared once)."""
    s = Score()
    docs = {r["doc"] for r in quotes + figures}
    for cluster_docs in stories.values():
        ids = {d.id for d in cluster_docs}
        if not docs & ids:
            continue
        found = system_quotes(cluster_docs)
        score_quotes([q for q in quotes if q["doc"] in ids], found, s)
        for d in cluster_docs:
            score_figures([f for f in figures if f["doc"] == d.id], system_figures(d), s)
    return s


def agreement_section(gold_dir: Path = GOLD) -> str:
    """Markdown: reader-vs-reader agreement and the system against each reader, per split of the sample."""
    agreement = gold_dir / "agreement"
    second_q = read_jsonl(agreement / "quotes.jsonl")
    second_f = read_jsonl(agreement / "figures.jsonl")
    gold = load_gold("all", gold_dir)
    split = {a["id"]: a["split"] for a in gold.articles}
    quote_pairs, figure_pairs = _pairs(gold.quotes, second_q), _pairs(gold.figures, second_f)
    docs = {b["doc"] for _, b in quote_pairs + figure_pairs}
    stories = prepared_stories(Gold([a for a in gold.articles if a["id"] in docs], [], [], []))
    lines = [
        "## Facts gold: agreement of two readers (speakers, figures)",
        "",
        "bench/facts_agreement.py: a second annotator, who wrote no rules and never saw the first labels,",
        f"labelled the spans of {len(docs)} gold articles (sampled at random, about half test) from the text alone",
        "(bench/facts_gold_news/agreement). Reader A: the gold; reader B: the second annotator. The system is",
        "scored against each reader with bench/facts_news_quality.py's rules on the same spans.",
        "",
        "| measure | split | A vs B | system vs A | system vs B |",
        "|---|---|---|---|---|",
    ]
    for part in ("dev", "test"):
        qp = [(a, b) for a, b in quote_pairs if split[b["doc"]] == part]
        fp = [(a, b) for a, b in figure_pairs if split[b["doc"]] == part]
        sys_a = _system_scores(stories, [a for a, _ in qp], [a for a, _ in fp])
        sys_b = _system_scores(stories, [b for _, b in qp], [b for _, b in fp])
        agree = sum(speakers_agree(a, b) for a, b in qp)
        both_named = [(a, b) for a, b in qp if a.get("named") and b.get("named")]
        lines.append(
            f"| speaker agrees (all sampled quotations) | {part} | {_share(agree, len(qp))} | "
            f"wrong-speaker {_share(sys_a.n['q_wrong'], sys_a.n['q_attributed'])} | "
            f"wrong-speaker {_share(sys_b.n['q_wrong'], sys_b.n['q_attributed'])} |"
        )
        lines.append(
            f"| speaker agrees (both readers name one) | {part} | "
            f"{_share(sum(speakers_agree(a, b) for a, b in both_named), len(both_named))} | "
            f"correct named {_share(sys_a.n['q_named_right'], sys_a.n['q_named'])} | "
            f"correct named {_share(sys_b.n['q_named_right'], sys_b.n['q_named'])} |"
        )
        checks = [figure_agreement(a, b) for a, b in fp]
        for key, counter in (("value", "f_value"), ("unit", "f_unit"), ("event", "f_event"), ("all", "f_all")):
            label = "value + unit + event" if key == "all" else key
            lines.append(
                f"| figure {label} | {part} | {_share(sum(c[key] for c in checks), len(checks))} | "
                f"{_share(sys_a.n[counter], sys_a.n['f_gold'])} | {_share(sys_b.n[counter], sys_b.n['f_gold'])} |"
            )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(agreement_section())
