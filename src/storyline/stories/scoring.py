"""Clustering quality against gold stories: B-cubed and pairwise precision, recall and F1.

B-cubed (Bagga & Baldwin, 1998; Amigó et al., 2009): for each article, the share of its predicted
story that is in its gold story (precision) and the share of its gold story that is in its predicted
story (recall), averaged over articles. Pairwise: precision and recall of the set of article pairs
put in one story, as Miranda et al., EMNLP 2018, report it. Both are computed from the contingency
counts, in time linear in the number of articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

__all__ = ["Scores", "bcubed", "pairwise"]

Scores = tuple[float, float, float]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed (precision, recall, F1) of ``predicted`` (article -> story) against ``gold``, on gold's articles."""
    items = [a for a in gold if a in predicted]
    if not items:
        return 0.0, 0.0, 0.0
    joint = Counter((predicted[a], gold[a]) for a in items)
    pred_size = Counter(predicted[a] for a in items)
    gold_size = Counter(gold[a] for a in items)
    precision = sum(n * n / pred_size[p] for (p, _), n in joint.items()) / len(items)
    recall = sum(n * n / gold_size[g] for (_, g), n in joint.items()) / len(items)
    return precision, recall, _f1(precision, recall)


def pairwise(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """Pairwise (precision, recall, F1): article pairs sharing a predicted story vs sharing a gold story.

    With no predicted pair, precision is 1 (nothing claimed wrongly); with no gold pair, recall is 1.
    """
    items = [a for a in gold if a in predicted]

    def pairs(counts: Counter[object]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter((predicted[a], gold[a]) for a in items))
    claimed = pairs(Counter(predicted[a] for a in items))
    true = pairs(Counter(gold[a] for a in items))
    precision = both / claimed if claimed else 1.0
    recall = both / true if true else 1.0
    return precision, recall, _f1(precision, recall)
