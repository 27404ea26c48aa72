"""Quality of the story facts (quotations, speakers, figures, dates), measured on hand-labelled gold.

    python bench/facts_quality.py                      # print the Markdown section
    python bench/facts_quality.py --split dev          # scores of one part only
    python bench/facts_quality.py --misses --split dev # what that part misses

``--split``: the facts gold is split by article into **dev** (the articles at even positions of
facts_gold/articles.jsonl: 0, 2, 4, ...), the only part to read misses of while tuning, and
**held-out** (odd positions), kept as an honest test; ``seeds`` is the seed set alone and ``all``
(the default) the seeds with the whole facts gold.

Two gold sets, scored separately and pooled:

* **seeds**: the five Aleppo seed articles (../shared/seeds) against tests/extract/quotes_gold.jsonl,
  figures_gold.jsonl and the seed rows of dates_gold.jsonl;
* **facts gold**: 14 real articles from 9 outlets in bench/facts_gold (see its README), annotated
  and committed before the extractors were tuned on them.

Matching rules (the same for both sets):

* **Quotations**: a system quotation matches a gold one of the same document when their texts are
  equal after folding case, quote marks, spaces and outer punctuation, or one contains the other
  and the shorter is at least half as long (one-to-one, in reading order).
* **Speakers**: precision over matched quotations to which the system gives a speaker; recall
  over gold quotations with a named speaker (``named`` in the gold; seeds: any non-null speaker).
  Two speakers agree when the last word of one (case folded, possessive "'s" dropped, "the/a/of"
  ignored) is a word of the other: "Sargent" / "Macmillan CEO John Sargent", "Hall" / "Patrol
  Chief James Hall".
* **Figures**: per document, the multiset of (value, unit), units folded ("%"/"per cent" ->
  percent, "$"/dollars -> usd, a plural "s" dropped). Only documents with figure gold count.
* **Dates**: each gold mention is found when a system mention overlaps its span, right when the
  resolved date and precision also agree. The anchor is the publication date: given in
  facts_gold/articles.jsonl (the pipeline's inferred date where it is null), and for the dateless
  seeds the annotators' ``anchor``; the dates the pipeline infers for the seeds are scored apart
  against those anchors.

The module also holds the scorers the extract tests use (``figures_score``, ``dates_score``):
library code does not know where the repository keeps its gold.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from storyline.extract.dates import resolve_mentions
from storyline.extract.figures import find_figures
from storyline.extract.quotes import extract_quotes
from storyline.ingest import load_articles
from storyline.ingest.text import article_from_text
from storyline.model import Article, Corpus, DateMention, Document, Sentence
from storyline.pipeline import prepare_story

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "seeds"
SEED_GOLD = HERE.parent / "tests" / "extract"
FACTS_GOLD = HERE / "facts_gold"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --- loading -----------------------------------------------------------------------------------


def seed_documents(seeds: Path = SEEDS) -> tuple[Document, ...]:
    return prepare_story(load_articles(seeds)).documents


SPLITS = ("dev", "heldout", "all")


def split_ids(gold_dir: Path = FACTS_GOLD, split: str = "all") -> set[str]:
    """The article ids of one part of the facts gold: dev (even positions), heldout (odd) or all."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    rows = read_jsonl(gold_dir / "articles.jsonl")
    return {r["id"] for i, r in enumerate(rows) if split == "all" or (i % 2 == 0) == (split == "dev")}


def gold_documents(gold_dir: Path = FACTS_GOLD, split: str = "all") -> tuple[Document, ...]:
    """The gold set's articles, each with its publication date (when known) as the article date."""
    articles = []
    ids = split_ids(gold_dir, split)
    for row in read_jsonl(gold_dir / "articles.jsonl"):
        if row["id"] not in ids:
            continue
        path = gold_dir / "articles" / f"{row['id']}.txt"
        article = article_from_text(path.read_text(encoding="utf-8"), doc_id=row["id"], path=path)
        date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        articles.append(replace(article, date=date, source=row.get("source")))
    return prepare_story(Corpus(tuple(articles))).documents


# --- counts ------------------------------------------------------------------------------------


@dataclass
class Counts:
    """Numerators and denominators, pooled by adding."""

    n: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.n + other.n, self.misses + other.misses)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a (0/0)"


# --- quotations --------------------------------------------------------------------------------

_FOLD = str.maketrans("\u2018\u2019\u201c\u201d\u00ab\u00bb", '\'\'""""')


