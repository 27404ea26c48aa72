"""The one selector every ranker uses: eligibility, budget, redundancy, order.

Rankers only score (see :mod:`storyline.rankers.base`); this module decides
which sentences may stand in a summary at all and in what order they read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

import numpy as np

from storyline.features.context import Features
from storyline.model import Item

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
    if text.count("“") != text.count("”") or text.count('"') % 2:
        return "dangling quotation"
    if len(_QUOTED.sub(" ", text).split()) < 3:
        return "unattributed quotation"
    return None


def needs_context(text: str) -> bool:
    """True when the sentence opens with, or is attributed to, an unresolved reference."""
    return bool(_DANGLING_START.match(text) or _PRONOUN_ATTRIBUTION.search(text))


def select(
    features: Features,
    scores: np.ndarray,
    *,
    words: int,
    overflow: bool = False,
    candidates: Collection[int] | None = None,
) -> list[int]:
    """Greedy selection by score under a word budget, in reading order.

    Skips ineligible items, items whose content is already selected (cosine
    above the features' ``related_threshold``) and context-dependent
    items whose preceding sentence is not selected. With ``overflow`` the last
    sentence may cross the budget, for evaluations that truncate to exactly
    N words (DUC style); otherwise the summary never exceeds it. With
    ``candidates``, only those items may be chosen (an update brief's new ones).
    """
    n = len(features)
    if n == 0:
        return []
    allowed = set(candidates) if candidates is not None else None
    redundant = features.related_threshold
    predecessor = _predecessors(features)
    chosen: list[int] = []
    used = 0
    pending: list[int] = []
    for i in np.argsort(-np.nan_to_num(scores, nan=-np.inf), kind="stable"):
        i = int(i)
        if used >= words or (not overflow and words - used < MIN_WORDS):
            break
        item = features.items[i]
        if ineligibility(item) or (allowed is not None and i not in allowed):
            continue
        length = int(features.words[i])
        if used + length > words and not overflow:
            continue
        if chosen and features.similarity_to(i, chosen).max() > redundant:
            continue
        if needs_context(item.text) and predecessor.get(i) not in chosen:
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
    return reading_order(features, chosen)


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
