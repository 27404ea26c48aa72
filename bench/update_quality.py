"""How much of an update brief repeats the earlier articles, against a plain brief of the newer ones.

A summary sentence *repeats* when at least half of its word trigrams occur in the earlier
articles (an n-gram measure, independent of the similarity the update uses to pick what is new).
Splits:

* seeds, leave one out: each of the five reports as "newer", the other four as earlier;
* seeds, by position: the first three files earlier, the last two newer;
* Opinosis dev topics (../shared/data/opinosis/dev.jsonl): each topic's sentences shuffled with a
  fixed seed and cut in half.

No benchmark file in ../shared/data has dated clusters with references for a later period (the
TAC update setting), so the update is not scored with ROUGE here; any file that has them can be
added to SPLITS.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
sys.path.insert(0, str(HERE))

from storyline.config import BriefConfig  # noqa: E402


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    from storyline.text.normalize import tokens

    words = tokens(text)
    return set(zip(words, words[1:], words[2:], strict=False))


def _repeat_share(sentences: Sequence[str], earlier_text: str) -> tuple[int, int]:
    earlier = _trigrams(earlier_text)
    repeated = 0
    for sentence in sentences:
        grams = _trigrams(sentence)
        if grams and len(grams & earlier) / len(grams) >= 0.5:
            repeated += 1
    return repeated, len(sentences)


def _splits() -> Iterator[tuple[str, str, list, list]]:
    import storyline
    from storyline.eval.datasets import load_benchmark

    seeds = list(storyline.load_articles(SHARED / "seeds").articles)
    for article in seeds:
        yield "seeds, leave one out", f"new={article.id[:3]}", [a for a in seeds if a is not article], [article]
    yield "seeds, first 3 / last 2", "files 000-002 / 003-004", seeds[:3], seeds[3:]
    opinosis = SHARED / "data" / "opinosis" / "dev.jsonl"
    if opinosis.exists():
        _, clusters = load_benchmark(opinosis)
        for cluster in clusters:
            articles = list(cluster.articles)
            random.Random(0).shuffle(articles)
            half = len(articles) // 2
            yield "Opinosis dev, halves", cluster.id, articles[:half], articles[half:]


def update_section(words: int = 100) -> str:
    import storyline

    totals: dict[tuple[str, str], list[int]] = {}
    for embeddings in ("none", "static"):
        config = storyline.BriefConfig(embeddings=embeddings, words=words)
        for group, _name, earlier, newer in _splits():
            _count(totals.setdefault((group, embeddings), [0] * 5), earlier, newer, config)
    lines = [
        "| split | embeddings | cases | update: sentences repeating the earlier set "
        "| plain brief of the newer set: repeating |",
        "|---|---|---|---|---|",
    ]
    for (group, embeddings), (cases, r, n, pr, pn) in totals.items():
        lines.append(
            f"| {group} | {embeddings} | {cases} | {r} of {n} ({_pct(r, n)}) | {pr} of {pn} ({_pct(pr, pn)}) |"
        )
    return "\n".join(
        [
            "## Update brief: what is new",
            "",
            "bench/update_quality.py: `build_update(newer, since=earlier)` against a plain brief of the newer",
            f"articles, {words} words. A sentence repeats when at least half of its word trigrams occur in the",
            "earlier articles (syndicated and spun copies keep most trigrams; shared phrasing like 'the rebel",
            "official said' alone does not make a repeat). No file in ../shared/data has dated clusters",
            "with references for a later period, so the update's ROUGE against such references was not measured.",
            "",
            *lines,
        ]
    )


def _count(row: list[int], earlier: list, newer: list, config: BriefConfig) -> None:
    import storyline
    from storyline.pipeline import build_update

    earlier_text = "\n".join(a.text for a in earlier)
    update = build_update(newer, since=earlier, config=config)
    plain = storyline.build_brief(newer, config)
    r, n = _repeat_share([s.text for s in update.summary], earlier_text)
    pr, pn = _repeat_share([s.text for s in plain.summary], earlier_text)
    for k, value in enumerate((1, r, n, pr, pn)):
        row[k] += value


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f}%" if b else "n/a"


if __name__ == "__main__":
    print(update_section())