def _norm_quote(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    return " ".join(t.split()).strip(" .,;:!?\"'")


def _same_quote(a: str, b: str) -> bool:
    x, y = _norm_quote(a), _norm_quote(b)
    if x == y:
        return True
    short, long_ = sorted((x, y), key=len)
    return bool(short) and short in long_ and len(short) * 2 >= len(long_)


_SKIP = {"the", "a", "an", "of"}


def _name_words(name: str) -> list[str]:
    t = unicodedata.normalize("NFKC", name).casefold().replace("\u2019", "'")
    words = [re.sub(r"'s$", "", w) for w in re.findall(r"[\w'.-]+", t)]
    return [w.strip(".'-") for w in words if w.strip(".'-") and w.strip(".'-") not in _SKIP]


def same_speaker(gold: str | None, found: str | None) -> bool:
    """Whether the last word of either speaker is a word of the other (the documented rule)."""
    if gold is None or found is None:
        return False
    g, f = _name_words(gold), _name_words(found)
    return bool(g and f) and (g[-1] in f or f[-1] in g)


def score_quotes(documents: Sequence[Document], gold: Sequence[dict[str, Any]]) -> Counts:
    found: dict[str, list[tuple[str, str | None]]] = {}
    for q in (quote.to_dict() for quote in extract_quotes(documents)):
        speaker = q["speaker"] if isinstance(q["speaker"], str) else None
        support = q["support"]
        assert isinstance(support, list)
        for ref in support:
            text = next(d for d in documents if d.id == ref["doc"]).article.text[ref["start"] : ref["end"]]
            found.setdefault(ref["doc"], []).append((text, speaker))
    c = Counts()
    c.n["predicted"] = sum(len(v) for v in found.values())
    c.n["gold"] = len(gold)
    for doc in {g["doc"] for g in gold} | set(found):
        preds = list(found.get(doc, []))
        used: set[int] = set()
        for g in (g for g in gold if g["doc"] == doc):
            named = g.get("named", g["speaker"] is not None)
            c.n["named"] += bool(named)
            hit = next((i for i, (t, _) in enumerate(preds) if i not in used and _same_quote(t, g["text"])), None)
            if hit is None:
                c.misses.append(f"quote missed [{doc}]: {g['text'][:70]}")
                continue
            used.add(hit)
            c.n["matched"] += 1
            speaker = preds[hit][1]
            right = same_speaker(g["speaker"], speaker)
            if speaker is not None:
                c.n["attributed"] += 1
                c.n["attributed_right"] += right
                if not right:
                    c.misses.append(f"speaker wrong [{doc}]: {speaker!r} for {g['speaker']!r}: {g['text'][:40]}")
            if named:
                c.n["named_right"] += right
                if speaker is None:
                    c.misses.append(f"speaker missing [{doc}]: {g['speaker']!r}: {g['text'][:40]}")
        for i, (t, _) in enumerate(preds):
            if i not in used:
                c.misses.append(f"quote extra [{doc}]: {t[:70]}")
    return c


# --- figures -----------------------------------------------------------------------------------


def norm_unit(unit: object) -> str | None:
    if unit is None:
        return None
    u = str(unit).casefold().strip()
    if u in {"%", "per cent", "pct", "percentage"}:
        return "percent"
    if u in {"$", "dollar", "dollars", "usd", "us$"}:
        return "usd"
    return _singular(u)


def _singular(word: str) -> str:
    """A plural folded to its singular: "businesses" -> "business", "cities" -> "city", "cases" -> "case"."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    return word[:-1]


def _figure_key(value: object, unit: object) -> tuple[float, str | None]:
    return round(float(str(value)), 6), norm_unit(unit)


def figures_score(documents: Sequence[Document], gold: Sequence[dict[str, Any]]) -> tuple[float, float, int, int]:
    """(precision, recall, predicted, gold): per document, multisets of (value, unit)."""
    c = score_figures(documents, gold)
    p = c.n["right"] / c.n["predicted"] if c.n["predicted"] else 1.0
    r = c.n["right"] / c.n["gold"] if c.n["gold"] else 1.0
    return p, r, c.n["predicted"], c.n["gold"]


def score_figures(documents: Sequence[Document], gold: Sequence[dict[str, Any]]) -> Counts:
    c = Counts()
    for d in documents:
        golds = Counter(_figure_key(g["value"], g["unit"]) for g in gold if g["doc"] == d.id)
        if not golds:
            continue
        preds = Counter(_figure_key(m.value, m.unit) for m in find_figures(d))
        right = golds & preds
        c.n["gold"] += sum(golds.values())
        c.n["predicted"] += sum(preds.values())
        c.n["right"] += sum(right.values())
        c.misses += [f"figure missed [{d.id}]: {k}" for k in (golds - preds).elements()]
        c.misses += [f"figure extra [{d.id}]: {k}" for k in (preds - golds).elements()]
    return c


# --- dates -------------------------------------------------------------------------------------


def score_dates(
    documents: Sequence[Document], gold: Sequence[dict[str, Any]], anchors: dict[str, dt.date] | None = None
) -> Counts:
    """Gold rows carry ``doc``, ``start``, ``end``, ``date``, ``precision`` (document offsets).

    Mentions are resolved against ``anchors[doc]`` when given, else the pipeline's document date.
    """
    c = Counts()
    by_doc = {d.id: d for d in documents}
    for doc_id in sorted({g["doc"] for g in gold}):
        d = by_doc[doc_id]
        anchor = (anchors or {}).get(doc_id, d.article.date)
        pred = resolve_mentions(d, anchor)
        for g in (g for g in gold if g["doc"] == doc_id):
            hits = [p for p in pred if p.ref.start < g["end"] and g["start"] < p.ref.end]
            ok = any(p.value == g["date"] and p.precision == g["precision"] for p in hits)
            c.n["gold"] += 1
            c.n["found"] += bool(hits)
            c.n["right"] += ok
            if g["precision"] == "day":
                c.n["day_gold"] += 1
                c.n["day_right"] += ok
            if not ok:
                got = [(p.text, p.value) for p in hits]
                c.misses.append(f"date wrong [{doc_id}] {g['text']!r} -> {g['date']}: got {got} (anchor {anchor})")
    return c


def dates_score(gold: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Score resolve_mentions on gold mentions given with their sentence (``context``) and ``anchor``.

    A gold mention is found when a predicted mention overlaps its span; it is right when the
    date and precision also match. ``day_accuracy`` is over gold mentions of day precision.
    """
    predicted_total = matched_pred = found = right = day_gold = day_right = 0
    contexts: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
    for g in gold:
        contexts.setdefault((g["context"], g.get("anchor")), []).append(g)
    for (context, anchor_s), golds in contexts.items():
        doc = Document(Article(id="gold", text=context), (Sentence("gold", 0, 0, len(context), context),))
        anchor = dt.date.fromisoformat(anchor_s) if anchor_s else None
        pred = resolve_mentions(doc, anchor)
        predicted_total += len(pred)

        def overlaps(p: DateMention, g: dict[str, Any]) -> bool:
            return p.ref.start < int(g["end"]) and int(g["start"]) < p.ref.end

        matched_pred += sum(1 for p in pred if any(overlaps(p, g) for g in golds))
        for g in golds:
            hits = [p for p in pred if overlaps(p, g)]
            ok = any(p.value == g["date"] and p.precision == g["precision"] for p in hits)
            found += bool(hits)
            right += ok
            if g["precision"] == "day":
                day_gold += 1
                day_right += ok
    n = len(gold)
    return {
        "gold": n,
        "predicted": predicted_total,
        "recall": found / n if n else 1.0,
        "precision": matched_pred / predicted_total if predicted_total else 1.0,
        "accuracy": right / n if n else 1.0,
        "day_gold": day_gold,
        "day_accuracy": day_right / day_gold if day_gold else 1.0,
    }


# --- the report --------------------------------------------------------------------------------


@dataclass
class SetScore:
    quotes: Counts
    figures: Counts
    dates: Counts
    inferred: Counts = field(default_factory=Counts)  # inferred document dates against annotated ones

    def __add__(self, other: SetScore) -> SetScore:
        return SetScore(
            self.quotes + other.quotes,
            self.figures + other.figures,
            self.dates + other.dates,
            self.inferred + other.inferred,
        )


def score_seeds(seeds: Path = SEEDS, gold_dir: Path = SEED_GOLD) -> SetScore:
    documents = seed_documents(seeds)
    dates = [
        {**g, "start": g["doc_start"], "end": g["doc_end"]}
        for g in read_jsonl(gold_dir / "dates_gold.jsonl")
        if g.get("source") == "seeds"
    ]
    # The seeds carry no date; the annotators' publication dates are the anchors (as the facts gold
    # set's known dates are), and the dates the pipeline infers are scored apart (``inferred``).
    anchors = {g["doc"]: dt.date.fromisoformat(g["anchor"]) for g in dates}
    inferred = Counts()
    for d in documents:
        if d.id in anchors and d.article.date_inferred:
            inferred.n["gold"] += 1
            inferred.n["right"] += d.article.date == anchors[d.id]
            if d.article.date != anchors[d.id]:
                inferred.misses.append(f"document date [{d.id}]: inferred {d.article.date}, annotated {anchors[d.id]}")
        elif d.id in anchors:
            inferred.n["gold"] += 1
            inferred.misses.append(f"document date [{d.id}]: none inferred, annotated {anchors[d.id]}")
    return SetScore(
        score_quotes(documents, read_jsonl(gold_dir / "quotes_gold.jsonl")),
        score_figures(documents, read_jsonl(gold_dir / "figures_gold.jsonl")),
        score_dates(documents, dates, anchors),
        inferred,
    )


def score_gold(gold_dir: Path = FACTS_GOLD, split: str = "all") -> SetScore:
    """The facts gold set, or one part of it (``split``: dev, heldout or all)."""
    documents = gold_documents(gold_dir, split)
    ids = {d.id for d in documents}

    def gold(name: str) -> list[dict[str, Any]]:
        return [g for g in read_jsonl(gold_dir / name) if g["doc"] in ids]

    return SetScore(
        score_quotes(documents, gold("quotes.jsonl")),
        score_figures(documents, gold("figures.jsonl")),
        score_dates(documents, gold("dates.jsonl")),
    )


def _rows(s: SetScore) -> list[str]:
    q, f, d = s.quotes.n, s.figures.n, s.dates.n
    return [
        _ratio(q["matched"], q["predicted"]),
        _ratio(q["matched"], q["gold"]),
        _ratio(q["attributed_right"], q["attributed"]),
        _ratio(q["named_right"], q["named"]),
        _ratio(f["right"], f["predicted"]),
        _ratio(f["right"], f["gold"]),
        _ratio(d["day_right"], d["day_gold"]),
        _ratio(d["right"], d["gold"]),
        _ratio(d["found"], d["gold"]),
        _ratio(s.inferred.n["right"], s.inferred.n["gold"]),
    ]


MEASURES = [
    "quote detection precision",
    "quote detection recall",
    "speaker precision (speaker given, matched quotes)",
    "speaker recall (gold named speakers)",
    "figure precision (value + unit)",
    "figure recall (value + unit)",
    "resolved dates, day precision: accuracy",
    "resolved dates, all precisions: accuracy",
    "date mentions found",
    "document date inferred from the text = annotated date",
]


def facts_section(seeds: Path = SEEDS, seed_gold: Path = SEED_GOLD, gold_dir: Path = FACTS_GOLD) -> str:
    """Markdown: quotations, speakers, figures and dates on the seeds, the facts gold set (its dev and
    held-out parts, and whole) and both."""
    a, dev, held = score_seeds(seeds, seed_gold), score_gold(gold_dir, "dev"), score_gold(gold_dir, "heldout")
    b = dev + held
    both = a + b
    columns = [_rows(a), _rows(dev), _rows(held), _rows(b), _rows(both)]
    contexts = dates_score([g for g in read_jsonl(seed_gold / "dates_gold.jsonl") if g.get("source") != "seeds"])
    lines = [
        "## Story facts: quotations, speakers, figures, dates",
        "",
        "bench/facts_quality.py: the rule-based extractors (src/storyline/extract) against hand-labelled gold: the",
        "five seed articles (tests/extract/*_gold.jsonl) and bench/facts_gold, 14 real articles from 9 outlets",
        "annotated before tuning (rules in its README). Speakers agree when the last word of one is a word of the",
        "other; figures match on value and unit per document; a date is right when its span overlaps the gold",
        "mention and the resolved date and precision agree, resolved against the article's publication date (the",
        "facts gold's known dates; the seeds' annotated dates, the seeds' inferred dates scored in the last row).",
        "Goals: speaker precision >= 0.9 with recall >= 0.8 on named speakers; day-level dates >= 0.9.",
        "The facts gold is split by article: dev (even positions in articles.jsonl), the part the extractors were",
        "tuned on, and held-out (odd positions), never read while tuning: held-out is the honest figure.",
        "",
        "| measure | seeds | facts gold dev | facts gold held-out | facts gold | combined |",
        "|---|---|---|---|---|---|",
    ]
    for i, name in enumerate(MEASURES):
        lines.append(f"| {name} | " + " | ".join(c[i] for c in columns) + " |")
    lines += [
        "",
        f"Date mentions in {contexts['gold']} hand-written sentences with a given anchor "
        f"(tests/extract/dates_gold.jsonl, non-seed rows): day-level accuracy {contexts['day_accuracy']:.2f} "
        f"({contexts['day_gold']} day mentions), "
        f"all precisions {contexts['accuracy']:.2f}.",
        "",
    ]
    return "\n".join(lines)


def misses(score: SetScore) -> Iterable[str]:
    yield from score.quotes.misses
    yield from score.figures.misses
    yield from score.dates.misses
    yield from score.inferred.misses


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the misses instead of the scores")
    parser.add_argument(
        "--split",
        choices=(*SPLITS, "seeds"),
        default=None,
        help="dev / heldout: that part of the facts gold alone; seeds: the seeds alone; all: seeds + facts gold",
    )
    args = parser.parse_args(argv)
    if args.split is None and not args.misses:
        print(facts_section())
        return
    split = args.split or "all"
    score = score_seeds() if split == "seeds" else score_gold(split=split)
    if split == "all":
        score = score_seeds() + score
    if args.misses:
        for line in misses(score):
            print(line)
        return
    for name, value in zip(MEASURES, _rows(score), strict=True):
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
