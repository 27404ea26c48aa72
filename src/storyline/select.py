"""The one selector every ranker uses: eligibility, budget, redundancy, order.

Rankers only score (see :mod:`storyline.rankers.base`); this module decides
which sentences may stand in a summary at all and in what order they read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection
from typing import cast

import numpy as np

from storyline.cover import best_cover
from storyline.features.context import Features
from storyline.model import Item
from storyline.rankers.base import AnchoredRanker, Coverage, CoverageRanker, Ranker

# Openings that need a previous sentence to be understood: anaphora and
# discourse connectives ("He said", "However,", "It ...").
# A definite description of someone or something introduced earlier: "The rebel official said ..."
_DEFINITE = (
    r"the (?:\w+ ){0,2}(?:official|spokesman|spokeswoman|source|statement|plan|proposal|report|move|deal|"
    r"group|leader|minister|ministry|agency|envoy|commander)"
)
_DANGLING_START = re.compile(
    r"^[\"“‘']?(he|she|it|they|his|her|its|their|them|this|these|those|such|that|there|"
    r"however|but|and|or|also|instead|still|yet|moreover|furthermore|in addition|nevertheless|"
    rf"nonetheless|thus|therefore|so|then|besides|otherwise|the same|{_DEFINITE})\b",
    re.IGNORECASE,
)
# "..., he said." or "...," the official said. names no speaker: the quote or claim is orphaned without its context.
_PRONOUN_ATTRIBUTION = re.compile(
    rf"[,”\"’]\s*(he|she|it|they|{_DEFINITE})\s+"
    r"(said|says|added|adds|told|tells|stressed|noted|warned|argued|explained|wrote)\b",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
MIN_WORDS = 6


def ineligibility(item: Item) -> str | None:
    """Why an item may not stand alone in a summary (None: it may).

    Context-dependent sentences are handled by :func:`select`, which admits
    them right after the sentence they depend on.
    """
    if not item.selectable:
        return ", ".join(sorted(item.sentence.exclude))
    text = item.text
    if len(text.split()) < MIN_WORDS:
        return "fragment"
    opening, closing, straight = text.count("“"), text.count("”"), text.count('"')
    if opening != closing or straight % 2:
        return "dangling quotation"
    # Without quotation marks nothing is quoted: the sentence's own words (at least MIN_WORDS) stand.
    if (opening or straight) and len(_QUOTED.sub(" ", text).split()) < 3:
        return "unattributed quotation"
    return None


def needs_context(text: str) -> bool:
    """True when the sentence opens with, or is attributed to, an unresolved reference."""
    return bool(_DANGLING_START.match(text) or _PRONOUN_ATTRIBUTION.search(text))


def summarize(
    features: Features,
    ranker: Ranker,
    *,
    words: int,
    overflow: bool = False,
    candidates: Collection[int] | None = None,
) -> list[int]:
    """Score, then select: the ranker's scores, and the concepts to cover when it names them."""
    # What isinstance on the runtime-checkable protocols tests, without its cost (~0.2 ms a check in CPython 3.11).
    names_concepts = callable(getattr(ranker, "coverage", None))
    names_anchor = callable(getattr(ranker, "anchor", None))
    coverage = cast(CoverageRanker, ranker).coverage(features) if names_concepts else None
    anchor = cast(AnchoredRanker, ranker).anchor(features) if names_anchor else None
    return select(
        features,
        ranker.score(features),
        words=words,
        overflow=overflow,
        candidates=candidates,
        coverage=coverage,
        anchor=anchor,
    )


