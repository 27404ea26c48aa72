"""Lead: the first sentences of the earliest documents (the classic news baseline)."""

from __future__ import annotations

import numpy as np

from storyline.features.context import Features


class Lead:
    """Orders items by document date, then by position in the document.

    The lead baseline of DUC/TAC multi-document evaluations (Nenkova, 2005):
    news puts the most important facts first.
    """

    name = "lead"
    description = "first sentences of the earliest documents (news baseline)"
    needs_embeddings = False

    def score(self, features: Features) -> np.ndarray:
        longest = features.position.max(initial=0) + 1
        return -(features.doc_rank * longest + features.position)