def select(
    features: Features,
    scores: np.ndarray,
    *,
    words: int,
    overflow: bool = False,
    candidates: Collection[int] | None = None,
    coverage: Coverage | None = None,
    anchor: int | None = None,
) -> list[int]:
    """The summary's items under a word budget, in reading order.

    Skips ineligible items, items whose content is already selected (cosine
    above the features' ``related_threshold``) and context-dependent
    items whose preceding sentence is not selected. Without ``coverage`` the
    choice is greedy by score; with it, the set that maximizes the weight of
    the concepts it covers (plus ``coverage.sentence_weight`` times the scaled
    scores) is found exactly (:mod:`storyline.cover`), under the same rules, when
    the budget has at least ``coverage.min_words`` words.
    With ``overflow`` the last sentence may cross the budget, for evaluations
    that truncate to exactly N words (DUC style); otherwise the summary never
    exceeds it. With ``candidates``, only those items may be chosen (an update
    brief's new ones). An ``anchor`` (the sentence stating the story's main
    event) is in the summary whenever it is eligible, needs no context and fits.
    """
    n = len(features)
    if n == 0:
        return []
    allowed = set(candidates) if candidates is not None else None
    predecessor = _predecessors(features)
    eligible = [i for i in range(n) if ineligibility(features.items[i]) is None and (allowed is None or i in allowed)]
    fixed = (
        [anchor]
        if anchor is not None
        and anchor in eligible
        and not needs_context(features.items[anchor].text)
        and int(features.words[anchor]) <= words
        else []
    )
    chosen: list[int] = list(fixed)
    if coverage is not None and words >= coverage.min_words:
        after = {i: predecessor.get(i) for i in eligible if needs_context(features.items[i].text)}
        chosen = best_cover(features, scores, coverage, eligible=eligible, after=after, words=words, fixed=fixed)
    chosen = _greedy(features, scores, eligible, predecessor, chosen, words=words, overflow=overflow)
    return reading_order(features, chosen)


def _greedy(
    features: Features,
    scores: np.ndarray,
    eligible: list[int],
    predecessor: dict[int, int],
    chosen: list[int],
    *,
    words: int,
    overflow: bool,
) -> list[int]:
    """Add eligible items by score to ``chosen`` while the budget allows (see :func:`select`)."""
    redundant = features.related_threshold
    chosen = list(chosen)
    used = int(sum(features.words[i] for i in chosen))
    pending: list[int] = []
    is_eligible = np.zeros(len(features), dtype=bool)
    is_eligible[eligible] = True
    for i in np.argsort(-np.nan_to_num(scores, nan=-np.inf), kind="stable"):
        i = int(i)
        if used >= words or (not overflow and words - used < MIN_WORDS):
            break
        if not is_eligible[i] or i in chosen:
            continue
        length = int(features.words[i])
        if used + length > words and not overflow:
            continue
        if chosen and features.similarity_to(i, chosen).max() > redundant:
            continue
        if needs_context(features.items[i].text) and predecessor.get(i) not in chosen:
            pending.append(i)
            continue
        chosen.append(i)
        used += length
        # A context-dependent sentence seen earlier becomes readable once its predecessor is in.
        for j in [j for j in pending if predecessor.get(j) == i]:
            if used + int(features.words[j]) <= words:
                chosen.append(j)
                used += int(features.words[j])
                pending.remove(j)
    return chosen


def reading_order(features: Features, chosen: list[int]) -> list[int]:
    """Order items by document date (undated last), then document, then position."""

    def key(i: int) -> tuple[bool, dt.date, float, int]:
        sentence = features.items[i].sentence
        date = features.story.document(sentence.doc_id).article.date
        return (date is None, date or dt.date.min, float(features.doc_rank[i]), sentence.index)

    return sorted(chosen, key=key)


def _predecessors(features: Features) -> dict[int, int]:
    """Map each item to the item holding the sentence just before it in its document."""
    where = {}
    for i, item in enumerate(features.items):
        for member in item.members:
            where[(member.doc_id, member.index)] = i
    result = {}
    for i, item in enumerate(features.items):
        s = item.sentence
        before = where.get((s.doc_id, s.index - 1))
        if before is not None:
            result[i] = before
    return result
